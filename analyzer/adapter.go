package analyzer

import (
	"go/token"
	"net/url"
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
)

// The one adapter from the value domain to the engine's model: every
// request.Request part, request.Value and request.Span the analyzer makes
// is made here. Unknown values become request.Unknown, an unknown path
// segment request.UnknownSegment, an unseen stretch of the URL text a NUL
// byte (the engine's conventions), an object the analyzer did not see all
// of a false *Complete flag. Pointers are computed here from the shape.

const bodyPointer = "/body"

// span puts a Go source range in a request.Span as its front-end range:
// the engine carries it through untouched and the analyzer maps
// diagnostics back with it (spanPos).
func span(pos, end token.Pos) request.Span {
	return request.FrontSpan(int(pos), int(end))
}

// spanPos returns the Go source range of a span made by span.
func spanPos(s request.Span) (pos, end token.Pos) {
	start, stop := s.Range()
	return token.Pos(start), token.Pos(stop)
}

// toValue converts a value to the engine's JSON model at pointer ptr.
func toValue(v *val, ptr string) *request.Value {
	if v == nil {
		return nil
	}
	out := &request.Value{Span: span(v.pos, v.end), Pointer: ptr}
	switch v.kind {
	case vText:
		if t, ok := v.text.text(); ok {
			out.Kind, out.Str = request.String, t
		}
	case vNull:
		out.Kind = request.Null
	case vBool:
		out.Kind, out.Bool = request.Bool, v.lit == "true"
	case vNumber:
		out.Kind, out.Str = request.Number, v.lit
	case vObject:
		out.Kind = request.Object
		for _, m := range v.members {
			out.Members = append(out.Members, &request.Member{Key: m.key, KeySpan: span(m.kpos, m.kend), Value: toValue(m.v, ptr+"/"+request.PointerToken(m.key))})
		}
	case vArray:
		out.Kind = request.Array
		for i, e := range v.elems {
			out.Elems = append(out.Elems, toValue(e, ptr+"/"+strconv.Itoa(i)))
		}
	}
	return out
}

// fromValue converts a parsed JSON tree (request.Parse of JSON text) into
// the value domain, its spans mapped through at.
func fromValue(v *request.Value, at func(request.Span) (token.Pos, token.Pos), hole func(request.Span) (reason, bool)) *val {
	out := &val{}
	out.pos, out.end = at(v.Span)
	switch v.Kind {
	case request.String:
		if why, ok := hole(v.Span); ok {
			out.why = why
			break
		}
		out.kind, out.text = vText, inexactAt(v.Str, out.pos, out.end)
	case request.Null:
		out.kind = vNull
	case request.Bool:
		out.kind, out.lit = vBool, "false"
		if v.Bool {
			out.lit = "true"
		}
	case request.Number:
		out.kind, out.lit = vNumber, v.Str
	case request.Object:
		out.kind = vObject
		for _, m := range v.Members {
			if why, ok := hole(m.KeySpan); ok {
				return &val{why: why, pos: out.pos, end: out.end}
			}
			kp, ke := at(m.KeySpan)
			out.members = append(out.members, member{key: m.Key, kpos: kp, kend: ke, v: fromValue(m.Value, at, hole)})
		}
	case request.Array:
		out.kind = vArray
		for _, e := range v.Elems {
			out.elems = append(out.elems, fromValue(e, at, hole))
		}
	default:
		out.why = whyUnsupported
	}
	return out
}

// params converts a query object's members into query parameters.
func params(ms []member) []request.Param {
	var out []request.Param
	for _, m := range ms {
		name, key := request.SplitParamName(m.key)
		out = append(out, request.Param{Name: name, Key: key, KeySpan: span(m.kpos, m.kend), Value: memberValue(m, "/url"), Pointer: "/url"})
	}
	return out
}

// memberValue is a query or header member's value: a string or unknown.
func memberValue(m member, ptr string) *request.Value {
	v := toValue(m.v, ptr)
	if v == nil {
		return &request.Value{Kind: request.Unknown, Pointer: ptr}
	}
	if v.Kind != request.String {
		v.Kind, v.Members, v.Elems = request.Unknown, nil, nil
	}
	return v
}

// methodPart is a request's method as the front end saw it.
type methodPart struct {
	text     string // upper case
	known    bool
	pos, end token.Pos
}

// requestParts are the evaluated parts of one request.
type requestParts struct {
	pos, end       token.Pos // the construction
	method         methodPart
	url            *urlVal
	urlPos, urlEnd token.Pos // the URL expression: where request-level diagnostics point
	hdr            *val
	hdrEscaped     bool // the request is handed on: more headers may be set
	body           *val // nil: no body
	provider       string
	provPos        token.Pos
	provEnd        token.Pos
}

// newRequest converts a request's parts to the engine's model.
func newRequest(p requestParts) *request.Request {
	r := &request.Request{Span: span(p.pos, p.end), HeadersComplete: true}
	r.Method, r.MethodKnown, r.MethodSpan = p.method.text, p.method.known, span(p.method.pos, p.method.end)
	setTarget(r, p.url, p.urlPos, p.urlEnd)
	for _, m := range p.hdr.members {
		ptr := "/headers/" + request.PointerToken(m.key)
		r.Headers = append(r.Headers, request.Header{Name: m.key, NameSpan: span(m.kpos, m.kend), Value: memberValue(m, ptr)})
	}
	r.HeadersComplete = p.hdr.complete() && !p.hdrEscaped
	r.Body = toValue(p.body, bodyPointer)
	r.Provider = p.provider
	if p.provPos.IsValid() {
		r.ProviderSpan = span(p.provPos, p.provEnd)
	}
	return r
}

// setRepeated records that a request is built in a loop that does not wait.
func setRepeated(r *request.Request, pos, end token.Pos, via string) {
	r.Repeated = &request.Repeat{Span: span(pos, end), Via: via}
}

// setTarget fills a request's URL, path and query from an evaluated URL.
// pos and end are the URL expression at the construction site: the span
// of the path for request-level diagnostics.
func setTarget(r *request.Request, u *urlVal, pos, end token.Pos) {
	r.PathSpan = span(pos, end)
	r.PathPointer = "/url"
	r.QueryComplete = true
	if t, ok := u.scheme.text(); ok {
		r.Scheme = strings.ToLower(t)
	}
	if t, ok := u.host.text(); ok {
		r.Host = strings.ToLower(t)
	}
	r.URL = urlText(u)
	setPath(r, u)
	ms, why := splitQuery(u.query)
	r.Query = append(r.Query, params(ms)...)
	if why != whyNone {
		r.QueryComplete = false
	}
}

// urlText is the URL as far as it is known, for rules that read it whole
// (a credential in the userinfo). Unknown stretches are NUL bytes; an
// unknown userinfo is left out rather than guessed at.
func urlText(u *urlVal) string {
	c := *u
	if _, ok := u.user.text(); !ok {
		c.user = nil
	}
	var b strings.Builder
	for _, x := range c.render() {
		if x.hole == nil {
			b.WriteByte(x.b)
		} else {
			b.WriteByte(0)
		}
	}
	return b.String()
}

func setPath(r *request.Request, u *urlVal) {
	if u.pathWhy != whyNone {
		return // Path "" and PathKnown false: no operation can be matched
	}
	parts := splitCells(u.path, '/')
	// Drop the empty parts of a leading and a trailing slash.
	if len(parts) > 0 && len(parts[0]) == 0 {
		parts = parts[1:]
	}
	trailingUnknown := false
	if n := len(parts); n > 0 {
		if len(parts[n-1]) == 0 {
			parts = parts[:n-1]
		} else if h := parts[n-1][len(parts[n-1])-1].hole; h != nil && h.kind == vUnknown && !h.seg {
			trailingUnknown = true // "…/" + rest may carry a query of its own
		}
	}
	known := true
	segs := make([]string, 0, len(parts))
	spans := make([]request.Span, 0, len(parts))
	for _, p := range parts {
		seg, ok := segment(p)
		if !ok {
			return // a segment count the analyzer cannot tell
		}
		if seg == request.UnknownSegment {
			known = false
		}
		segs = append(segs, seg)
		spans = append(spans, span(p.span(0, len(p))))
	}
	r.Segments, r.PathSegmentSpans = segs, spans
	r.Path = "/" + strings.Join(segs, "/")
	r.PathKnown = known
	if trailingUnknown {
		r.QueryComplete = false
	}
}

// segment decodes one path segment. An unknown id, or an unknown string
// that fills the whole segment, is one unknown segment; an unknown string
// glued to known text might hold slashes, so the path is indeterminate.
func segment(p str) (string, bool) {
	if t, ok := p.text(); ok {
		if d, err := url.PathUnescape(t); err == nil {
			return d, true
		}
		return t, true
	}
	allUnknown, anyString := true, false
	for _, c := range p {
		switch {
		case c.hole == nil:
			allUnknown = false
		case c.hole.kind != vUnknown || !c.hole.seg:
			anyString = true
		}
	}
	if anyString && !allUnknown {
		return "", false
	}
	return request.UnknownSegment, true
}

// parseJSON parses JSON text made from Go source: byte i of text comes from
// source range pos[i]..end[i]. A string or key that overlaps a hole is
// unknown, for the hole's reason.
func parseJSON(text []byte, pos, end []token.Pos, holes []textHole) (*val, bool) {
	v, err := request.Parse(text, request.Options{})
	if err != nil {
		return nil, false
	}
	at := func(sp request.Span) (token.Pos, token.Pos) {
		a, b := min(sp.Start.Offset, len(pos)-1), min(sp.End.Offset, len(pos))
		if b <= a {
			return pos[a], pos[a]
		}
		return pos[a], end[b-1]
	}
	hole := func(sp request.Span) (reason, bool) {
		for _, h := range holes {
			if h.from < sp.End.Offset && sp.Start.Offset < h.to {
				return h.why, true
			}
		}
		return whyNone, false
	}
	return fromValue(v, at, hole), true
}
