package rules

import (
	"math"

	"github.com/atslint/atslint/request"
)

// heldSpan is a request.Span in less memory: its offsets as int32 (lines
// and columns are int32 already). A span with an offset that does not fit
// (past 2 GiB in a long recording) is kept whole in Held.wide instead.
// This and unpack are the only places that know the fields of a Span.
type heldSpan struct {
	startOff, startLine, startCol int32
	endOff, endLine, endCol       int32
}

func packSpan(sp request.Span) (heldSpan, bool) {
	for _, n := range [...]int{sp.Start.Offset, sp.End.Offset} {
		if n < math.MinInt32 || n > math.MaxInt32 {
			return heldSpan{}, false
		}
	}
	return heldSpan{
		int32(sp.Start.Offset), sp.Start.Line, sp.Start.Column,
		int32(sp.End.Offset), sp.End.Line, sp.End.Column,
	}, true
}

func (s heldSpan) unpack() request.Span {
	return request.Span{
		Start: request.Pos{Offset: int(s.startOff), Line: s.startLine, Column: s.startCol},
		End:   request.Pos{Offset: int(s.endOff), Line: s.endLine, Column: s.endCol},
	}
}
