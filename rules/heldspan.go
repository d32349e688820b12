package rules

import (
	"math"

	"github.com/atslint/atslint/request"
)

// heldSpan is a request.Span in half the memory: its numbers as int32. A
// span with a number that does not fit (an offset past 2 GiB in a long
// recording) is kept whole in Held.wide instead. This and unpack are the
// only places that know the fields of a Span.
type heldSpan struct {
	startOff, startLine, startCol int32
	endOff, endLine, endCol       int32
	frontStart, frontEnd          int32
}

func packSpan(sp request.Span) (heldSpan, bool) {
	for _, n := range [...]int{sp.Start.Offset, sp.Start.Line, sp.Start.Column, sp.End.Offset, sp.End.Line, sp.End.Column, sp.Front.Start, sp.Front.End} {
		if n < math.MinInt32 || n > math.MaxInt32 {
			return heldSpan{}, false
		}
	}
	return heldSpan{
		int32(sp.Start.Offset), int32(sp.Start.Line), int32(sp.Start.Column),
		int32(sp.End.Offset), int32(sp.End.Line), int32(sp.End.Column),
		int32(sp.Front.Start), int32(sp.Front.End),
	}, true
}

func (s heldSpan) unpack() request.Span {
	return request.Span{
		Start: request.Pos{Offset: int(s.startOff), Line: int(s.startLine), Column: int(s.startCol)},
		End:   request.Pos{Offset: int(s.endOff), Line: int(s.endLine), Column: int(s.endCol)},
		Front: request.FrontSpan{Start: int(s.frontStart), End: int(s.frontEnd)},
	}
}
