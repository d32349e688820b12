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
	as, ae, bs, be := a.Start.Offset, a.End.Offset, b.Start.Offset, b.End.Offset
	if as < be && bs < ae {
		return true
	}
	if as == ae && bs <= as && as <= be {
		return true
	}
	return bs == be && as <= bs && bs <= ae
}
