package preflight

import (
	"strconv"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/atslint/atslint/request"
)

// The lean body reader. request.Parse is built for files: it records the
// line and column of every value and its JSON Pointer, which a file's
// report needs. A live request has no source lines, and almost every
// request of a working program has nothing to report, so this reader
// builds the same tree with neither: no spans ever, and pointers only when
// a diagnostic asks for them (setPointers, after the check). It accepts
// exactly the JSON that request.Parse accepts (FuzzLeanMatchesParse holds
// them together), minus a byte order mark, which an HTTP body does not
// carry.

// maxBodyDepth is the nesting accepted in a body: one level less than
// request.Parse's limit, which counts the request object around the body.
const maxBodyDepth = request.DefaultMaxDepth - 1

// leanParser reads one JSON value from data. Strings without escapes are
// views of data, which therefore must never change afterwards. Parsers
// are pooled with their slabs: a tree lives only while its request is
// checked (diagnostics hold no part of it), so the next request reuses
// its memory instead of making garbage of every body.
type leanParser struct {
	data  []byte
	i     int
	depth int

	vals  []request.Value // slab the values are carved from
	mems  []request.Member
	elems []*request.Value  // backing store of Value.Elems
	mptrs []*request.Member // backing store of Value.Members
	// children being collected for the open containers
	elemStack []*request.Value
	memStack  []*request.Member

	// pooled are the slabs kept between parses; n counts what this parse
	// handed out of each kind (beyond the pooled slab when it outgrew it).
	pooled slabs
	n      struct{ vals, mems, elems, mptrs int }
}

type slabs struct {
	vals  []request.Value
	mems  []request.Member
	elems []*request.Value
	mptrs []*request.Member
}

var parsers = sync.Pool{New: func() any { return new(leanParser) }}

// maxPooled bounds the slabs a pooled parser keeps, so that one huge body
// does not pin its memory.
const maxPooled = 1 << 14

// parseLean returns the tree of data, or nil when data is not one valid
// JSON value (or nests deeper than maxBodyDepth). p.release gives the
// tree's memory back; the tree must not be used after it.
func parseLean(data []byte) (v *request.Value, p *leanParser) {
	p = parsers.Get().(*leanParser)
	p.data, p.i, p.depth = data, 0, 0
	p.vals, p.mems, p.elems, p.mptrs = p.pooled.vals[:0], p.pooled.mems[:0], p.pooled.elems[:0], p.pooled.mptrs[:0]
	p.n.vals, p.n.mems, p.n.elems, p.n.mptrs = 0, 0, 0, 0
	if utf8.Valid(data) {
		p.space()
		if v = p.value(); v != nil {
			if p.space(); p.i != len(data) {
				v = nil
			}
		}
	}
	return v, p
}

// release clears what the parse handed out of the pooled slabs, or gives
// the parser bigger ones when this parse outgrew them, and pools it.
func (p *leanParser) release() {
	if p == nil {
		return
	}
	p.pooled.vals = reslab(p.pooled.vals, p.n.vals)
	p.pooled.mems = reslab(p.pooled.mems, p.n.mems)
	p.pooled.elems = reslab(p.pooled.elems, p.n.elems)
	p.pooled.mptrs = reslab(p.pooled.mptrs, p.n.mptrs)
	clear(p.elemStack[:cap(p.elemStack)])
	clear(p.memStack[:cap(p.memStack)])
	p.elemStack, p.memStack = p.elemStack[:0], p.memStack[:0]
	p.data, p.vals, p.mems, p.elems, p.mptrs = nil, nil, nil, nil, nil
	parsers.Put(p)
}

// reslab returns the slab to pool after a parse that used n of its kind:
// the same one cleared, or a bigger one.
func reslab[T any](slab []T, n int) []T {
	if n <= cap(slab) {
		clear(slab[:n])
		return slab[:0]
	}
	if n > maxPooled {
		return slab[:0]
	}
	return make([]T, 0, n+n/4)
}

func (p *leanParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *leanParser) newValue() *request.Value {
	if len(p.vals) == cap(p.vals) {
		p.vals = make([]request.Value, 0, max(64, len(p.data)/16))
	}
	p.n.vals++
	p.vals = p.vals[:len(p.vals)+1]
	return &p.vals[len(p.vals)-1]
}

func (p *leanParser) newMember() *request.Member {
	if len(p.mems) == cap(p.mems) {
		p.mems = make([]request.Member, 0, max(32, len(p.data)/32))
	}
	p.n.mems++
	p.mems = p.mems[:len(p.mems)+1]
	return &p.mems[len(p.mems)-1]
}

// value reads the value at p.i (after white space); nil on any error.
func (p *leanParser) value() *request.Value {
	if p.i >= len(p.data) {
		return nil
	}
	switch c := p.data[p.i]; c {
	case '{':
		return p.object()
	case '[':
		return p.array()
	case '"':
		s, ok := p.string()
		if !ok {
			return nil
		}
		v := p.newValue()
		v.Kind, v.Str = request.String, s
		return v
	case 't':
		return p.literal("true", request.Bool, true)
	case 'f':
		return p.literal("false", request.Bool, false)
	case 'n':
		return p.literal("null", request.Null, false)
	default:
		if c == '-' || c >= '0' && c <= '9' {
			return p.number()
		}
		return nil
	}
}

func (p *leanParser) literal(word string, kind request.Kind, b bool) *request.Value {
	if len(p.data)-p.i < len(word) || string(p.data[p.i:p.i+len(word)]) != word {
		return nil
	}
	p.i += len(word)
	v := p.newValue()
	v.Kind, v.Bool = kind, b
	return v
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and keeps
// the literal, as request.Parse does.
func (p *leanParser) number() *request.Value {
	start := p.i
	d := p.data
	if d[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(d) && d[p.i] >= '0' && d[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	switch {
	case p.i < len(d) && d[p.i] == '0':
		p.i++
	case digits() == 0:
		return nil
	}
	if p.i < len(d) && d[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil
		}
	}
	if p.i < len(d) && (d[p.i] == 'e' || d[p.i] == 'E') {
		p.i++
		if p.i < len(d) && (d[p.i] == '+' || d[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil
		}
	}
	v := p.newValue()
	v.Kind, v.Str = request.Number, view(d[start:p.i])
	return v
}

// string reads a string literal and returns its text.
func (p *leanParser) string() (string, bool) {
	d := p.data
	start := p.i
	p.i++ // the opening quote
	escaped := false
	for p.i < len(d) {
		switch c := d[p.i]; {
		case c == '"':
			p.i++
			if !escaped {
				return view(d[start+1 : p.i-1]), true
			}
			// jsontext decodes escapes as request.Parse does; an unpaired
			// surrogate becomes U+FFFD (its error is ignored there too).
			b, _ := jsontext.AppendUnquote(nil, d[start:p.i])
			return string(b), true
		case c == '\\':
			escaped = true
			p.i++
			if p.i >= len(d) {
				return "", false
			}
			switch d[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i++
			case 'u':
				if len(d)-p.i < 5 {
					return "", false
				}
				for _, h := range d[p.i+1 : p.i+5] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return "", false
					}
				}
				p.i += 5
			default:
				return "", false
			}
		case c < 0x20:
			return "", false
		default:
			p.i++
		}
	}
	return "", false
}

// view returns b as a string without copying; b is part of the body,
// which nothing writes to once it is read.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func (p *leanParser) object() *request.Value {
	if p.depth++; p.depth > maxBodyDepth {
		return nil
	}
	p.i++ // '{'
	v := p.newValue()
	v.Kind = request.Object
	mark := len(p.memStack)
	p.space()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		p.depth--
		return v
	}
	for {
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil
		}
		key, ok := p.string()
		if !ok {
			return nil
		}
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil
		}
		p.i++
		p.space()
		val := p.value()
		if val == nil {
			return nil
		}
		m := p.newMember()
		m.Key, m.Value = key, val
		p.memStack = append(p.memStack, m)
		if more, ok := p.separator('}'); !ok {
			return nil
		} else if !more {
			break
		}
	}
	v.Members = keep(&p.mptrs, &p.memStack, mark, len(p.data), &p.n.mptrs)
	p.depth--
	return v
}

func (p *leanParser) array() *request.Value {
	if p.depth++; p.depth > maxBodyDepth {
		return nil
	}
	p.i++ // '['
	v := p.newValue()
	v.Kind = request.Array
	mark := len(p.elemStack)
	p.space()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		p.depth--
		return v
	}
	for {
		e := p.value()
		if e == nil {
			return nil
		}
		p.elemStack = append(p.elemStack, e)
		if more, ok := p.separator(']'); !ok {
			return nil
		} else if !more {
			break
		}
	}
	v.Elems = keep(&p.elems, &p.elemStack, mark, len(p.data), &p.n.elems)
	p.depth--
	return v
}

// separator reads what follows a member or an element: a comma (more to
// come) or the closing byte; anything else is not JSON.
func (p *leanParser) separator(closing byte) (more, ok bool) {
	p.space()
	if p.i >= len(p.data) {
		return false, false
	}
	c := p.data[p.i]
	p.i++
	if c == ',' {
		p.space()
		return true, true
	}
	return false, c == closing
}

// keep moves the entries of a container, stack[mark:], into the slab and
// returns them as the container's slice (capacity capped, so that an
// append never runs into a neighbour's). A full slab is replaced by one
// sized to the body, so that one body takes few slabs.
func keep[T any](slab, stack *[]T, mark, bodySize int, count *int) []T {
	n := len(*stack) - mark
	if cap(*slab)-len(*slab) < n {
		*slab = make([]T, 0, max(n, bodySize/32, 16))
	}
	*count += n
	at := len(*slab)
	*slab = append(*slab, (*stack)[mark:]...)
	(*stack) = (*stack)[:mark]
	return (*slab)[at : at+n : at+n]
}

// setPointers gives v and every value below it its JSON Pointer, v's
// being ptr. The lean reader leaves them out until a diagnostic needs
// them.
func setPointers(v *request.Value, ptr string) {
	v.Pointer = ptr
	switch v.Kind {
	case request.Object:
		for _, m := range v.Members {
			setPointers(m.Value, ptr+"/"+request.PointerToken(m.Key))
		}
	case request.Array:
		for i, e := range v.Elems {
			setPointers(e, ptr+"/"+strconv.Itoa(i))
		}
	}
}
