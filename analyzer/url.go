package analyzer

import (
	"go/ast"
	"go/token"
	"net/url"
	"strings"
)

// urlVal is an evaluated URL split into its parts. A base URL the analyzer
// cannot see (c.baseURL + "/unified/ats/jobs") is an unknown host followed
// by a known path.
type urlVal struct {
	scheme, user, host str
	path               str
	query              str // without '?'
	hasQuery           bool
	// pathWhy, when not whyNone, says why the path cannot be told apart
	// from the rest of the URL.
	pathWhy reason
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

func unknownURL(why reason, at ast.Node) *urlVal {
	return &urlVal{host: unknownText(why, at), pathWhy: why}
}

// lateOf returns the late URL a text stands for, or nil.
func lateOf(s str) *lateURL {
	if len(s) == 1 && s[0].hole != nil {
		return s[0].hole.late
	}
	return nil
}

// lateText is the text of a URL resolved late.
func lateText(l *lateURL, at ast.Node) str {
	s := unknownText(whyParam, at)
	s[0].hole.late = l
	return s
}

// parseURL splits an evaluated URL string at its known delimiters.
func parseURL(s str) *urlVal {
	if l := lateOf(s); l != nil {
		return &urlVal{host: s, pathWhy: whyParam, src: s, late: l}
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
	} else if len(s) > 0 && s[0].hole != nil {
		// An unknown base URL: everything before the first known byte.
		i := 0
		for i < len(s) && s[i].hole != nil {
			i++
		}
		u.host, rest = s[:i], s[i:]
		why := s[0].hole.why
		switch {
		case len(rest) == 0 || rest[0].b == '/' || rest[0].b == '?':
		case hasKnownPrefix(rest, "unified/"):
			// base + "unified/ats/…": the base ends with the slash.
			p := rest[0].pos
			rest = append(str{{b: '/', pos: p, end: p}}, rest...)
		default:
			u.pathWhy = why
		}
		if i > 1 {
			u.pathWhy = why // base + path, both unknown
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
	if len(u.path) == 0 && len(u.host) > 0 && u.host[0].hole != nil && len(u.scheme) == 0 {
		u.pathWhy = u.host[0].hole.why
	}
	return u
}

// schemeEnd returns the index of "://" after a known scheme, or -1.
func schemeEnd(s str) int {
	for i, c := range s {
		if c.hole != nil {
			return -1
		}
		switch {
		case c.b >= 'a' && c.b <= 'z' || c.b >= 'A' && c.b <= 'Z':
		case i > 0 && (c.b >= '0' && c.b <= '9' || c.b == '+' || c.b == '-' || c.b == '.'):
		case c.b == ':' && i > 0:
			if i+2 < len(s) && s[i+1].hole == nil && s[i+1].b == '/' && s[i+2].hole == nil && s[i+2].b == '/' {
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
		if c.hole == nil && strings.IndexByte(chars, c.b) >= 0 {
			return i
		}
	}
	return len(s)
}

func lastKnown(s str, b byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i].hole == nil && s[i].b == b {
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
		if lateOf(u.host) == u.late {
			return u.host
		}
		return lateText(u.late, nil)
	}
	var out str
	lit := func(text string, near str) {
		p := token.NoPos
		if len(near) > 0 {
			p = near[0].pos
		}
		for i := 0; i < len(text); i++ {
			out = append(out, cell{b: text[i], pos: p, end: p})
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
	if len(u.host) > 0 && len(u.path) > 0 && (u.path[0].hole != nil || u.path[0].b != '/') {
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
		out = append(out, cell{b: '/', pos: p, end: p})
		out = append(out, markIDs(s)...)
	}
	u.path = out
	if len(u.path) > 0 && len(u.host) > 0 && u.host[0].hole != nil && len(u.scheme) == 0 {
		u.pathWhy = whyNone // base.JoinPath("unified", …): the elements are the path
	}
}

// orQuery adds the parameters of a query set under a condition to those
// set before: the request sends the one or the other, so both are seen,
// never one picked.
func (u *urlVal) orQuery(q str) {
	if len(u.query) > 0 && len(q) > 0 {
		u.query = append(append(append(str{}, u.query...), cell{b: '&', pos: q[0].pos, end: q[0].pos}), q...)
	} else if len(q) > 0 {
		u.query = q
	}
	u.hasQuery = true
}

// evalURL evaluates a url.URL or *url.URL expression.
func (f *fn) evalURL(e ast.Expr) *urlVal {
	if f.enter() {
		defer f.leave()
	} else {
		return unknownURL(whyDepth, e)
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
		if b, ok := f.lookupAll(x); ok {
			if b.alts != nil {
				// Several writes: one URL when their texts agree.
				v := joinWrites(b, x, func(e ast.Expr) *val { return textVal(f.evalURL(e).render(), e) })
				if !v.known() {
					return unknownURL(v.why, x)
				}
				return f.evalURL(b.alts[0])
			}
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
	return unknownURL(f.whyOf(e), e)
}

func (f *fn) urlLiteral(lit *ast.CompositeLit) *urlVal {
	u := &urlVal{}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return unknownURL(whyUnsupported, lit)
		}
		key, _ := kv.Key.(*ast.Ident)
		if key == nil {
			return unknownURL(whyUnsupported, lit)
		}
		if !u.setField(f, key.Name, kv.Value) {
			return unknownURL(whyUnsupported, lit)
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
		u.pathWhy = whyNone
	case "RawQuery":
		u.query, u.hasQuery = f.evalStr(v), true
	case "User":
		u.user = unknownText(whyUnsupported, v)
	case "Fragment", "RawPath", "ForceQuery", "RawFragment", "OmitHost":
	default:
		return false
	}
	return true
}

func (f *fn) urlCall(call *ast.CallExpr) *urlVal {
	fnObj := f.callee(call)
	if fnObj == nil {
		return unknownURL(whyCall, call)
	}
	switch fullName(fnObj) {
	case "net/url.Parse", "net/url.ParseRequestURI":
		return parseURL(f.evalStr(call.Args[0]))
	case "(*net/url.URL).JoinPath":
		u := f.evalURL(receiver(call)).clone()
		if call.Ellipsis.IsValid() {
			return unknownURL(whyUnsupported, call)
		}
		u.joinPath(f, call.Args)
		return u
	case "(*net/url.URL).Parse":
		return f.resolve(f.evalURL(receiver(call)), parseURL(f.evalStr(call.Args[0])), call)
	case "(*net/url.URL).ResolveReference":
		return f.resolve(f.evalURL(receiver(call)), f.evalURL(call.Args[0]), call)
	}
	return unknownURL(whyCall, call)
}

// resolve resolves a reference against a base as (*url.URL).Parse and
// ResolveReference do. A reference from a parameter waits for the caller
// (late). A relative "unified/…" reference against a base the analyzer
// cannot see is read as StackOne's path under an unknown host, as
// base + "unified/…" is: StackOne's base URL has no path of its own.
func (f *fn) resolve(base, ref *urlVal, at ast.Node) *urlVal {
	if ref.late != nil || len(ref.scheme) == 0 && len(ref.host) > 0 && hasParam(ref.src) || base.late != nil && hasParam(ref.src) {
		l := &lateURL{base: base, ref: ref.src}
		return &urlVal{host: lateText(l, at), pathWhy: whyParam, late: l}
	}
	if len(ref.scheme) > 0 {
		return ref
	}
	if len(ref.host) > 0 || len(ref.path) == 0 || ref.path[0].hole != nil {
		return unknownURL(whyUnsupported, at)
	}
	u := base.clone()
	u.src, u.late = nil, nil
	u.query, u.hasQuery = ref.query, ref.hasQuery
	if ref.path[0].b == '/' {
		u.path, u.pathWhy = ref.path, whyNone
		return u
	}
	// A relative path: merged with the base path up to its last slash.
	rel := ref.path
	for hasKnownPrefix(rel, "./") {
		rel = rel[2:]
	}
	if base.late != nil || base.pathWhy != whyNone || len(base.path) > 0 && base.path[0].hole != nil {
		if !hasKnownPrefix(rel, "unified/") {
			return unknownURL(whyUnsupported, at)
		}
		p := rel[0].pos
		u.host = unknownText(whyUnsupported, at)
		if len(base.host) > 0 && base.host[0].hole != nil {
			u.host = unknownText(base.host[0].hole.why, at)
		}
		u.scheme, u.user = nil, nil
		u.path, u.pathWhy = append(str{{b: '/', pos: p, end: p}}, rel...), whyNone
		return u
	}
	dir := base.path[:lastKnown(base.path, '/')+1]
	if len(dir) == 0 {
		p := rel[0].pos
		dir = str{{b: '/', pos: p, end: p}}
	}
	u.path, u.pathWhy = append(append(str{}, dir...), rel...), whyNone
	return u
}

// hasParam reports whether s depends on a parameter of the function.
func hasParam(s str) bool {
	for _, c := range s {
		if c.hole.hasParam() {
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
	if b.rhs == nil {
		return unknownURL(whyUnsupported, use)
	}
	u := f.evalURL(b.rhs).clone()
	for _, e := range b.updates {
		switch e.kind {
		case evField:
			if len(e.path) != 1 {
				return unknownURL(whyUnsupported, use)
			}
			// A conditional RawQuery keeps both queries: either may be
			// sent. Any other conditional change leaves the URL unknown.
			if !f.locals.unconditional(e) {
				if e.path[0] != "RawQuery" {
					return unknownURL(whyCond, use)
				}
				u.orQuery(f.evalStr(e.rhs))
				continue
			}
			if !u.setField(f, e.path[0], e.rhs) {
				return unknownURL(whyUnsupported, use)
			}
		case evCall:
			if len(e.path) > 0 || !urlReadMethods[e.name] {
				return unknownURL(whyEscaped, use)
			}
		case evAddr, evArg:
			if !f.benignUse(e) {
				return unknownURL(whyEscaped, use)
			}
		case evEscape:
			// Stored in a struct literal (a client's BaseURL): writes
			// through that field are the field's, not this variable's.
			if _, ok := e.parent.(*ast.KeyValueExpr); !ok {
				return unknownURL(whyEscaped, use)
			}
		default:
			return unknownURL(whyUnsupported, use)
		}
	}
	return u
}

var urlReadMethods = map[string]bool{
	"String": true, "Query": true, "JoinPath": true, "Hostname": true, "Port": true, "EscapedPath": true,
	"Redacted": true, "RequestURI": true, "IsAbs": true, "Parse": true, "ResolveReference": true, "MarshalBinary": true,
}

// splitCells splits at known sep bytes.
func splitCells(s str, sep byte) []str {
	var out []str
	start := 0
	for i, c := range s {
		if c.hole == nil && c.b == sep {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// splitQuery reads a raw query: its parameters as members (names
// decoded; values as text, decoded, or unknown), and why more parameters
// than these may be sent. An encoded url.Values in it gives its members.
func splitQuery(q str) (ms []member, why reason) {
	more := func(r reason) {
		if why == whyNone {
			why = r
		}
	}
	for _, pair := range splitCells(q, '&') {
		if len(pair) == 0 {
			continue
		}
		if len(pair) == 1 && pair[0].hole != nil && pair[0].hole.kind != vText {
			if o := pair[0].hole; o.kind == vObject {
				ms = append(ms, o.members...)
				if o.why != whyNone {
					more(o.why)
				}
			} else {
				more(o.why)
			}
			continue
		}
		eq := indexKnown(pair, "=")
		key := pair[:eq]
		var v str
		if eq < len(pair) {
			v = pair[eq+1:]
		}
		k, ok := key.text()
		if !ok {
			more(firstHole(key)) // an unknown name: any parameter may be sent
			continue
		}
		if d, err := url.QueryUnescape(k); err == nil {
			k = d
		}
		m := member{key: k}
		m.kpos, m.kend = key.span(0, len(key))
		var pos, end token.Pos
		if eq < len(pair) {
			pos, end = v.span(0, len(v))
		} else {
			pos, end = key.span(len(key), len(key))
		}
		if t, ok := v.text(); ok {
			if d, err := url.QueryUnescape(t); err == nil {
				t = d
			}
			text := make(str, len(t))
			for i := range text {
				text[i] = cell{b: t[i], pos: pos, end: end}
			}
			m.v = &val{kind: vText, text: text, pos: pos, end: end}
		} else {
			m.v = &val{why: firstHole(v), pos: pos, end: end}
			for _, c := range v {
				if c.hole != nil && !(c.hole.kind == vUnknown && c.hole.seg) {
					more(c.hole.why) // it may hold '&' and more parameters
				}
			}
		}
		ms = append(ms, m)
	}
	return ms, why
}

// firstHole is the reason of the first unknown stretch of s.
func firstHole(s str) reason {
	for _, c := range s {
		if c.hole != nil {
			if c.hole.kind == vObject {
				return whyUnsupported
			}
			return c.hole.why
		}
	}
	return whyUnsupported
}
