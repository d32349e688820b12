package request

// Edit replaces the source text of Span with Text: a byte replacement on
// the source a front end read, in that front end's positions. An empty Span
// range inserts Text at its start.
type Edit struct {
	Span Span
	Text string
}

// Overlap reports whether two edit ranges conflict: they share a byte, or
// one inserts at a point the other covers or also inserts at (the order of
// the two would be a guess).
func Overlap(a, b Span) bool {
	as, ae := a.Range()
	bs, be := b.Range()
	if as < be && bs < ae {
		return true
	}
	if as == ae && bs <= as && as <= be {
		return true
	}
	return bs == be && as <= bs && bs <= ae
}

// Range returns the range a span covers in its own positions: the byte
// offsets of a file, or a front end's own positions (FrontSpan).
func (s Span) Range() (start, end int) {
	return s.Start.Offset, s.End.Offset
}

// Sub returns the part [from, to) of a span, counted in bytes from its
// start, for a span whose text maps byte for byte onto its source (a
// string literal without escapes). Front positions move alike (go/token
// positions count bytes too) and stay without line and column.
func (s Span) Sub(from, to int) Span {
	front := s.Start.Line == 0
	at := func(off int) Pos {
		p := s.Start
		p.Offset += off
		if !front {
			p.Column += int32(off)
		}
		return p
	}
	return Span{Start: at(from), End: at(to)}
}
