// Package udiff writes unified diffs that `git apply` and `patch` accept.
package udiff

import (
	"fmt"
	"io"
	"strings"
)

// context is how many unchanged lines surround a change, as diff -u.
const context = 3

// op is one line of an edit script: ' ' kept, '-' deleted, '+' inserted.
type op struct {
	kind byte
	line string // with its "\n", if it has one
}

// Write writes the diff from old to new of the file name as a git diff
// (a/name, b/name). It writes nothing when the two are equal.
func Write(w io.Writer, name string, old, new []byte) error {
	if string(old) == string(new) {
		return nil
	}
	a, b := lines(string(old)), lines(string(new))
	script := diff(a, b)
	var sb strings.Builder
	fmt.Fprintf(&sb, "diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n", name, name, name, name)
	for _, h := range hunks(script) {
		writeHunk(&sb, script[h[0]:h[1]], h[2], h[3])
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// lines splits s after each "\n"; the last line may lack one.
func lines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// diff is a shortest edit script from a to b (Myers' O(ND) algorithm,
// after the lines common to both ends are set aside).
func diff(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []op
	for _, l := range a[:pre] {
		out = append(out, op{' ', l})
	}
	out = append(out, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		out = append(out, op{' ', l})
	}
	return out
}

func myers(a, b []string) []op {
	n, m := len(a), len(b)
	max := n + m
	if max == 0 {
		return nil
	}
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[max+k-1] < v[max+k+1] {
				x = v[max+k+1] // down: insert from b
			} else {
				x = v[max+k-1] + 1 // right: delete from a
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[max+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, d, max)
			}
		}
	}
	return nil // not reached: d = n+m always ends
}

// backtrack walks the saved frontiers back from (n, m) to (0, 0): each
// step d is a snake (kept lines) after one insertion or deletion.
func backtrack(a, b []string, trace [][]int, d, max int) []op {
	x, y := len(a), len(b)
	var rev []op
	for ; d > 0; d-- {
		v := trace[d] // the frontier before step d
		k := x - y
		pk := k - 1
		if k == -d || k != d && v[max+k-1] < v[max+k+1] {
			pk = k + 1
		}
		px := v[max+pk]
		py := px - pk
		for x > px && y > py {
			x, y = x-1, y-1
			rev = append(rev, op{' ', a[x]})
		}
		if x == px {
			rev = append(rev, op{'+', b[py]})
		} else {
			rev = append(rev, op{'-', a[px]})
		}
		x, y = px, py
	}
	for x > 0 {
		x--
		rev = append(rev, op{' ', a[x]})
	}
	out := make([]op, len(rev))
	for i, o := range rev {
		out[len(rev)-1-i] = o
	}
	return out
}

// hunks groups the changes of a script with their context: each is
// [from, to) in the script and the 1-based start lines in a and b.
func hunks(s []op) [][4]int {
	var out [][4]int
	aLine, bLine := make([]int, len(s)+1), make([]int, len(s)+1)
	for i, o := range s {
		aLine[i+1], bLine[i+1] = aLine[i], bLine[i]
		if o.kind != '+' {
			aLine[i+1]++
		}
		if o.kind != '-' {
			bLine[i+1]++
		}
	}
	for i := 0; i < len(s); {
		if s[i].kind == ' ' {
			i++
			continue
		}
		from := max(0, i-context)
		j := i
		for j < len(s) {
			if s[j].kind != ' ' {
				j++
				continue
			}
			k := j
			for k < len(s) && s[k].kind == ' ' {
				k++
			}
			if k == len(s) || k-j > 2*context {
				break
			}
			j = k
		}
		to := min(len(s), j+context)
		out = append(out, [4]int{from, to, aLine[from] + 1, bLine[from] + 1})
		i = to
	}
	return out
}

func writeHunk(sb *strings.Builder, s []op, aStart, bStart int) {
	na, nb := 0, 0
	for _, o := range s {
		if o.kind != '+' {
			na++
		}
		if o.kind != '-' {
			nb++
		}
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", rng(aStart, na), rng(bStart, nb))
	for _, o := range s {
		sb.WriteByte(o.kind)
		sb.WriteString(o.line)
		if !strings.HasSuffix(o.line, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// rng is a hunk range: "start,count", with an empty range starting at the
// line before it, as diff -u writes it.
func rng(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
