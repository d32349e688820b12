package rules

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/atslint/atslint/request"
)

// Held is the diagnostics of one file as they are kept until the file is
// reported: compact records in fixed-size chunks, with the strings that
// many diagnostics share (rule, provider, operation, outcome, message, fix
// description, and a JSON Pointer but for its request's index) stored once
// per file. A record is 64 bytes; a Diagnostic is 152 before its strings.
// As FileCheck always did, the JSON Pointer is copied
// (it may view the request's tree, which is dropped), the other strings
// are not.
//
// Diagnostics are added in any order; Sort orders them as
// SortDiagnostics does and At returns them in that order.
type Held struct {
	chunks [][]held
	n      int
	strs   []string
	ids    map[string]uint32
	// order lists the records in the order At returns them; nil means
	// the order they were added in.
	order []int32
	// wide holds, by record, the spans too wide for a heldSpan.
	wide map[int32]request.Span
	// fixes and edits hold the fixes (held.fix is an index into fixes,
	// plus one); wideFixes, by that index, those with an edit too wide.
	fixes     []heldFix
	edits     []heldEdit
	wideFixes map[uint32]*Fix
}

// heldFix is a Fix: its edits are edits[first:first+n].
type heldFix struct {
	desc, first, n uint32
	safety         Safety
}

type heldEdit struct {
	span heldSpan
	text uint32
}

// heldChunk is the number of records in a chunk: past the first chunk
// (which grows as a slice, for the many files with few diagnostics), the
// records are never copied to grow.
const heldChunk = 1024

// held is one diagnostic. The strings are indexes into Held.strs; the
// pointer is strs[pre] alone, or strs[pre] + "/" + the request index +
// strs[post] when split.
type held struct {
	span                                     heldSpan
	fix                                      uint32
	request                                  int32
	rule, provider, operation, predicts, msg uint32
	pre, post                                uint32
	severity                                 int8
	split, wide                              bool
}

// NewHeld holds the diagnostics ds, in their order.
func NewHeld(ds []Diagnostic) *Held {
	h := &Held{}
	for _, d := range ds {
		h.Add(d)
	}
	return h
}

// Len is the number of diagnostics held.
func (h *Held) Len() int {
	if h == nil {
		return 0
	}
	if h.order != nil {
		return len(h.order)
	}
	return h.n
}

// intern returns the index of s in the table. A string kept for the
// first time is kept as it is: only a JSON Pointer views a request's tree
// (internView).
func (h *Held) intern(s string) uint32 { return h.internAs(s, false) }

// internView interns a string that may view a request's tree: it is
// copied.
func (h *Held) internView(s string) uint32 { return h.internAs(s, true) }

func (h *Held) internAs(s string, view bool) uint32 {
	if h.ids == nil {
		// Most files have few diagnostics: a few strings are searched.
		for i, t := range h.strs {
			if t == s {
				return uint32(i)
			}
		}
		if len(h.strs) == smallTable {
			h.ids = make(map[string]uint32, 2*smallTable)
			for i, t := range h.strs {
				h.ids[t] = uint32(i)
			}
		}
	} else if id, ok := h.ids[s]; ok {
		return id
	}
	id := uint32(len(h.strs))
	if h.strs == nil {
		h.strs = make([]string, 0, 8)
	}
	if view {
		s = strings.Clone(s)
	}
	h.strs = append(h.strs, s)
	if h.ids != nil {
		h.ids[s] = id
	}
	return id
}

// smallTable is how many strings a Held searches before it indexes them.
const smallTable = 16

// Add holds one more diagnostic (after the others in the order of At, if
// the Held is not sorted).
func (h *Held) Add(d Diagnostic) {
	r := held{
		request: int32(d.Request), severity: int8(d.Severity),
		rule: h.intern(d.Rule), provider: h.intern(d.Provider), operation: h.intern(d.Operation),
		predicts: h.intern(string(d.Predicts)), msg: h.intern(d.Message),
	}
	if int(r.request) != d.Request {
		panic("rules: request index out of range") // 2^31 requests in a file
	}
	if sp, ok := packSpan(d.Span); ok {
		r.span = sp
	} else {
		r.wide = true
		if h.wide == nil {
			h.wide = map[int32]request.Span{}
		}
		h.wide[int32(h.n)] = d.Span
	}
	if d.Fix != nil {
		r.fix = h.addFix(d.Fix)
	}
	// "/12/body/name" is kept as "" and "/body/name" around request 12.
	var buf [24]byte
	seg := strconv.AppendInt(append(buf[:0], '/'), int64(d.Request), 10)
	if at := segmentAt(d.Pointer, seg); at >= 0 {
		r.split, r.pre, r.post = true, h.internView(d.Pointer[:at]), h.internView(d.Pointer[at+len(seg):])
	} else {
		r.pre = h.internView(d.Pointer)
	}
	if h.n%heldChunk == 0 {
		// The first chunk grows as a slice does, for the files (most) with
		// few diagnostics.
		var c []held
		if h.n > 0 {
			c = make([]held, 0, heldChunk)
		}
		h.chunks = append(h.chunks, c)
	}
	c := &h.chunks[len(h.chunks)-1]
	*c = append(*c, r)
	if h.order != nil {
		h.order = append(h.order, int32(h.n))
	}
	h.n++
}

// addFix holds a fix and returns its held.fix.
func (h *Held) addFix(f *Fix) uint32 {
	id := uint32(len(h.fixes))
	hf := heldFix{desc: h.intern(f.Description), first: uint32(len(h.edits)), n: uint32(len(f.Edits)), safety: f.Safety}
	for _, e := range f.Edits {
		sp, ok := packSpan(e.Span)
		if !ok {
			h.edits = h.edits[:hf.first]
			hf.n = 0
			if h.wideFixes == nil {
				h.wideFixes = map[uint32]*Fix{}
			}
			h.wideFixes[id] = f
			break
		}
		h.edits = append(h.edits, heldEdit{span: sp, text: h.intern(e.Text)})
	}
	h.fixes = append(h.fixes, hf)
	return id + 1
}

// fix makes the Fix of a held.fix, nil for none.
func (h *Held) fix(id uint32, a *sliceArena) *Fix {
	if id == 0 {
		return nil
	}
	if f, ok := h.wideFixes[id-1]; ok {
		return f
	}
	hf := h.fixes[id-1]
	var f *Fix
	if a != nil {
		if len(a.fixes) == 0 {
			a.fixes = make([]Fix, max(len(h.fixes), 1)) // each is made once
		}
		f, a.fixes = &a.fixes[0], a.fixes[1:]
		*f = Fix{Safety: hf.safety, Description: h.strs[hf.desc]}
	} else {
		f = &Fix{Safety: hf.safety, Description: h.strs[hf.desc]}
	}
	if hf.n > 0 {
		if a != nil {
			if len(a.edits) < int(hf.n) {
				a.edits = make([]request.Edit, max(len(h.edits), int(hf.n)))
			}
			f.Edits, a.edits = a.edits[:hf.n:hf.n], a.edits[hf.n:]
		} else {
			f.Edits = make([]request.Edit, hf.n)
		}
	}
	for k, e := range h.edits[hf.first : hf.first+hf.n] {
		f.Edits[k] = request.Edit{Span: e.span.unpack(), Text: h.strs[e.text]}
	}
	return f
}

// sliceArena is what Slice carves the diagnostics' pointers and fixes
// from: shared allocations instead of one or more per diagnostic.
type sliceArena struct {
	bytes []byte
	fixes []Fix
	edits []request.Edit
}

// FixSafety returns the safety of the fix of the diagnostic at position
// i, and false when it has none.
func (h *Held) FixSafety(i int) (Safety, bool) {
	id := h.rec(i).fix
	if id == 0 {
		return NoFix, false
	}
	if f, ok := h.wideFixes[id-1]; ok {
		return f.Safety, true
	}
	return h.fixes[id-1].safety, true
}

// segmentAt returns where seg ("/12") is a whole segment of the pointer p,
// or -1.
func segmentAt(p string, seg []byte) int {
	for off := 0; ; {
		i := strings.IndexByte(p[off:], '/')
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(seg)
		if end <= len(p) && p[i:end] == string(seg) && (end == len(p) || p[end] == '/') {
			return i
		}
		off = i + 1
	}
}

// rec returns the record at position i of the order of At.
func (h *Held) rec(i int) *held {
	if h.order != nil {
		i = int(h.order[i])
	}
	return &h.chunks[i/heldChunk][i%heldChunk]
}

// Span returns the span of the diagnostic at position i.
func (h *Held) Span(i int) request.Span {
	r := h.rec(i)
	if r.wide {
		if h.order != nil {
			i = int(h.order[i])
		}
		return h.wide[int32(i)]
	}
	return r.span.unpack()
}

// At returns the diagnostic at position i.
func (h *Held) At(i int) Diagnostic { return h.at(i, nil) }

// at is At; with a, the pointer of a split record and the fix are carved
// from a's shared allocations (Slice) instead of allocations of their own.
func (h *Held) at(i int, a *sliceArena) Diagnostic {
	r := h.rec(i)
	d := Diagnostic{
		Rule: h.strs[r.rule], Severity: Severity(r.severity), Provider: h.strs[r.provider],
		Operation: h.strs[r.operation], Request: int(r.request), Predicts: Outcome(h.strs[r.predicts]),
		Message: h.strs[r.msg], Span: h.Span(i), Fix: h.fix(r.fix, a), Pointer: h.strs[r.pre],
	}
	if r.split {
		pre, post := d.Pointer, h.strs[r.post]
		if a == nil {
			var buf [64]byte
			p := append(buf[:0], pre...)
			p = strconv.AppendInt(append(p, '/'), int64(r.request), 10)
			d.Pointer = string(append(p, post...))
			return d
		}
		if n := len(pre) + 21 + len(post); cap(a.bytes)-len(a.bytes) < n {
			// Sized for a pointer of this length per diagnostic, at most
			// 8 KB: a file with few diagnostics takes little.
			a.bytes = make([]byte, 0, max(n, min(n*h.Len(), 8<<10)))
		}
		start := len(a.bytes)
		p := append(a.bytes, pre...)
		p = strconv.AppendInt(append(p, '/'), int64(r.request), 10)
		p = append(p, post...)
		a.bytes = p
		// The chunk's bytes are written once, by appending within its
		// capacity, and never changed: a string may view them.
		d.Pointer = unsafe.String(&p[start], len(p)-start)
	}
	return d
}

// Rule and Severity return what At would of position i, without making
// the diagnostic.
func (h *Held) Rule(i int) string       { return h.strs[h.rec(i).rule] }
func (h *Held) Severity(i int) Severity { return Severity(h.rec(i).severity) }
func (h *Held) requestAt(i int) int     { return int(h.rec(i).request) }

// Compare orders positions i and j as CompareDiagnostics orders their
// diagnostics.
func (h *Held) Compare(i, j int) int {
	a, b := h.rec(i), h.rec(j)
	return cmp.Or(
		cmp.Compare(h.strs[a.rule], h.strs[b.rule]),
		cmp.Compare(h.strs[a.provider], h.strs[b.provider]),
		cmp.Compare(a.request, b.request),
		cmp.Compare(h.strs[a.msg], h.strs[b.msg]))
}

// Order returns the positions 0 to Len()-1 in a new slice, to be sorted
// and handed to Reorder.
func (h *Held) Order() []int32 {
	out := make([]int32, h.Len())
	for i := range out {
		out[i] = int32(i)
	}
	return out
}

// Reorder makes position k of At what position order[k] was. order may
// leave positions out: those diagnostics are dropped.
func (h *Held) Reorder(order []int32) {
	if h.order != nil {
		for k, i := range order {
			order[k] = h.order[i]
		}
	}
	h.order = order
}

// Keep drops the diagnostics at the positions keep rejects.
func (h *Held) Keep(keep func(i int) bool) {
	order := make([]int32, 0, h.Len())
	for i := range h.Len() {
		if keep(i) {
			order = append(order, int32(i))
		}
	}
	h.Reorder(order)
}

// Sort orders the diagnostics as SortDiagnostics does, stably.
func (h *Held) Sort() {
	less := func(i, j int) int {
		a, b := h.Span(i), h.Span(j)
		return cmp.Or(
			cmp.Compare(a.Start.Offset, b.Start.Offset),
			h.Compare(i, j))
	}
	sorted := true
	for i := 1; i < h.Len() && sorted; i++ {
		sorted = less(i-1, i) <= 0
	}
	if sorted {
		return
	}
	order := h.Order()
	slices.SortStableFunc(order, func(x, y int32) int { return less(int(x), int(y)) })
	h.Reorder(order)
}

// DropFixes removes the fixes of every diagnostic.
func (h *Held) DropFixes() {
	if h == nil {
		return
	}
	for _, c := range h.chunks {
		for k := range c {
			c[k].fix = 0
		}
	}
}

// Slice returns the diagnostics in the order of At.
func (h *Held) Slice() []Diagnostic {
	if h.Len() == 0 {
		return nil
	}
	out := make([]Diagnostic, h.Len())
	var a sliceArena
	for i := range out {
		out[i] = h.at(i, &a)
	}
	return out
}
