package rules

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/atslint/atslint/request"
)

func TestHeldGivesBackWhatWasAdded(t *testing.T) {
	fix := &Fix{Safety: Unsafe, Description: "rename", Edits: []request.Edit{{Text: `"x"`}}}
	ds := []Diagnostic{
		{Rule: "stackone/unknown-field", Severity: Warning, Operation: "ats_create_candidate_note", Pointer: "/12/body/auther_id",
			Request: 12, Predicts: Silent, Message: "unknown field", Span: request.Span{Start: request.Pos{Offset: 5, Line: 2, Column: 3}}, Fix: fix},
		{Rule: "stackone/unknown-field", Severity: Warning, Pointer: "/12", Request: 12, Message: "unknown field"},
		{Rule: "stackone/unknown-field", Pointer: "/120/body", Request: 12},
		{Rule: "stackone/unknown-field", Pointer: "/log/entries/7/request/url", Request: 7, Provider: "lever"},
		{Rule: "stackone/unknown-field", Pointer: "/1/x/1", Request: 1},
		{Rule: "stackone/unknown-field", Pointer: "", Request: 0},
		{Rule: "stackone/unknown-field", Pointer: "/body", Request: 0, Span: request.FrontSpan(4, 9)},
	}
	if math.MaxInt > math.MaxInt32 {
		// Offsets past 2 GiB, in a long recording.
		far := math.MaxInt32 + 9
		ds = append(ds, Diagnostic{Rule: "stackone/unknown-field", Pointer: "/3/url", Request: 3,
			Span: request.Span{Start: request.Pos{Offset: far, Line: 2, Column: 1}, End: request.Pos{Offset: far + 4, Line: 2, Column: 5}},
			Fix:  &Fix{Safety: Safe, Description: "rename", Edits: []request.Edit{{Span: request.Span{Start: request.Pos{Offset: far}}, Text: "x"}}}})
	}
	h := NewHeld(ds)
	assert.Equal(t, len(ds), h.Len())
	for i, d := range ds {
		assert.Equal(t, d, h.At(i), "diagnostic %d", i)
		assert.Equal(t, d.Span, h.Span(i))
		assert.Equal(t, d.Rule, h.Rule(i))
		assert.Equal(t, d.Severity, h.Severity(i))
	}
	assert.Equal(t, ds, h.Slice())
	h.Sort()
	sorted := append([]Diagnostic(nil), ds...)
	SortDiagnostics(sorted)
	assert.Equal(t, sorted, h.Slice())
	for i, d := range h.Slice() {
		safety, ok := h.FixSafety(i)
		assert.Equal(t, d.Fix != nil, ok)
		if ok {
			assert.Equal(t, d.Fix.Safety, safety)
			assert.Equal(t, "rename", h.At(i).Fix.Description)
		}
	}
	h.DropFixes()
	for i := range h.Len() {
		assert.Nil(t, h.At(i).Fix)
	}
	assert.Nil(t, (*Held)(nil).Slice())
	assert.Zero(t, (*Held)(nil).Len())
}

func TestHeldSortsAsSortDiagnostics(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var ds []Diagnostic
	for i := range 3000 {
		off := r.IntN(50)
		ds = append(ds, Diagnostic{
			Rule: []string{"a/x", "b/y", "c/z"}[r.IntN(3)], Provider: []string{"", "lever"}[r.IntN(2)],
			Request: r.IntN(4), Message: []string{"m", "n"}[r.IntN(2)], Pointer: "/" + string(rune('0'+i%10)),
			Span: request.Span{Start: request.Pos{Offset: off, Line: int32(r.IntN(3))}},
		})
	}
	h := NewHeld(ds)
	h.Sort()
	SortDiagnostics(ds)
	assert.Equal(t, ds, h.Slice())

	// Keep drops, and what is added after stays in the sorted order given.
	h.Keep(func(i int) bool { return i%2 == 0 })
	var kept []Diagnostic
	for i, d := range ds {
		if i%2 == 0 {
			kept = append(kept, d)
		}
	}
	extra := Diagnostic{Rule: "a/x", Span: request.Span{Start: request.Pos{Offset: 0}}}
	h.Add(extra)
	assert.Equal(t, append(kept, extra), h.Slice())
	h.Sort()
	kept = append(kept, extra)
	SortDiagnostics(kept)
	assert.Equal(t, kept, h.Slice())
}
