package request

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// DefaultMaxDepth is the nesting limit Parse applies when Options.MaxDepth
// is zero or negative (DESIGN §3, input/too-deep).
const DefaultMaxDepth = 1000

// decoderMaxDepth is the nesting limit of the jsontext decoder itself; a
// larger Options.MaxDepth is lowered to it.
const decoderMaxDepth = 10000

// Options configures Parse and ReadDocument.
type Options struct {
	// MaxDepth is the deepest nesting of objects and arrays accepted: a
	// top-level object is at depth 1. Zero or negative means
	// DefaultMaxDepth; values above 10,000 (the decoder's own limit) are
	// lowered to 10,000.
	MaxDepth int
}

// Depth is the nesting limit in effect: MaxDepth, or its default.
func (o Options) Depth() int {
	switch {
	case o.MaxDepth <= 0:
		return DefaultMaxDepth
	case o.MaxDepth > decoderMaxDepth:
		return decoderMaxDepth
	}
	return o.MaxDepth
}

// SyntaxError reports input that is not valid JSON. Pos is the position of
// the first error. Msg is lowercase and never quotes the contents of a JSON
// string (at most the single offending character outside strings).
type SyntaxError struct {
	Pos Pos
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// DepthError reports nesting deeper than Max. Pos is the position of the
// '{' or '[' that went one level too deep; reading stops there.
type DepthError struct {
	Pos Pos
	Max int
}

func (e *DepthError) Error() string {
	return fmt.Sprintf("%d:%d: nesting deeper than %d levels", e.Pos.Line, e.Pos.Column, e.Max)
}

// lineIndex maps byte offsets to 1-based line and byte column. Lines end at
// '\n' (so "\r\n" works: the '\r' is the last byte of its line). It keeps
// no table: a cursor moves forward over the data, from one line break to
// the next, so that positions cost nothing to store and little to compute
// in the order a reader asks for them (increasing, with small steps back
// within a line); a position before the cursor's line starts over from
// the top.
type lineIndex struct {
	data []byte
	// at is the offset of the last lookup; line (0-based) and lineStart
	// are its line and that line's first offset; nextNL, when scanned, is
	// the offset of the first '\n' at or after at (len(data) if none).
	at, line, lineStart, nextNL int
	scanned                     bool
	// The data may be a piece of a larger file: offBase is the piece's
	// offset in it, lineBase and colBase the line and column of its first
	// byte.
	offBase, lineBase, colBase int
}

func newLineIndex(data []byte) lineIndex {
	return lineIndex{data: data, lineBase: 1, colBase: 1}
}

// breakFrom returns the offset of the first '\n' at or after off, or
// len(data).
func (li *lineIndex) breakFrom(off int) int {
	if off >= len(li.data) {
		return len(li.data)
	}
	if i := bytes.IndexByte(li.data[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(li.data)
}

// pos returns the position of byte offset off.
func (li *lineIndex) pos(off int) Pos {
	if off < li.lineStart || !li.scanned {
		li.at, li.line, li.lineStart = 0, 0, 0
		li.nextNL, li.scanned = li.breakFrom(0), true
	}
	if off > li.at {
		// Most positions are on the cursor's line: no line break before
		// off, nothing to count.
		for li.nextNL < off && li.nextNL < len(li.data) {
			li.line++
			li.lineStart = li.nextNL + 1
			li.nextNL = li.breakFrom(li.lineStart)
		}
		li.at = off
	}
	col := off - li.lineStart + 1
	if li.line == 0 {
		col += li.colBase - 1
	}
	line, column := LineCol(li.line+li.lineBase, col)
	return Pos{Offset: off + li.offBase, Line: line, Column: column}
}

var newline = []byte{'\n'}

// decOptions is shared by every decoder. Duplicate member names are kept
// (the tree holds them all). The decoder lets invalid UTF-8 through so that
// an unpaired surrogate escape ("\ud800"), which RFC 8259's grammar allows
// and other JSON readers accept, decodes to U+FFFD instead of failing; raw
// invalid UTF-8 bytes are still a syntax error, found by the parser itself
// (see parser.badUTF8).
var decOptions = []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}

// DecoderOptions returns the options every decoder of request JSON uses,
// for readers that stream a file token by token (source/har).
func DecoderOptions() []jsontext.Options { return slices.Clone(decOptions) }

// scratch is the reusable working memory of one parse: the decoder and
// the parser's stacks, none of which outlive Parse.
type scratch struct {
	dec     *jsontext.Decoder
	buf     bytes.Buffer
	stack   []frame
	elems   []*Value
	members []*Member
	ptr     []byte
}

var scratchPool = sync.Pool{New: func() any {
	s := new(scratch)
	s.dec = jsontext.NewDecoder(&s.buf, decOptions...)
	return s
}}

// maxPooled bounds the slices kept in the pool, so that one huge file does
// not pin its working memory.
const maxPooled = 1 << 16

var emptyReader = bytes.NewReader(nil)

// Parse reads one JSON value from data and returns its tree with the span
// and JSON Pointer of every value and the span of every object key.
//
// A UTF-8 byte order mark at the start is skipped; offsets, lines and
// columns still count its bytes, so they stay true to the file. Duplicate
// object keys are all kept, in source order. Numbers keep their literal
// text in Str. Anything but whitespace after the value is a syntax error.
//
// Errors are *SyntaxError or *DepthError. Reading stops at the first
// container that is deeper than opts.MaxDepth, so pathological nesting
// costs neither stack nor memory: the tree is built iteratively.
func Parse(data []byte, opts Options) (*Value, error) {
	p, sc := newParser(data, opts)
	v, err := p.parse(sc)
	p.release(sc)
	return v, err
}

// ParseElements reads data, a JSON array, as Parse does, but hands each
// element's tree to fn as soon as it is read, so that the array is never
// held whole: elements that fn does not keep are garbage once it returns.
// Pointers and positions are those Parse gives. It returns the array
// itself without its elements (for its span), or the error Parse would
// return; fn may have been called before an error. Data that is not an
// array (after whitespace and a BOM) gives a nil Value and no error, and
// fn is not called.
func ParseElements(data []byte, opts Options, fn func(i int, v *Value)) (*Value, error) {
	return parseElements(data, opts, nil, fn)
}

// parseElements is ParseElements; with mem, each element's tree is made
// in the memory of the one before (see ElementReader.Reuse).
func parseElements(data []byte, opts Options, mem *reuseMem, fn func(i int, v *Value)) (*Value, error) {
	p, sc := newParser(data, opts)
	p.mem = mem
	v, err := p.parseElements(sc, fn)
	p.release(sc)
	return v, err
}

func newParser(data []byte, opts Options) (*parser, *scratch) {
	p := new(parser)
	return p, p.init(data, opts)
}

// init sets p, zero or done with, to read data, with working memory from
// the pool.
func (p *parser) init(data []byte, opts Options) *scratch {
	sc := scratchPool.Get().(*scratch)
	*p = parser{
		data:    data,
		lines:   newLineIndex(data),
		max:     opts.Depth(),
		dec:     sc.dec,
		stack:   sc.stack[:0],
		elems:   sc.elems[:0],
		members: sc.members[:0],
		ptr:     sc.ptr[:0],
		strs:    strArena{chunk: min(max(len(data)+len(data)/2, 512), 64<<10)},
		winLen:  len(data),
	}
	return sc
}

// release returns the parser's working memory to the pool.
func (p *parser) release(sc *scratch) {
	// Drop every reference into data and the tree before pooling.
	sc.dec.Reset(emptyReader, decOptions...)
	sc.buf = bytes.Buffer{}
	clear(p.stack[:cap(p.stack)])
	clear(p.elems[:cap(p.elems)])
	clear(p.members[:cap(p.members)])
	if max(cap(p.stack), cap(p.elems), cap(p.members), cap(p.ptr)) <= maxPooled {
		sc.stack, sc.elems, sc.members, sc.ptr = p.stack[:0], p.elems[:0], p.members[:0], p.ptr[:0]
		scratchPool.Put(sc)
	}
}

// strArena hands out the strings of a tree (keys, strings, number
// literals, pointers) carved from shared byte chunks: one allocation per
// chunk instead of one per token. A chunk's bytes are written once, by
// appending within its capacity, and not changed while the tree is in use,
// which is what makes the unsafe.String views of them valid strings.
// Chunks belong to the tree: never pooled, and reused only by a reusing
// ElementReader (reuseMem) once the request read before is checked, which
// is why what outlives a check goes through Request.Own.
type strArena struct {
	buf   []byte
	chunk int
}

// reserve makes room for n more bytes in the current chunk, and reports
// whether the string should rather get an allocation of its own.
func (a *strArena) reserve(n int) (own bool) {
	if n > a.chunk/4 {
		return true
	}
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, a.chunk)
	}
	return false
}

// add returns b as a string.
func (a *strArena) add(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if a.reserve(len(b)) {
		return string(b)
	}
	off := len(a.buf)
	a.buf = append(a.buf, b...)
	return unsafe.String(&a.buf[off], len(b))
}

// unquote returns the decoded text of the JSON string literal raw, which
// the decoder has already validated. An unpaired surrogate escape decodes
// to U+FFFD (AppendUnquote reports it as an error, which is ignored).
func (a *strArena) unquote(raw []byte) string {
	body := raw[1 : len(raw)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return a.add(body)
	}
	// Decoding never makes a literal longer, so it fits in len(raw).
	if a.reserve(len(raw)) {
		b, _ := jsontext.AppendUnquote(nil, raw)
		return string(b)
	}
	off := len(a.buf)
	a.buf, _ = jsontext.AppendUnquote(a.buf, raw)
	if len(a.buf) == off {
		return ""
	}
	return unsafe.String(&a.buf[off], len(a.buf)-off)
}

type frame struct {
	v      *Value
	ptrLen int     // length of p.ptr holding v's pointer
	start  int     // first index of v's children in p.elems or p.members
	count  int     // children so far
	key    *Member // object member whose value comes next, if any
}

type parser struct {
	data  []byte
	base  int // length of a skipped BOM
	lines lineIndex
	max   int
	dec   *jsontext.Decoder

	stack   []frame
	elems   []*Value
	members []*Member
	ptr     []byte
	strs    strArena

	slabs
	// The slabs are sized for the input from winStart on, winLen bytes.
	// stream is set for the elements of a streamed array (see slabs).
	winStart, winLen int
	stream           bool
	// mem, for ParseElements reusing memory, is what each element's tree
	// is made in (nil for ElementReader, which keeps its own).
	mem *reuseMem

	prevEnd int // absolute offset just after the last token
	badUTF8 int // offset of the first invalid UTF-8 byte, or -1
}

// slabs are what the nodes of trees are carved from: one allocation for
// many nodes.
//
// The elements of a streamed array are read in groups of streamGroup
// elements that share their slabs; a group never uses another group's
// slabs, so no pointer leads from one group's nodes to another's, and an
// element that something keeps alive keeps its group alive, not the array
// (slabs shared across group boundaries chain every tree of the file
// together). A group's first slabs are sized from what the group before
// took, and an eighth more. One set of slabs per element instead cost
// more allocations and, since neighbouring elements differ in size, left
// some 40% of the slabs unused.
type slabs struct {
	valueSlab  []Value
	elemSlab   []*Value  // backing store of Value.Elems
	memberPtrs []*Member // backing store of Value.Members
	memberSlab []Member
	// How many of each were handed out (in a streamed array: in the
	// current group), to size the next slab.
	valuesMade, membersMade, elemsMade, mptrsMade int
	// In a streamed array: how many of each the group before took, and
	// how many more elements the current group takes.
	valuesPrev, membersPrev, elemsPrev, mptrsPrev int
	groupLeft                                     int
}

// firstGroupWindow is the input size the first group of a streamed
// array's slabs is sized for (later groups: from the group before).
const firstGroupWindow = 16 << 10

// streamGroup is the number of elements of a streamed array that share
// slabs: for small requests, some 6 KB of nodes.
const streamGroup = 16

// nextElement is called before each element of a streamed array: it
// starts a new group of slabs every streamGroup elements.
func (s *slabs) nextElement() {
	if s.groupLeft > 0 {
		s.groupLeft--
		return
	}
	*s = slabs{
		valuesPrev: s.valuesMade, membersPrev: s.membersMade, elemsPrev: s.elemsMade, mptrsPrev: s.mptrsMade,
		groupLeft: streamGroup - 1,
	}
}

func (p *parser) newValue() *Value {
	if len(p.valueSlab) == 0 {
		p.valueSlab = make([]Value, p.slabSize(p.valuesMade, p.valuesPrev, 16))
	}
	p.valuesMade++
	v := &p.valueSlab[0]
	p.valueSlab = p.valueSlab[1:]
	return v
}

func (p *parser) newMember() *Member {
	if len(p.memberSlab) == 0 {
		p.memberSlab = make([]Member, p.slabSize(p.membersMade, p.membersPrev, 24))
	}
	p.membersMade++
	m := &p.memberSlab[0]
	p.memberSlab = p.memberSlab[1:]
	return m
}

// slabSize returns the size of the next allocation batch of a kind of
// which made were handed out so far. In a streamed array, once a group
// is known (prev, what the group before took, is not zero), a group's
// first slab is prev and an eighth more and any further one an eighth of
// prev; in the first group, further ones double. Otherwise the first is
// guessed from the input size (one per bytesEach bytes), later ones from
// the rate so far applied to the input left, with some headroom. At most
// 4096: few allocations for large inputs, little waste for any.
func (p *parser) slabSize(made, prev, bytesEach int) int {
	switch {
	case p.stream && prev > 0 && made == 0:
		return min(prev+prev/8, 4096)
	case p.stream && prev > 0:
		return min(max(prev/8, 8), 4096)
	case p.stream && made > 0:
		return min(max(made, 8), 4096)
	}
	n := p.winLen / bytesEach
	if made > 0 {
		done := max(p.prevEnd-p.winStart, 1)
		n = made*(p.winLen-done)/done + made/8
	}
	return min(max(n, 8), 4096)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *parser) skipSpace(i int) int {
	for i < len(p.data) && isSpace(p.data[i]) {
		i++
	}
	return i
}

// tokenStart returns the offset of the token that follows offset i: after
// whitespace and at most one ',' or ':'.
func (p *parser) tokenStart(i int) int {
	i = p.skipSpace(i)
	if i < len(p.data) && (p.data[i] == ',' || p.data[i] == ':') {
		i = p.skipSpace(i + 1)
	}
	return i
}

func (p *parser) parse(sc *scratch) (*Value, error) {
	if err := p.start(sc); err != nil {
		return nil, err
	}
	root, err := p.readTree(0)
	if err == nil {
		err = p.end()
	}
	if err != nil {
		return nil, err
	}
	return root, nil
}

// parseElements is parse for ParseElements: the top-level array's frame
// stays on the stack while its elements are read one by one.
func (p *parser) parseElements(sc *scratch, fn func(int, *Value)) (*Value, error) {
	if bytes.HasPrefix(p.data, []byte("\xEF\xBB\xBF")) {
		p.base = 3
	}
	if i := p.skipSpace(p.base); i == len(p.data) || p.data[i] != '[' {
		return nil, nil
	}
	if err := p.start(sc); err != nil {
		return nil, err
	}
	tok, err := p.dec.ReadToken()
	if err != nil {
		return nil, p.syntaxError(err)
	}
	if tok.Kind() != '[' { // cannot happen: the first byte is '['
		return nil, nil
	}
	end := int(p.dec.InputOffset()) + p.base
	// Not from a slab: the root lives to the end, and would keep every
	// slab alive.
	root := &Value{Kind: Array}
	root.Span.Start = p.lines.pos(end - 1)
	p.stack = append(p.stack, frame{v: root})
	p.prevEnd = end
	p.stream = true
	// Strings in chunks of a streamed array's size, not the file's: a
	// chunk over 32 KB is a large allocation, slower to make and zero.
	p.strs.chunk = streamChunk
	p.winStart, p.winLen = p.prevEnd, min(len(p.data)-p.prevEnd, firstGroupWindow)
	for p.dec.PeekKind() != ']' {
		if p.mem != nil {
			p.mem.start(p, p.slabs, p.strs.buf)
		} else {
			p.nextElement()
		}
		// A peek error is read again, and classified, by readTree.
		v, err := p.readTree(1)
		if err != nil {
			return nil, err
		}
		fn(p.stack[0].count-1, v)
		clear(p.elems)
		p.elems = p.elems[:0]
	}
	if _, err := p.dec.ReadToken(); err != nil {
		return nil, p.syntaxError(err)
	}
	end = int(p.dec.InputOffset()) + p.base
	root.Span.End = p.lines.pos(end)
	p.stack = p.stack[:0]
	p.prevEnd = end
	if err := p.end(); err != nil {
		return nil, err
	}
	return root, nil
}

// parseOne reads data, element index of an array whose frame is not
// there, so that pointers start with "/index". outer stands for that
// array.
func (p *parser) parseOne(sc *scratch, index int, outer *Value) (*Value, error) {
	if err := p.start(sc); err != nil {
		return nil, err
	}
	p.stack = append(p.stack, frame{v: outer, count: index})
	v, err := p.readTree(1)
	if err == nil {
		err = p.end()
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

// start checks for empty input and sets the decoder on data.
func (p *parser) start(sc *scratch) error {
	if bytes.HasPrefix(p.data, []byte("\xEF\xBB\xBF")) {
		p.base = 3
	}
	if p.skipSpace(p.base) == len(p.data) {
		return &SyntaxError{Pos: p.lines.pos(0), Msg: "empty file"}
	}
	sc.buf = *bytes.NewBuffer(p.data[p.base:])
	p.dec.Reset(&sc.buf, decOptions...)
	p.prevEnd = p.base
	p.badUTF8 = -1
	if body := p.data[p.base:]; !utf8.Valid(body) {
		for i := 0; i < len(body); {
			r, n := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && n == 1 {
				p.badUTF8 = p.base + i
				break
			}
			i += n
		}
	}
	return nil
}

// end checks that only whitespace follows the top-level value.
func (p *parser) end() error {
	if i := p.skipSpace(p.prevEnd); i < len(p.data) {
		return &SyntaxError{Pos: p.lines.pos(i), Msg: "invalid " + p.describeAt(i) + " after top-level value"}
	}
	return nil
}

// setPointer sets p.ptr to the pointer of the next child of the top frame
// and makes it v's Pointer.
func (p *parser) setPointer(v *Value) {
	if len(p.stack) == 0 {
		p.ptr = p.ptr[:0]
		return
	}
	f := &p.stack[len(p.stack)-1]
	p.ptr = append(p.ptr[:f.ptrLen], '/')
	if f.v.Kind == Array {
		p.ptr = strconv.AppendInt(p.ptr, int64(f.count), 10)
	} else {
		p.ptr = appendPointerToken(p.ptr, f.key.Key)
	}
	v.Pointer = p.strs.add(p.ptr)
}

// plainToken reports whether key needs no escape in a JSON Pointer.
func plainToken[S ~string | ~[]byte](key S) bool {
	for i := 0; i < len(key); i++ {
		if key[i] == '~' || key[i] == '/' {
			return false
		}
	}
	return true
}

// appendPointerToken appends key escaped per RFC 6901 ("~"→"~0", "/"→"~1").
func appendPointerToken[S ~string | ~[]byte](b []byte, key S) []byte {
	if plainToken(key) { // nearly every key: copied at once
		return append(b, key...)
	}
	for i := 0; i < len(key); i++ {
		switch c := key[i]; c {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, c)
		}
	}
	return b
}

// PointerToken escapes one reference token per RFC 6901 ("~"→"~0",
// "/"→"~1"): "/" + PointerToken(key) appended to an object's pointer gives
// the pointer of its member.
func PointerToken(key string) string {
	if plainToken(key) { // nearly every key: no copy
		return key
	}
	return string(appendPointerToken(nil, key))
}

// attach links a new value to its parent (the top frame).
func (p *parser) attach(v *Value) {
	if len(p.stack) == 0 {
		return
	}
	f := &p.stack[len(p.stack)-1]
	if f.v.Kind == Array {
		p.elems = append(p.elems, v)
	} else {
		f.key.Value = v
		f.key = nil
	}
	f.count++
}

// readTree reads one value, below the floor frames already on the stack.
func (p *parser) readTree(floor int) (*Value, error) {
	var root *Value
	for {
		tok, err := p.dec.ReadToken()
		if err != nil {
			return nil, p.syntaxError(err)
		}
		end := int(p.dec.InputOffset()) + p.base
		kind := tok.Kind()

		// An object key.
		if kind == '"' && len(p.stack) > floor {
			if f := &p.stack[len(p.stack)-1]; f.v.Kind == Object && f.key == nil {
				start := p.tokenStart(p.prevEnd)
				if p.badUTF8 >= start && p.badUTF8 < end {
					return nil, &SyntaxError{Pos: p.lines.pos(p.badUTF8), Msg: "invalid UTF-8 in string"}
				}
				m := p.newMember()
				m.Key = p.strs.unquote(p.data[start:end])
				m.KeySpan = Span{Start: p.lines.pos(start), End: p.lines.pos(end)}
				p.members = append(p.members, m)
				f.key = m
				p.prevEnd = end
				continue
			}
		}

		switch kind {
		case '{', '[':
			if depth := p.dec.StackDepth(); depth > p.max {
				return nil, &DepthError{Pos: p.lines.pos(end - 1), Max: p.max}
			}
			v := p.newValue()
			v.Span.Start = p.lines.pos(end - 1)
			p.setPointer(v)
			f := frame{v: v, ptrLen: len(p.ptr)}
			// Attached first: an array in an array is itself appended to
			// p.elems, and its own elements start after it.
			p.attach(v)
			if kind == '{' {
				v.Kind = Object
				f.start = len(p.members)
			} else {
				v.Kind = Array
				f.start = len(p.elems)
			}
			if root == nil {
				root = v
			}
			p.stack = append(p.stack, f)
			p.prevEnd = end
			continue

		case '}', ']':
			f := p.stack[len(p.stack)-1]
			p.stack = p.stack[:len(p.stack)-1]
			v := f.v
			v.Span.End = p.lines.pos(end)
			if v.Kind == Object {
				if n := len(p.members) - f.start; n > 0 {
					if cap(p.memberPtrs)-len(p.memberPtrs) < n {
						p.memberPtrs = make([]*Member, 0, max(n, p.slabSize(p.mptrsMade, p.mptrsPrev, 32)))
					}
					i := len(p.memberPtrs)
					p.memberPtrs = append(p.memberPtrs, p.members[f.start:]...)
					p.mptrsMade += n
					v.Members = p.memberPtrs[i : i+n : i+n]
				}
				clear(p.members[f.start:])
				p.members = p.members[:f.start]
			} else {
				if n := len(p.elems) - f.start; n > 0 {
					if cap(p.elemSlab)-len(p.elemSlab) < n {
						p.elemSlab = make([]*Value, 0, max(n, p.slabSize(p.elemsMade, p.elemsPrev, 32)))
					}
					i := len(p.elemSlab)
					p.elemSlab = append(p.elemSlab, p.elems[f.start:]...)
					p.elemsMade += n
					v.Elems = p.elemSlab[i : i+n : i+n]
				}
				clear(p.elems[f.start:])
				p.elems = p.elems[:f.start]
			}
			p.prevEnd = end
			if len(p.stack) == floor {
				return root, nil
			}
			continue
		}

		// A scalar value.
		v := p.newValue()
		var start int
		switch kind {
		case 'n':
			v.Kind, start = Null, end-4
		case 't':
			v.Kind, v.Bool, start = Bool, true, end-4
		case 'f':
			v.Kind, start = Bool, end-5
		case '"':
			v.Kind, start = String, p.tokenStart(p.prevEnd)
			if p.badUTF8 >= start && p.badUTF8 < end {
				return nil, &SyntaxError{Pos: p.lines.pos(p.badUTF8), Msg: "invalid UTF-8 in string"}
			}
			v.Str = p.strs.unquote(p.data[start:end])
		default: // '0'
			v.Kind, start = Number, p.tokenStart(p.prevEnd)
			v.Str = p.strs.add(p.data[start:end])
		}
		v.Span = Span{Start: p.lines.pos(start), End: p.lines.pos(end)}
		p.setPointer(v)
		p.attach(v)
		p.prevEnd = end
		if len(p.stack) == floor {
			return v, nil
		}
	}
}

// expectation is what the grammar allows after the last token read.
type expectation int

const (
	expValue           expectation = iota // top level, after ':' or in an array after ','
	expFirstElem                          // after '['
	expFirstKey                           // after '{'
	expColon                              // after an object key
	expObjNext                            // after an object value: ',' or '}'
	expArrNext                            // after an array element: ',' or ']'
	expKeyAfterComma                      // (derived) after ',' in an object
	expValueAfterComma                    // (derived) after ',' in an array
)

func (p *parser) expecting() expectation {
	if len(p.stack) == 0 {
		return expValue
	}
	f := &p.stack[len(p.stack)-1]
	switch {
	case f.v.Kind == Array && f.count == 0:
		return expFirstElem
	case f.v.Kind == Array:
		return expArrNext
	case f.key != nil:
		return expColon
	case f.count == 0:
		return expFirstKey
	default:
		return expObjNext
	}
}

// syntaxError turns a decoder error into a *SyntaxError whose message is
// built from the input and the parser state (never from string contents).
// Invalid UTF-8 before the position found is the first error.
func (p *parser) syntaxError(err error) error {
	err = p.classify(err)
	if se, ok := err.(*SyntaxError); ok && p.badUTF8 >= p.prevEnd && p.badUTF8 < se.Pos.Offset {
		msg := "invalid UTF-8"
		if t := p.tokenStart(p.prevEnd); t < p.badUTF8 && p.data[t] == '"' {
			msg += " in string"
		}
		return &SyntaxError{Pos: p.lines.pos(p.badUTF8), Msg: msg}
	}
	return err
}

func (p *parser) classify(err error) error {
	var se *jsontext.SyntacticError
	off := len(p.data)
	if errors.As(err, &se) {
		off = int(se.ByteOffset) + p.base
	}
	if off > len(p.data) {
		off = len(p.data)
	}
	if off < p.prevEnd {
		off = p.prevEnd
	}
	eof := errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || off >= len(p.data)
	if eof {
		off = len(p.data)
	}
	mk := func(at int, msg string) error {
		return &SyntaxError{Pos: p.lines.pos(at), Msg: msg}
	}

	exp := p.expecting()
	q := p.skipSpace(p.prevEnd) // where a delimiter would be
	t := q                      // where the next token starts
	hasDelim := q < len(p.data) && (p.data[q] == ',' || p.data[q] == ':')
	fits := false
	if hasDelim {
		t = p.skipSpace(q + 1)
		switch {
		case p.data[q] == ',' && exp == expObjNext:
			exp, fits = expKeyAfterComma, true
		case p.data[q] == ',' && exp == expArrNext:
			exp, fits = expValueAfterComma, true
		case p.data[q] == ':' && exp == expColon:
			exp, fits = expValue, true
		}
	}

	// The decoder's own nesting limit (only reachable when p.max is that
	// limit): report it as the depth error it is.
	if off == t && t < len(p.data) && (p.data[t] == '[' || p.data[t] == '{') && p.dec.StackDepth() >= p.max {
		return &DepthError{Pos: p.lines.pos(t), Max: p.max}
	}

	// What follows the last token is not the delimiter the grammar needs:
	// the error is there, at q.
	if q < len(p.data) && (hasDelim && !fits || !hasDelim && (exp == expColon || exp == expObjNext || exp == expArrNext)) {
		what := p.describeAt(q)
		switch exp {
		case expColon:
			return mk(q, "invalid "+what+" after object key (expecting ':')")
		case expObjNext:
			return mk(q, "invalid "+what+" after object value (expecting ',' or '}')")
		case expArrNext:
			return mk(q, "invalid "+what+" after array element (expecting ',' or ']')")
		case expFirstKey:
			return mk(q, "invalid "+what+" at start of object key (expecting '\"' or '}')")
		default:
			return mk(q, "invalid "+what+" at start of value")
		}
	}

	// The error lies inside a token that started at t.
	if off > t && t < len(p.data) {
		switch c := p.data[t]; {
		case c == '"':
			if off >= len(p.data) {
				return mk(len(p.data), "unexpected end of input in string")
			}
			return mk(off, p.stringErrorAt(off))
		case c == '-' || (c >= '0' && c <= '9'):
			if eof {
				return mk(len(p.data), "unexpected end of input in number")
			}
			return mk(off, "invalid "+p.describeAt(off)+" in number")
		case c == 't' || c == 'f' || c == 'n':
			lit := "null"
			if c == 't' {
				lit = "true"
			} else if c == 'f' {
				lit = "false"
			}
			if eof {
				return mk(len(p.data), "unexpected end of input in literal "+lit)
			}
			return mk(off, "invalid "+p.describeAt(off)+" in literal "+lit)
		}
	}
	if eof || t >= len(p.data) {
		return mk(len(p.data), "unexpected end of input")
	}

	// The token after a fitting delimiter (or the first token) is wrong.
	c := p.data[t]
	if fits && p.data[q] == ',' && (c == '}' || c == ']') {
		return mk(q, "trailing comma before '"+string(c)+"'")
	}
	if fits && p.data[q] == ':' && (c == '}' || c == ']' || c == ',') {
		return mk(t, "missing value after object key")
	}
	what := p.describeAt(t)
	switch exp {
	case expFirstKey:
		return mk(t, "invalid "+what+" at start of object key (expecting '\"' or '}')")
	case expKeyAfterComma:
		return mk(t, "invalid "+what+" at start of object key (expecting '\"')")
	}
	return mk(t, "invalid "+what+" at start of value")
}

// stringErrorAt describes an error at offset off inside a string literal.
func (p *parser) stringErrorAt(off int) string {
	c := p.data[off]
	switch {
	case c == '\\':
		return "invalid escape sequence in string"
	case c < 0x20:
		return fmt.Sprintf("invalid control character %U in string", rune(c))
	case c >= 0x80:
		return "invalid UTF-8 in string"
	}
	return "invalid string"
}

// describeAt names the character at offset i outside a string: "character
// 'x'", or "UTF-8" when the bytes there are not valid UTF-8.
func (p *parser) describeAt(i int) string {
	r, n := utf8.DecodeRune(p.data[i:])
	if r == utf8.RuneError && n <= 1 {
		return "UTF-8"
	}
	return "character " + strconv.QuoteRune(r)
}
