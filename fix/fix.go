// Package fix applies the edits of diagnostics' fixes to a source. Edits
// are byte replacements on the source the engine read (request.Edit); the
// bytes outside them never change.
package fix

import (
	"bytes"
	"slices"

	"github.com/atslint/atslint/request"
)

// Apply applies fixes, each a group of edits taken together or not at all,
// to src in the order given. A fix that overlaps one already taken waits:
// it is left out of this round, to be found again, or gone, when the result
// is checked again. A fix with an edit outside src, or with edits that
// overlap each other, is left out; so is one identical to a fix already
// taken (two rules naming the same change). It returns the new source and
// how many fixes it took.
func Apply(src []byte, fixes [][]request.Edit) ([]byte, int) {
	var taken []request.Edit
	var takenFixes [][]request.Edit
	n := 0
next:
	for _, f := range fixes {
		if !valid(src, f) {
			continue
		}
		for _, t := range takenFixes {
			if slices.Equal(t, f) {
				continue next
			}
		}
		for _, e := range f {
			for _, t := range taken {
				if request.Overlap(e.Span, t.Span) {
					continue next
				}
			}
		}
		taken = append(taken, f...)
		takenFixes = append(takenFixes, f)
		n++
	}
	if n == 0 {
		return src, 0
	}
	slices.SortFunc(taken, func(a, b request.Edit) int { return a.Span.Start.Offset - b.Span.Start.Offset })
	var out bytes.Buffer
	out.Grow(len(src))
	at := 0
	for _, e := range taken {
		out.Write(src[at:e.Span.Start.Offset])
		out.WriteString(e.Text)
		at = e.Span.End.Offset
	}
	out.Write(src[at:])
	return out.Bytes(), n
}

// valid reports a non-empty fix whose edits lie in src and do not overlap.
func valid(src []byte, f []request.Edit) bool {
	for i, e := range f {
		s, t := e.Span.Start.Offset, e.Span.End.Offset
		if s < 0 || s > t || t > len(src) {
			return false
		}
		for _, o := range f[i+1:] {
			if request.Overlap(e.Span, o.Span) {
				return false
			}
		}
	}
	return len(f) > 0
}
