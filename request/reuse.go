package request

import "unsafe"

// reuseMem is the memory an ElementReader that reuses (Reuse) hands from
// one element's tree to the next: a block of each kind of node and one of
// string bytes, cleared between elements and grown when an element needs
// more than they hold. What a request's check keeps past the check goes
// through Request.Own, which copies the strings that view these blocks
// into keep, memory that is never reused.
type reuseMem struct {
	values  []Value
	members []Member
	elems   []*Value
	mptrs   []*Member
	strs    []byte
	keep    strArena
	// req is the Request of the element before, whose slices the next
	// one fills; parts and vals are setTarget's path segments and query
	// values.
	req   *Request
	parts []string
	vals  []Value
	// The slices of the Request before, emptied, for the next one to
	// fill; nil until there is one.
	headers []Header
	query   []Param
	spans   []Span
}

// request returns the Request to read the next element into: the one
// before, emptied, with the room of its slices. Its Ignores are not
// reused: a check hands them on.
func (m *reuseMem) request() *Request {
	r := m.req
	if r == nil || poisonReused {
		if r != nil {
			m.poisonRequest()
		}
		m.req = &Request{mem: m}
		return m.req
	}
	if r.Headers != nil {
		m.headers = nil
		if cap(r.Headers) <= maxReusedSlice {
			clear(r.Headers)
			m.headers = r.Headers[:0]
		}
	}
	if r.Query != nil {
		m.query = nil
		if cap(r.Query) <= maxReusedSlice {
			clear(r.Query)
			m.query = r.Query[:0]
		}
	}
	if r.PathSegmentSpans != nil {
		m.spans = nil
		if cap(r.PathSegmentSpans) <= maxReusedSlice {
			m.spans = r.PathSegmentSpans[:0]
		}
	}
	if cap(m.parts) > maxReusedSlice {
		m.parts = nil
	}
	if cap(m.vals) > maxReusedSlice {
		m.vals = nil
	}
	*r = Request{mem: m}
	return r
}

// maxReusedSlice bounds the Request's slices kept for the next element
// (headers, query parameters, path segments and their spans and values),
// as maxReused bounds the blocks: a request with thousands of them does
// not pin that room for the rest of the file.
const maxReusedSlice = 1 << 10

// The buffers of a request's slices, nil when m is nil (a request of no
// reusing reader) or has none yet.
func (m *reuseMem) headerBuf() []Header {
	if m == nil {
		return nil
	}
	return m.headers
}

func (m *reuseMem) queryBuf() []Param {
	if m == nil {
		return nil
	}
	return m.query
}

func (m *reuseMem) spanBuf() []Span {
	if m == nil {
		return nil
	}
	return m.spans
}

// queryValues returns n zero Values for a query's parameters.
func (m *reuseMem) queryValues(n int) []Value {
	if cap(m.vals) < n {
		m.vals = make([]Value, n)
		return m.vals
	}
	m.vals = m.vals[:n]
	clear(m.vals)
	return m.vals
}

// maxReused bounds the blocks kept, in elements of their kind (bytes for
// strs): an element larger than that gets memory of its own, as without
// reuse, so that one huge element does not pin its memory for the file.
const maxReused = 1 << 16

// start sets the slabs and string chunk of p, about to read an element,
// to the blocks, and returns the memory of the element read before (its
// counts and slabs in prev, its string chunk in prevStrs) to them.
func (m *reuseMem) start(p *parser, prev slabs, prevStrs []byte) {
	m.values = recycle(m.values, prev.valueSlab, prev.valuesMade)
	m.members = recycle(m.members, prev.memberSlab, prev.membersMade)
	m.elems = recycleAppended(m.elems, prev.elemSlab, prev.elemsMade)
	m.mptrs = recycleAppended(m.mptrs, prev.memberPtrs, prev.mptrsMade)
	switch {
	case cap(m.strs) > 0 && sameBlock(prevStrs, m.strs):
	case cap(m.strs) > 0 || len(prevStrs) > 0:
		// The element before took more than the block, or the first
		// element's chunk: a block of twice the size.
		if n := 2 * max(cap(m.strs), cap(prevStrs)); n <= maxReused {
			m.strs = make([]byte, 0, n)
		} else {
			m.strs = nil
		}
	}
	if poisonReused {
		m.poison()
	}
	p.slabs = slabs{valueSlab: m.values, memberSlab: m.members, elemSlab: m.elems[:0], memberPtrs: m.mptrs[:0]}
	if cap(m.strs) > 0 { // else the chunks init sized for the element
		p.strs = strArena{buf: m.strs[:0], chunk: cap(m.strs)}
	}
}

// recycle returns the block of a kind of node for the next element: the
// same, cleared, when the element before fitted in it (its last slab,
// slab, is still the block); else a new one with room for what it took.
func recycle[T any](block, slab []T, made int) []T {
	if cap(block) > 0 && sameBlock(slab, block) {
		clear(block[:made])
		return block
	}
	if made == 0 {
		return block
	}
	if n := made + made/4 + 8; n <= maxReused {
		return make([]T, n)
	}
	return nil
}

// recycleAppended is recycle for the blocks that slices of children are
// appended to (Value.Elems, Value.Members).
func recycleAppended[T any](block, slab []T, made int) []T {
	if cap(block) > 0 && sameBlock(slab, block) {
		clear(block[:len(slab)])
		return block[:0]
	}
	if made == 0 {
		return block
	}
	if n := made + made/4 + 8; n <= maxReused {
		return make([]T, 0, n)
	}
	return nil
}

// sameBlock reports whether slab is a part of block that reaches to its
// end (what is left of a slab, or a prefix appended to).
func sameBlock[T any](slab, block []T) bool {
	return cap(slab) > 0 && cap(block) > 0 && &slab[:cap(slab)][cap(slab)-1] == &block[:cap(block)][cap(block)-1]
}

// views reports whether s is carved from the string block, which the
// next element overwrites.
func (m *reuseMem) views(s string) bool {
	if len(s) == 0 || cap(m.strs) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(m.strs[:1])))
	return p >= lo && p < lo+uintptr(cap(m.strs))
}

// own returns s, or a copy of it in memory never reused when it views the
// string block.
func (m *reuseMem) own(s string) string {
	if !m.views(s) {
		return s
	}
	if m.keep.chunk == 0 {
		m.keep.chunk = 4 << 10
	}
	return m.keep.add(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// ownRead makes what Read returns besides the request, and what of the
// request a check keeps without a check's help (its ignore entries),
// hold no string of the blocks.
func (m *reuseMem) ownRead(r *Request, probs []Problem) {
	for i := range probs {
		p := &probs[i]
		p.Rule, p.Message, p.Pointer, p.FixDescription = m.own(p.Rule), m.own(p.Message), m.own(p.Pointer), m.own(p.FixDescription)
		for k := range p.Edits {
			p.Edits[k].Text = m.own(p.Edits[k].Text)
		}
	}
	if r == nil {
		return
	}
	for _, ig := range r.Ignores {
		ig.Rule, ig.Reason, ig.Pointer = m.own(ig.Rule), m.own(ig.Reason), m.own(ig.Pointer)
	}
}

// Own returns s, or a copy of it when s views memory that the reader of
// the request hands to the next request (ElementReader.Reuse): whatever a
// check keeps of a request past the check (diagnostics, records) must go
// through Own. It is to be called on the goroutine that reads the
// request, before the reader reads the next one. For a request of any
// other reader it returns s.
func (r *Request) Own(s string) string {
	if r.mem == nil {
		return s
	}
	return r.mem.own(s)
}

// Views reports whether s views memory that the reader of the request
// hands to the next request: what Own would copy.
func (r *Request) Views(s string) bool { return r.mem != nil && r.mem.views(s) }

// Reused reports whether the request's memory goes to the next request
// of its reader (ElementReader.Reuse): then what a check keeps of it must
// go through Own.
func (r *Request) Reused() bool { return r.mem != nil }

// poisonReused, set by tests, makes a reusing reader overwrite the memory
// of the element before with garbage, and never hand it out again, before
// it reads the next: any string or node something kept of the element
// before then reads as garbage.
var poisonReused bool

// reuseOff, set by tests, makes Reuse do nothing: what the output is
// without reuse, to compare.
var reuseOff bool

// poisonText is what a poisoned Value or Member holds.
const poisonText = "\x00poisoned\x00"

var poisonValue = Value{Kind: String, Str: poisonText, Pointer: poisonText}

// poisonRequest overwrites the Request before and what setTarget kept
// for it, and has them made anew.
func (m *reuseMem) poisonRequest() {
	r := m.req
	for i := range r.PathSegmentSpans[:cap(r.PathSegmentSpans)] {
		r.PathSegmentSpans[:cap(r.PathSegmentSpans)][i] = Span{Start: Pos{Offset: -7, Line: -7, Column: -7}}
	}
	for _, b := range [][]Header{r.Headers, m.headers} {
		for i := range b[:cap(b)] {
			b[:cap(b)][i] = Header{Name: poisonText, Value: &poisonValue}
		}
	}
	for _, b := range [][]Param{r.Query, m.query} {
		for i := range b[:cap(b)] {
			b[:cap(b)][i] = Param{Name: poisonText, Key: poisonText, Value: &poisonValue, Pointer: poisonText}
		}
	}
	m.headers, m.query, m.spans = nil, nil, nil
	*r = Request{Pointer: poisonText, Method: poisonText, Path: poisonText, URL: poisonText, Provider: poisonText, Body: &poisonValue, Root: &poisonValue}
	for i := range m.parts[:cap(m.parts)] {
		m.parts[:cap(m.parts)][i] = poisonText
	}
	for i := range m.vals[:cap(m.vals)] {
		m.vals[:cap(m.vals)][i] = poisonValue
	}
	m.parts, m.vals = nil, nil
}

// poison overwrites the blocks about to be handed out again and replaces
// them with new ones of the same size.
func (m *reuseMem) poison() {
	if cap(m.values) > 0 {
		for i := range m.values {
			m.values[i] = poisonValue
		}
		m.values = make([]Value, len(m.values))
	}
	if cap(m.members) > 0 {
		for i := range m.members {
			m.members[i] = Member{Key: poisonText, Value: &poisonValue}
		}
		m.members = make([]Member, len(m.members))
	}
	if cap(m.elems) > 0 {
		e := m.elems[:cap(m.elems)]
		for i := range e {
			e[i] = &poisonValue
		}
		m.elems = make([]*Value, 0, cap(m.elems))
	}
	if cap(m.mptrs) > 0 {
		e := m.mptrs[:cap(m.mptrs)]
		pm := &Member{Key: poisonText, Value: &poisonValue}
		for i := range e {
			e[i] = pm
		}
		m.mptrs = make([]*Member, 0, cap(m.mptrs))
	}
	if cap(m.strs) > 0 {
		b := m.strs[:cap(m.strs)]
		for i := range b {
			b[i] = '#'
		}
		m.strs = make([]byte, 0, cap(m.strs))
	}
}
