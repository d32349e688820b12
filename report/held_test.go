package report

import (
	"bytes"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

// posAt is the position of a byte offset of src, with a byte column.
func posAt(src string, off int) request.Pos {
	line := 1 + strings.Count(src[:off], "\n")
	return request.Pos{Offset: off, Line: int32(line), Column: int32(off - (strings.LastIndexByte(src[:off], '\n') + 1) + 1)}
}

// heldSpans are spans of src in order of their start: nested, overlapping
// the next ones, empty, one without a position and one past the end.
func heldSpans(src string) []request.Span {
	var out []request.Span
	for off := 0; off < len(src); off += 7 {
		for _, n := range []int{0, 3, 40, 200} {
			if end := min(len(src), off+n); !strings.HasPrefix(src[off:], "\x80") {
				out = append(out, request.Span{Start: posAt(src, off), End: posAt(src, end)})
			}
		}
		if off == 70 {
			out = append(out, request.Span{}, request.Span{Start: posAt(src, off), End: request.Pos{Offset: len(src) + 9, Line: 99, Column: 1}})
		}
	}
	return out
}

func heldSource() string {
	return "\xEF\xBB\xBF" + strings.Repeat(`{"a": "é🧠x", "b": [1, 2, {"c": "ab\"c"}]}`+"\n", 40) + `{"bad": 1}`
}

func TestLocateBatchesAgree(t *testing.T) {
	src := heldSource()
	spans := heldSpans(src)
	h := rules.NewHeld(nil)
	for _, sp := range spans {
		h.Add(rules.Diagnostic{Rule: "stackone/unknown-field", Span: sp})
	}
	defer func(n int) { locateBatch = n }(locateBatch)
	locateBatch = len(spans)
	whole := LocateHeld([]byte(src), h)
	require.Len(t, whole, len(spans))
	var hashed, columns int
	for _, l := range whole {
		if l.hashed {
			hashed++
		}
		if l.EndColumn16 > 0 {
			columns++
		}
	}
	assert.Greater(t, hashed, len(spans)/2)
	assert.Greater(t, columns, len(spans)/2)
	for _, batch := range []int{len(spans), 1, 2, 3, 64} {
		locateBatch = batch
		assert.Equal(t, whole, LocateHeld([]byte(src), h), "batch %d", batch)
		got, err := LocateHeldReader(iotest.OneByteReader(strings.NewReader(src)), h)
		require.NoError(t, err)
		assert.Equal(t, whole, got, "batch %d, read a byte at a time", batch)
	}
	// As LocateReader (`atslint vet`) has them.
	var ds []rules.Diagnostic
	for i := range h.Len() {
		ds = append(ds, h.At(i))
	}
	vet, err := LocateReader("f.json", strings.NewReader(src), ds)
	require.NoError(t, err)
	require.Len(t, vet, len(ds))
	for i, d := range vet {
		assert.Equal(t, Diagnostic{File: "f.json", Diagnostic: ds[i], Column16: int(whole[i].Column16),
			EndColumn16: int(whole[i].EndColumn16), ValueHash: whole[i].ValueHash()}, d)
	}
}

// A report of held files writes what the same report of Diagnostics does,
// in every format.
func TestHeldWritesAsDiagnostics(t *testing.T) {
	src := heldSource()
	spans := heldSpans(src)
	fix := &rules.Fix{Safety: rules.Safe, Description: "rename", Edits: []request.Edit{{Span: spans[3], Text: `"x"`}}}
	mk := func(n int) []rules.Diagnostic {
		var ds []rules.Diagnostic
		for i := range n {
			d := rules.Diagnostic{Rule: "stackone/page-size", Severity: rules.Severity(1 + i%3), Operation: "ats_list_jobs",
				Request: i % 5, Pointer: "/" + string(rune('0'+i%5)) + "/query/page_size", Predicts: "400",
				Message: "page_size " + string(rune('a'+i%4)), Span: spans[(i*7)%len(spans)]}
			if i%4 == 0 {
				d.Provider, d.Rule = "lever", "lever/shared-test-rule"
			}
			if i%6 == 0 {
				d.Fix = fix
			}
			ds = append(ds, d)
		}
		rules.SortDiagnostics(ds)
		return ds
	}
	files := map[string][]rules.Diagnostic{"b.json": mk(40), "a.json": mk(25), "c/d.json": mk(3), "empty.json": nil}
	plainRep, heldRep := &Report{UnsafeFixes: true}, &Report{UnsafeFixes: true}
	for _, name := range []string{"c/d.json", "b.json", "empty.json", "a.json"} {
		located, err := LocateReader(name, strings.NewReader(src), files[name])
		require.NoError(t, err)
		plainRep.Diagnostics = append(plainRep.Diagnostics, located...)
		h := rules.NewHeld(files[name])
		heldRep.AddHeld(name, h, LocateHeld([]byte(src), h))
	}
	for _, r := range []*Report{plainRep, heldRep} {
		r.Errors = []FileError{{File: "gone.json", Message: "no such file"}}
		r.Finish()
	}
	assert.Equal(t, plainRep.Summary, heldRep.Summary)
	assert.Equal(t, plainRep.Count(rules.Warning), heldRep.Count(rules.Warning))
	assert.Equal(t, SummaryLine(plainRep), SummaryLine(heldRep))
	for name, format := range Formats {
		var want, got bytes.Buffer
		require.NoError(t, format(&want, plainRep))
		require.NoError(t, format(&got, heldRep))
		assert.Equal(t, want.String(), got.String(), name)
	}
	heldRep.Materialize()
	assert.Equal(t, plainRep.Diagnostics, heldRep.Diagnostics)
}

// Located a batch at a time, read whole or a byte at a time, spans find
// what they find all at once.
func FuzzLocateBatches(f *testing.F) {
	f.Add([]byte(heldSource()), uint8(7), uint8(3))
	f.Add([]byte("{\"a\": \"\xff\xfe\"}\n\"é\"\r\n[1]"), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, src []byte, step, batch uint8) {
		if len(src) > 1<<14 {
			return
		}
		s := string(src)
		h := rules.NewHeld(nil)
		for off := 0; off < len(s); off += 1 + int(step)%13 {
			for _, n := range []int{0, 2, 9, 60} {
				h.Add(rules.Diagnostic{Rule: "a/b", Span: request.Span{Start: posAt(s, off), End: posAt(s, min(len(s), off+n))}})
			}
		}
		defer func(n int) { locateBatch = n }(locateBatch)
		locateBatch = h.Len() + 1
		whole := LocateHeld(src, h)
		locateBatch = 1 + int(batch)%17
		assert.Equal(t, whole, LocateHeld(src, h))
		got, err := LocateHeldReader(iotest.OneByteReader(bytes.NewReader(src)), h)
		require.NoError(t, err)
		assert.Equal(t, whole, got)
	})
}
