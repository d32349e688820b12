package rules

import (
	"encoding/json"
	"strings"

	"github.com/atslint/atslint/internal/textdist"
	"github.com/atslint/atslint/request"
)

// Safety says whether a rule's fix keeps what the request means (DESIGN
// §11). The zero value is NoFix: a rule that says nothing has none.
type Safety uint8

const (
	NoFix Safety = iota
	// Safe fixes keep what the author meant (https for http, a deprecated
	// parameter renamed to its documented equivalent): --fix applies them.
	Safe
	// Unsafe fixes change what is sent (a misspelt field renamed to the
	// closest declared one): only --unsafe-fixes applies them.
	Unsafe
)

func (s Safety) String() string {
	switch s {
	case Safe:
		return "safe"
	case Unsafe:
		return "unsafe"
	}
	return "none"
}

// Fix is what a diagnostic's rule would change to remove it: edits on the
// source the request was read from, applied together or not at all.
type Fix struct {
	Safety      Safety
	Description string
	Edits       []request.Edit
}

// Fix attaches a fix to the diagnostic the running rule reported last. A
// rule that declares no AutoFix gets none, and so does a fix with no
// edits; a fix whose edits overlap each other is a rule's mistake and is
// dropped too.
func (p *Pass) Fix(description string, edits ...request.Edit) {
	if p.rule.AutoFix == NoFix || len(p.diags) == 0 || !disjoint(edits) {
		return
	}
	d := &p.diags[len(p.diags)-1]
	if d.Rule != p.rule.ID {
		return
	}
	d.Fix = &Fix{Safety: p.rule.AutoFix, Description: description, Edits: edits}
}

// disjoint reports a non-empty list of edits no two of which touch.
func disjoint(edits []request.Edit) bool {
	for i, a := range edits {
		for _, b := range edits[i+1:] {
			if request.Overlap(a.Span, b.Span) {
				return false
			}
		}
	}
	return len(edits) > 0
}

// jsonString is s as a JSON string literal.
func jsonString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// replace is the edit that writes text over a span.
func replace(sp request.Span, text string) request.Edit { return request.Edit{Span: sp, Text: text} }

// tokenRename renames an object key or replaces a string value token: the
// whole JSON literal is rewritten, so escapes in the old one do not matter.
func tokenRename(sp request.Span, name string) request.Edit { return replace(sp, jsonString(name)) }

// literalExact reports whether a string value's span covers its literal
// byte for byte plus the two quotes: no escape sequence inside, so offsets
// into the decoded text are offsets into the source.
func literalExact(v *request.Value) bool {
	if v == nil || v.Kind != request.String || v.Span.IsZero() {
		return false
	}
	start, end := v.Span.Range()
	return end-start == len(v.Str)+2
}

// inLiteral is the span of bytes [from, to) of an exact string literal's
// decoded text.
func inLiteral(v *request.Value, from, to int) request.Span {
	return v.Span.Sub(1+from, 1+to)
}

// inside reports whether span sp lies strictly inside span outer.
func inside(sp, outer request.Span) bool {
	s, e := sp.Range()
	os, oe := outer.Range()
	return sp != outer && os < s && e < oe
}

// urlParam reports whether a query parameter was read from the url string
// (not from the "query" object) with spans exact inside it: readers give a
// url parameter the span of the whole literal when they cannot map inside
// it, and then nothing in it can be edited.
func urlParam(r *request.Request, q request.Param) bool {
	if r.PathSpan.IsZero() || q.Pointer != r.PathPointer {
		return false
	}
	return inside(q.KeySpan, r.PathSpan)
}

// renameParam is the edit that renames a query parameter to full (the
// name as in a query string, "filter[updated_after]"), or false when the
// parameter's key cannot be rewritten in place. In the url the raw key is
// replaced; in a "query" object, a flat key ("filter[x]": …) is renamed to
// full, and a nested one ({"filter": {"x": …}}) to the new deepObject key,
// when the top-level name stays the same.
func renameParam(r *request.Request, q request.Param, full string) (request.Edit, bool) {
	if urlParam(r, q) {
		return replace(q.KeySpan, full), true
	}
	if q.Pointer == r.PathPointer || q.KeySpan.IsZero() {
		return request.Edit{}, false
	}
	m := memberAt(r.Root, q.KeySpan)
	if m == nil {
		return request.Edit{}, false
	}
	if m.Key == q.FullName() {
		return tokenRename(m.KeySpan, full), true
	}
	name, key := request.SplitParamName(full)
	if m.Key == q.Key && name == q.Name && key != "" {
		return tokenRename(m.KeySpan, key), true
	}
	return request.Edit{}, false
}

// memberAt finds the object member whose key has the given span below v.
func memberAt(v *request.Value, key request.Span) *request.Member {
	if obj := objectOf(v, key); obj != nil {
		for _, m := range obj.Members {
			if m.KeySpan == key {
				return m
			}
		}
	}
	return nil
}

// hasParam reports whether the request already sends the parameter full.
func hasParam(r *request.Request, full string) bool {
	for _, q := range r.Query {
		if q.FullName() == full {
			return true
		}
	}
	return false
}

// closestOnly is closest when exactly one candidate is at the smallest
// distance: a fix renames to a name only when no other is as near.
func closestOnly(s string, candidates []string) (string, bool) {
	c, ok := closest(s, candidates)
	if !ok {
		return "", false
	}
	return onlyClosest(s, c, candidates)
}

// onlyClosest is closestOnly once closest has found c.
func onlyClosest(s, c string, candidates []string) (string, bool) {
	ls := strings.ToLower(s)
	d := textdist.Levenshtein(ls, strings.ToLower(c))
	for _, o := range candidates {
		if o != c && textdist.Levenshtein(ls, strings.ToLower(o)) == d {
			return "", false
		}
	}
	return c, true
}

// setParamValue is the edit that sets a query parameter's value to text (a
// number or plain word that needs no escaping): in the url the raw value
// is replaced, in a "query" object the value token, as a number or a
// string like the one it replaces.
func setParamValue(r *request.Request, q request.Param, text string) (request.Edit, bool) {
	v := q.Value
	if v == nil || v.Span.IsZero() {
		return request.Edit{}, false
	}
	if urlParam(r, q) {
		if !inside(v.Span, r.PathSpan) {
			return request.Edit{}, false
		}
		return replace(v.Span, text), true
	}
	if q.Pointer == r.PathPointer || r.Root == nil {
		return request.Edit{}, false
	}
	switch v.Kind {
	case request.Number:
		return replace(v.Span, text), true
	case request.String:
		return tokenRename(v.Span, text), true
	}
	return request.Edit{}, false
}

// setValue is the edit that sets a JSON number or numeric string value
// token to the number text, keeping its kind.
func setValue(v *request.Value, text string) (request.Edit, bool) {
	if v == nil || v.Span.IsZero() {
		return request.Edit{}, false
	}
	switch v.Kind {
	case request.Number:
		return replace(v.Span, text), true
	case request.String:
		return tokenRename(v.Span, text), true
	}
	return request.Edit{}, false
}

// setParam is the edit that sets the value of a native query parameter of
// a passthrough request to text, inside the url or path string it was read
// from; false when the reader could not map offsets inside that string.
func (pc *proxyCall) setParam(q request.Param, text string) (request.Edit, bool) {
	for _, lit := range []*request.Value{pc.urlV, pc.pathV} {
		if lit == nil || q.Value == nil || q.Pointer != lit.Pointer {
			continue
		}
		if inside(q.Value.Span, lit.Span) {
			return replace(q.Value.Span, text), true
		}
	}
	return request.Edit{}, false
}

// capFix attaches the fix that lowers a native paging parameter to its
// maximum.
func capFix(p *Pass, pc *proxyCall, q request.Param, max string) {
	if e, ok := pc.setParam(q, max); ok {
		p.Fix("set "+q.Name+" to "+max, e)
	}
}
