package analyzer

import (
	"go/ast"
	"go/token"
	"strings"
)

// The analyzer's one value domain. Every evaluator (strings, URLs,
// url.Values and headers, JSON bodies, summaries) produces and consumes a
// *val. A value is known in parts, each part with the source range that
// produced it; a part the analyzer could not see is unknown, and says why.
// Strings are text: one cell per known byte, and a hole (an unknown, a
// reference to a parameter, an encoded query) for what is not known. Maps
// and JSON objects are keyed members. A URL is a parsed view over text
// (url.go). Only adapter.go turns values into the engine's model.

// reason says why a value is unknown. It is kept with the value, carried in
// facts and shown in a fact's String.
type reason uint8

const (
	whyNone        reason = iota // not unknown; for an object: every member is seen
	whyUnsupported               // an expression the analyzer does not evaluate
	whyParam                     // a parameter of the function (a reference when param is set)
	whyCall                      // the result of a call the analyzer does not follow
	whyCond                      // written under a condition or by several writes that differ
	whyLoop                      // written in a loop or by a range statement
	whyEscaped                   // passed to or shared with code the analyzer does not see
	whyField                     // a field or package variable not given one constant
	whyEncoder                   // a type with its own encoding (MarshalJSON, MarshalText)
	whyNotJSON                   // text that does not parse as JSON
	whyDepth                     // deeper than the evaluator follows
)

var reasons = [...]string{"", "unsupported expression", "parameter", "call result", "conditional", "loop", "escaped", "field", "custom encoding", "not JSON", "too deep"}

func (r reason) String() string {
	if int(r) < len(reasons) {
		return reasons[r]
	}
	return "unknown"
}

type vkind uint8

const (
	vUnknown vkind = iota
	vText          // a string: text
	vNull
	vBool   // lit is "true" or "false"
	vNumber // lit is the number as encoding/json writes it
	vObject // members in order; why says why more may exist
	vArray
)

// val is an abstract value.
type val struct {
	kind vkind
	// why: for vUnknown, why it is unknown (never whyNone); for vObject,
	// why members the analyzer did not see may exist (whyNone: none).
	why reason
	// param, when not 0, makes an unknown a reference to the function's
	// parameter param-1: a summary substitutes the caller's argument.
	param int
	// how the parameter's argument is read: as text, JSON-encoded, a
	// reader (bodyHow*).
	how uint8
	// seg marks unknown text that is one path segment (no '/'): an id
	// formatted with %d or %s.
	seg bool
	// late is a URL whose resolution waits for a parameter: the unknown
	// stands for its whole text.
	late    *lateURL
	text    str // vText
	lit     string
	members []member
	elems   []*val
	// pos and end are the source range that produced the value.
	pos, end token.Pos
}

// member is a keyed member of an object: a JSON member, a query
// parameter, a header (keys may repeat in the last two).
type member struct {
	key        string
	kpos, kend token.Pos
	v          *val
	// cond: set under a condition. A caller's argument may decide the
	// condition (if v != ""), so its value is not the caller's to judge.
	cond bool
	// add: put there by Add, which keeps the values the key already has (a
	// header or query parameter then is sent twice); Set replaces them. A
	// request editor's summary is replayed on its caller's headers so.
	add bool
}

func at(n ast.Node) (token.Pos, token.Pos) {
	if n == nil {
		return token.NoPos, token.NoPos
	}
	return n.Pos(), n.End()
}

// unknown is a value the analyzer could not see at n.
func unknown(why reason, n ast.Node) *val {
	p, e := at(n)
	return &val{why: why, pos: p, end: e}
}

// paramRef refers to parameter i (0-based) of the function.
func paramRef(i int, how uint8, n ast.Node) *val {
	p, e := at(n)
	return &val{why: whyParam, param: i + 1, how: how, pos: p, end: e}
}

// object is an empty object with all its members seen.
func object(n ast.Node) *val {
	p, e := at(n)
	return &val{kind: vObject, pos: p, end: e}
}

// openObject is an object the analyzer has not seen all of.
func openObject(why reason, n ast.Node) *val {
	o := object(n)
	o.why = why
	return o
}

// textVal is a string value: its text, positioned at the text when it has
// any, else at n.
func textVal(s str, n ast.Node) *val {
	v := &val{kind: vText, text: s}
	v.pos, v.end = at(n)
	if len(s) > 0 {
		if p, e := s.span(0, len(s)); p.IsValid() {
			v.pos, v.end = p, e
		}
	}
	return v
}

func (v *val) known() bool { return v != nil && v.kind != vUnknown }

// complete reports whether an object's members are all seen.
func (v *val) complete() bool { return v.kind == vObject && v.why == whyNone }

// open marks an object as not fully seen, keeping the first reason.
func (v *val) open(why reason) {
	if v.why == whyNone {
		v.why = why
	}
}

// str returns a text value's text; anything else is one unknown stretch.
func (v *val) asText() str {
	if v.kind == vText {
		return v.text
	}
	return str{{pos: v.pos, end: v.end, hole: v}}
}

// clone copies a value's top level: members and elements may be replaced
// in the copy without changing the original.
func (v *val) clone() *val {
	c := *v
	c.members = append([]member(nil), v.members...)
	c.elems = append([]*val(nil), v.elems...)
	return &c
}

// hasParam reports whether a value refers to a parameter.
func (v *val) hasParam() bool {
	if v == nil {
		return false
	}
	if v.param > 0 || v.late != nil || hasParam(v.text) {
		return true
	}
	for _, m := range v.members {
		if m.v.hasParam() {
			return true
		}
	}
	for _, e := range v.elems {
		if e.hasParam() {
			return true
		}
	}
	return false
}

// join is what several writes of one variable, field or result give: their
// value when all agree (same kinds, same known text, same references), else
// unknown because conditional. It never picks one of two different values.
func join(vs []*val, n ast.Node) *val {
	if len(vs) == 0 {
		return unknown(whyUnsupported, n)
	}
	first := encodeVal(vs[0]).String()
	for _, v := range vs[1:] {
		if encodeVal(v).String() != first {
			return unknown(whyCond, n)
		}
	}
	return vs[0]
}

// set applies Set/Add/Del to a query or header object. Header names
// compare case-insensitively. Under a condition (replace false) earlier
// members stay.
func (v *val) set(op string, key string, kp, ke token.Pos, x *val, replace, header bool) {
	if (op == "Set" || op == "Del") && replace {
		kept := v.members[:0]
		for _, m := range v.members {
			if !sameKey(m.key, key, header) {
				kept = append(kept, m)
			}
		}
		v.members = kept
	}
	if op != "Del" {
		v.members = append(v.members, member{key: key, kpos: kp, kend: ke, v: x, cond: !replace, add: op == "Add"})
	}
}

// has reports whether an object has a member key.
func (v *val) has(key string, header bool) bool {
	for _, m := range v.members {
		if sameKey(m.key, key, header) {
			return true
		}
	}
	return false
}

func sameKey(a, b string, header bool) bool {
	if header {
		return strings.EqualFold(a, b)
	}
	return a == b
}
