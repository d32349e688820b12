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

// Range returns the range a span covers in its own positions: the front
// end's (Front) when it set them, else the byte offsets.
func (s Span) Range() (start, end int) {
	if s.Front != (FrontSpan{}) {
		return s.Front.Start, s.Front.End
	}
	return s.Start.Offset, s.End.Offset
}

// Sub returns the part [from, to) of a span, counted in bytes from its
// start, for a span whose text maps byte for byte onto its source (a
// string literal without escapes). Front positions move alike: go/token
// positions count bytes too.
func (s Span) Sub(from, to int) Span {
	at := func(off int) Pos {
		p := s.Start
		p.Offset += off
		p.Column += off
		return p
	}
	out := Span{Start: at(from), End: at(to)}
	if s.Front != (FrontSpan{}) {
		out.Front = FrontSpan{Start: s.Front.Start + from, End: s.Front.Start + to}
	}
	return out
}
