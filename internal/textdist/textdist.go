// Package textdist measures how far apart two names are, for "did you mean"
// suggestions in diagnostics and config errors.
package textdist

import "strings"

// Levenshtein is the edit distance between a and b, counted in bytes.
func Levenshtein(a, b string) int {
	if a == b {
		return 0
	}
	// Two rows on the stack for the short words compared in practice.
	var rows [2][33]int
	var prev, cur []int
	if len(b) < len(rows[0]) {
		prev, cur = rows[0][:len(b)+1], rows[1][:len(b)+1]
	} else {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Closest returns the candidate nearest to s (case-insensitive), and whether
// it is within limit edits and closer than s is long, so that it is a
// plausible typo rather than a different word. Ties go to the earlier
// candidate.
func Closest(s string, candidates []string, limit int) (string, bool) {
	ls := strings.ToLower(s)
	best, bestD := "", -1
	for _, c := range candidates {
		d := Levenshtein(ls, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD >= 0 && bestD <= limit && bestD < len(s)
}
