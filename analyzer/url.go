package analyzer

import (
	"go/ast"
	"go/token"
	"net/url"
	"strings"

	"github.com/atslint/atslint/request"
)

// urlVal is an evaluated URL split into its parts. A base URL the analyzer
// cannot see (c.baseURL + "/unified/ats/jobs") is an unknown host followed
// by a known path.
type urlVal struct {
	scheme, user, host str
	path               str
	query              str // without '?'
	hasQuery           bool
	pathUnknown        bool // the path cannot be told apart from the rest
	// src is the string the URL was parsed from, for a resolution that
	// waits for a caller's argument.
	src str
	// late is set when the URL is a reference resolved against a base
	// and either depends on a parameter: unknown here, resolved where a
	// summary is instantiated with the caller's arguments.
	late *lateURL
}

// lateURL is a resolution of ref against base postponed to the caller.
type lateURL struct {
	base *urlVal
	ref  str
}

func unknownURL(at ast.Node) *urlVal {
	return &urlVal{host: unknownStr(unknownAny, at), pathUnknown: true}
}

// parseURL splits an evaluated URL string at its known delimiters.
func parseURL(s str) *urlVal {
	if len(s) == 1 && s[0].late != nil {
		return &urlVal{host: s, pathUnknown: true, src: s, late: s[0].late}
	}
	u := &urlVal{src: s}
	rest := s
	if i := schemeEnd(s); i > 0 {
		u.scheme = s[:i]
		rest = s[i+3:]
		a := indexKnown(rest, "/?#")
		auth := rest[:a]
		if at := lastKnown(auth, '@'); at >= 0 {
			u.user, auth = auth[:at], auth[at+1:]
		}
		u.host, rest = auth, rest[a:]
	} else if len(s) > 0 && s[0].kind != known {
		// An unknown base URL: everything before the first known byte.
		i := 0
		for i < len(s) && s[i].kind != known {
			i++
		}
		u.host, rest = s[:i], s[i:]
		switch {
		case len(rest) == 0 || rest[0].b == '/' || rest[0].b == '?':
		case hasKnownPrefix(rest, "unified/"):
			// base + "unified/ats/…": the base ends with the slash.
			p := rest[0].pos
			rest = append(str{{kind: known, b: '/', pos: p, end: p}}, rest...)
		default:
			u.pathUnknown = true
		}
		if i > 1 {
			u.pathUnknown = true // base + path, both unknown
		}
	}
	if h := indexKnown(rest, "#"); h < len(rest) {
		rest = rest[:h]
	}
	q := indexKnown(rest, "?")
	u.path = rest[:q]
	if q < len(rest) {
		u.query, u.hasQuery = rest[q+1:], true
	}
	if len(u.path) == 0 && len(u.host) > 0 && u.host[0].kind != known && len(u.scheme) == 0 {
		u.pathUnknown = true
	}
	return u
}

// schemeEnd returns the index of "://" after a known scheme, or -1.
func schemeEnd(s str) int {
	for i, c := range s {
		if c.kind != known {
			return -1
		}
		switch {
		case c.b >= 'a' && c.b <= 'z' || c.b >= 'A' && c.b <= 'Z':
		case i > 0 && (c.b >= '0' && c.b <= '9' || c.b == '+' || c.b == '-' || c.b == '.'):
		case c.b == ':' && i > 0:
			if i+2 < len(s) && s[i+1].kind == known && s[i+1].b == '/' && s[i+2].kind == known && s[i+2].b == '/' {
				return i
			}
			return -1
		default:
			return -1
		}
	}
	return -1
}

// indexKnown returns the index of the first known byte in chars, or len(s).
func indexKnown(s str, chars string) int {
	for i, c := range s {
		if c.kind == known && strings.IndexByte(chars, c.b) >= 0 {
			return i
		}
	}
	return len(s)
}

func lastKnown(s str, b byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i].kind == known && s[i].b == b {
			return i
		}
	}
	return -1
}

func hasKnownPrefix(s str, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	t, ok := s[:len(prefix)].text()
	return ok && t == prefix
}

// render joins the parts back into a URL string, as (*url.URL).String does.
func (u *urlVal) render() str {
	if u.late != nil {
		if len(u.host) == 1 && u.host[0].late == u.late {
			return u.host
		}
		return str{{kind: unknownAny, late: u.late}}
	}
	var out str
	lit := func(text string, near str) {
		p := token.NoPos
		if len(near) > 0 {
			p = near[0].pos
		}
		for i := 0; i < len(text); i++ {
			out = append(out, cell{kind: known, b: text[i], pos: p, end: p})
		}
	}
	if len(u.scheme) > 0 {
		out = append(out, u.scheme...)
		lit("://", u.host)
		if len(u.user) > 0 {
			out = append(out, u.user...)
			lit("@", u.host)
		}
	}
	out = append(out, u.host...)
	if len(u.host) > 0 && len(u.path) > 0 && (u.path[0].kind != known || u.path[0].b != '/') {
		lit("/", u.path)
	}
	out = append(out, u.path...)
	if u.hasQuery || len(u.query) > 0 {
		lit("?", u.query)
		out = append(out, u.query...)
	}
	return out
}

// joinPath appends path elements as (*url.URL).JoinPath does.
func (u *urlVal) joinPath(f *fn, elems []ast.Expr) {
	if len(elems) == 0 {
		return
	}
	base := trimSlashes(u.path, false, true)
	var out str
	out = append(out, base...)
	for _, e := range elems {
		s := trimSlashes(f.evalStr(e), true, true)
		if len(s) == 0 {
			continue
		}
		p := e.Pos()
		out = append(out, cell{kind: known, b: '/', pos: p, end: p})
		out = append(out, markIDs(s)...)
	}
	u.path = out
	if len(u.path) > 0 && len(u.host) > 0 && u.host[0].kind != known && len(u.scheme) == 0 {
		u.pathUnknown = false // base.JoinPath("unified", …): the elements are the path
	}
}

// evalURL evaluates a url.URL or *url.URL expression.
func (f *fn) evalURL(e ast.Expr) *urlVal {
	if f.enter() {
		defer f.leave()
	} else {
		return unknownURL(e)
	}
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return f.evalURL(x.X)
		}
	case *ast.StarExpr:
		return f.evalURL(x.X)
	case *ast.CompositeLit:
		if isNamed(f.typeOf(x), "net/url", "URL") {
			return f.urlLiteral(x)
		}
	case *ast.CallExpr:
		return f.urlCall(x)
	case *ast.Ident:
		if b, ok := f.lookup(x); ok {
			return f.urlBinding(b, x)
		}
	case *ast.SelectorExpr:
		if u, ok := f.fieldURL(x); ok {
			return u
		}
		// req.URL of a request this function builds.
		if id, ok := ast.Unparen(x.X).(*ast.Ident); ok && x.Sel.Name == "URL" {
			if s := f.siteOfVar(id); s != nil && s.urlExpr != nil {
				return f.siteURL(s)
			}
		}
	}
	return unknownURL(e)
}

func (f *fn) urlLiteral(lit *ast.CompositeLit) *urlVal {
	u := &urlVal{}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return unknownURL(lit)
		}
		key, _ := kv.Key.(*ast.Ident)
		if key == nil {
			return unknownURL(lit)
		}
		if !u.setField(f, key.Name, kv.Value) {
			return unknownURL(lit)
		}
	}
	return u
}

// setField sets one url.URL field from an expression; false when the
// field makes the URL unknowable (Opaque).
func (u *urlVal) setField(f *fn, name string, v ast.Expr) bool {
	switch name {
	case "Scheme":
		u.scheme = f.evalStr(v)
	case "Host":
		u.host = f.evalStr(v)
	case "Path":
		u.path = f.evalStr(v)
		u.pathUnknown = false
	case "RawQuery":
		u.query, u.hasQuery = f.evalStr(v), true
	case "User":
		u.user = unknownStr(unknownAny, v)
	case "Fragment", "RawPath", "ForceQuery", "RawFragment", "OmitHost":
	default:
		return false
	}
	return true
}

func (f *fn) urlCall(call *ast.CallExpr) *urlVal {
	fnObj := f.callee(call)
	if fnObj == nil {
		return unknownURL(call)
	}
	switch fullName(fnObj) {
	case "net/url.Parse", "net/url.ParseRequestURI":
		return parseURL(f.evalStr(call.Args[0]))
	case "(*net/url.URL).JoinPath":
		u := f.evalURL(receiver(call)).clone()
		if call.Ellipsis.IsValid() {
			return unknownURL(call)
		}
		u.joinPath(f, call.Args)
		return u
	case "(*net/url.URL).Parse":
		return f.resolve(f.evalURL(receiver(call)), parseURL(f.evalStr(call.Args[0])), call)
	case "(*net/url.URL).ResolveReference":
		return f.resolve(f.evalURL(receiver(call)), f.evalURL(call.Args[0]), call)
	}
	return unknownURL(call)
}

// resolve resolves a reference against a base as (*url.URL).Parse and
// ResolveReference do. A reference from a parameter waits for the caller
// (late). A relative "unified/…" reference against a base the analyzer
// cannot see is read as StackOne's path under an unknown host, as
// base + "unified/…" is: StackOne's base URL has no path of its own.
func (f *fn) resolve(base, ref *urlVal, at ast.Node) *urlVal {
	if ref.late != nil || len(ref.scheme) == 0 && len(ref.host) > 0 && hasParam(ref.src) || base.late != nil && hasParam(ref.src) {
		l := &lateURL{base: base, ref: ref.src}
		return &urlVal{host: str{{kind: unknownAny, late: l, pos: at.Pos(), end: at.End()}}, pathUnknown: true, late: l}
	}
	if len(ref.scheme) > 0 {
		return ref
	}
	if len(ref.host) > 0 || len(ref.path) == 0 || ref.path[0].kind != known {
		return unknownURL(at)
	}
	u := base.clone()
	u.src, u.late = nil, nil
	u.query, u.hasQuery = ref.query, ref.hasQuery
	if ref.path[0].b == '/' {
		u.path, u.pathUnknown = ref.path, false
		return u
	}
	// A relative path: merged with the base path up to its last slash.
	rel := ref.path
	for hasKnownPrefix(rel, "./") {
		rel = rel[2:]
	}
	if base.late != nil || base.pathUnknown || len(base.path) > 0 && base.path[0].kind != known {
		if !hasKnownPrefix(rel, "unified/") {
			return unknownURL(at)
		}
		p := rel[0].pos
		u.host = str{{kind: unknownAny, pos: at.Pos(), end: at.End()}}
		u.scheme, u.user = nil, nil
		u.path, u.pathUnknown = append(str{{kind: known, b: '/', pos: p, end: p}}, rel...), false
		return u
	}
	dir := base.path[:lastKnown(base.path, '/')+1]
	if len(dir) == 0 {
		p := rel[0].pos
		dir = str{{kind: known, b: '/', pos: p, end: p}}
	}
	u.path, u.pathUnknown = append(append(str{}, dir...), rel...), false
	return u
}

// hasParam reports whether s depends on a parameter of the function.
func hasParam(s str) bool {
	for _, c := range s {
		if c.param > 0 || c.late != nil || c.kind == queryCell && c.q != nil && c.q.hasParam() {
			return true
		}
	}
	return false
}

func (u *urlVal) clone() *urlVal {
	c := *u
	return &c
}

// urlBinding is a local URL variable with its field updates applied.
func (f *fn) urlBinding(b *binding, use ast.Expr) *urlVal {
	if b.tuple > 0 || b.rhs == nil {
		return unknownURL(use)
	}
	u := f.evalURL(b.rhs).clone()
	for _, e := range b.updates {
		switch e.kind {
		case evField:
			if len(e.path) != 1 {
				return unknownURL(use)
			}
			// A conditional RawQuery still shows which parameters may be
			// sent; any other conditional change leaves the URL unknown.
			if !f.locals.unconditional(e) && e.path[0] != "RawQuery" {
				return unknownURL(use)
			}
			if !u.setField(f, e.path[0], e.rhs) {
				return unknownURL(use)
			}
		case evCall:
			if len(e.path) > 0 || !urlReadMethods[e.name] {
				return unknownURL(use)
			}
		case evAddr, evArg:
			if !f.benignUse(e) {
				return unknownURL(use)
			}
		case evEscape:
			// Stored in a struct literal (a client's BaseURL): writes
			// through that field are the field's, not this variable's.
			if _, ok := e.parent.(*ast.KeyValueExpr); !ok {
				return unknownURL(use)
			}
		default:
			return unknownURL(use)
		}
	}
	return u
}

var urlReadMethods = map[string]bool{
	"String": true, "Query": true, "JoinPath": true, "Hostname": true, "Port": true, "EscapedPath": true,
	"Redacted": true, "RequestURI": true, "IsAbs": true, "Parse": true, "ResolveReference": true, "MarshalBinary": true,
}

// setTarget fills a request's URL, path and query from an evaluated URL.
// at is the URL expression at the construction site: the span of the path
// for request-level diagnostics.
func setTarget(r *request.Request, u *urlVal, at ast.Node) {
	r.PathSpan = span(at.Pos(), at.End())
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
	setQuery(r, u.query)
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
		if x.kind == known {
			b.WriteByte(x.b)
		} else {
			b.WriteByte(0)
		}
	}
	return b.String()
}

func setPath(r *request.Request, u *urlVal) {
	if u.pathUnknown {
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
		} else if last := parts[n-1]; last[len(last)-1].kind == unknownAny {
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
		switch c.kind {
		case known:
			allUnknown = false
		case unknownAny, queryCell:
			anyString = true
		}
	}
	if anyString && !allUnknown {
		return "", false
	}
	return request.UnknownSegment, true
}

// splitCells splits at known sep bytes.
func splitCells(s str, sep byte) []str {
	var out []str
	start := 0
	for i, c := range s {
		if c.kind == known && c.b == sep {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// setQuery appends the parameters of a raw query string. A q.Encode()
// stretch contributes its url.Values parameters directly.
func setQuery(r *request.Request, q str) {
	for _, pair := range splitCells(q, '&') {
		if len(pair) == 0 {
			continue
		}
		if len(pair) == 1 && pair[0].kind == queryCell {
			r.Query = append(r.Query, pair[0].q.params()...)
			if !pair[0].q.complete {
				r.QueryComplete = false
			}
			continue
		}
		eq := indexKnown(pair, "=")
		key := pair[:eq]
		var val str
		if eq < len(pair) {
			val = pair[eq+1:]
		}
		k, ok := key.text()
		if !ok {
			r.QueryComplete = false // an unknown name: any parameter may be sent
			continue
		}
		if d, err := url.QueryUnescape(k); err == nil {
			k = d
		}
		v := &request.Value{Kind: request.Unknown, Pointer: "/url"}
		if eq < len(pair) {
			v.Span = span(val.span(0, len(val)))
		} else {
			v.Span = span(key.span(len(key), len(key)))
		}
		if t, ok := val.text(); ok {
			if d, err := url.QueryUnescape(t); err == nil {
				t = d
			}
			v.Kind, v.Str = request.String, t
		} else {
			for _, c := range val {
				if c.kind == unknownAny || c.kind == queryCell {
					r.QueryComplete = false // it may hold '&' and more parameters
				}
			}
		}
		name, sub := request.SplitParamName(k)
		r.Query = append(r.Query, request.Param{Name: name, Key: sub, KeySpan: span(key.span(0, len(key))), Value: v, Pointer: "/url"})
	}
}

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
