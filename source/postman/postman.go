// Package postman reads the requests of a Postman Collection (v2.0 and
// v2.1) with positions in the collection file.
//
// What newman sends is what is read: folders are walked in order, disabled
// headers and query parameters are left out, :name path variables take
// their value from url.variable (an empty one is sent as ":name"), auth is
// inherited from collection to folder to request until "noauth", and
// {{name}} takes its value from the environment (Options.Vars) over the
// collection's variable[]. Anything a script may change is unknown: a
// header a pre-request script adds is present with an unknown value, a
// variable any script sets has an unknown value, and so on.
package postman

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/internal/srctext"
)

// Options configure Read: Vars (--env) win over the collection's own
// variables; no other file is read.
type Options = srctext.Options

const schemaMark = "schema.getpostman.com/json/collection/v2"

// Sniff reports whether data, the start of a file, is a Postman collection:
// JSON naming a Postman v2 collection schema near its start.
func Sniff(head []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return len(t) > 0 && t[0] == '{' && bytes.Contains(head, []byte(schemaMark))
}

// IsCollection reports whether a parsed JSON file is a Postman collection.
func IsCollection(root *request.Value) bool {
	s, _ := root.Get("info").Get("schema").StringValue()
	return strings.Contains(s, "getpostman.com/json/collection/v2") || (root.Get("info").Get("_postman_id") != nil && root.Get("item") != nil)
}

// Read reads a collection. Problems with the file (not JSON, not a
// collection, a request without a url) are in the Document's Problems.
// Requests that are not calls to StackOne are counted in Skipped.
func Read(data []byte, opts Options) *request.Document {
	root, err := request.Parse(data, request.Options{MaxDepth: opts.MaxDepth})
	if err != nil {
		return &request.Document{Problems: []request.Problem{request.ParseErrorProblem(data, err)}}
	}
	return FromValue(data, root, opts)
}

// FromValue reads an already parsed collection.
func FromValue(data []byte, root *request.Value, opts Options) *request.Document {
	doc := &request.Document{}
	f := srctext.NewFile(data)
	if root.Kind != request.Object || !IsCollection(root) {
		doc.Problems = append(doc.Problems, request.Problem{Rule: request.RuleNotARequest, Span: root.Span,
			Message: `expected a Postman collection (an object with "info": {"schema": ".../collection/v2.x.x/..."} and "item")`})
		return doc
	}
	c := &reader{f: f, doc: doc, vars: map[string]string{}, scriptVars: map[string]bool{}}
	for _, v := range elems(root.Get("variable")) {
		if on(v) {
			if k, ok := v.Get("key").StringValue(); ok {
				c.vars[k] = scalar(v.Get("value"))
			}
		}
	}
	for k, v := range opts.Vars {
		c.vars[k] = v
	}
	c.collectScriptVars(root)
	sc := scope{}
	sc = c.enter(sc, root)
	c.items(root.Get("item"), sc)
	return doc
}

type reader struct {
	f          *srctext.File
	doc        *request.Document
	vars       map[string]string
	scriptVars map[string]bool // set by some script: unknown
	allUnknown bool            // a script sets variables by computed names
	n          int
}

// scope is what a request inherits from its collection and folders.
type scope struct {
	auth    *request.Value
	scripts []script
}

type script struct {
	text string
	span request.Span
	ptr  string
}

func on(v *request.Value) bool {
	d := v.Get("disabled")
	return v != nil && v.Kind == request.Object && !(d != nil && d.Kind == request.Bool && d.Bool)
}

func scalar(v *request.Value) string {
	if v == nil {
		return ""
	}
	switch v.Kind {
	case request.String, request.Number:
		return v.Str
	case request.Bool:
		return strconv.FormatBool(v.Bool)
	}
	return ""
}

// enter adds what a collection or folder object passes on to its items.
func (c *reader) enter(sc scope, v *request.Value) scope {
	if a := v.Get("auth"); a != nil && a.Kind == request.Object {
		sc.auth = a
	}
	sc.scripts = append(sc.scripts[:len(sc.scripts):len(sc.scripts)], c.prerequest(v)...)
	return sc
}

func (c *reader) prerequest(v *request.Value) []script {
	var out []script
	for _, e := range elems(v.Get("event")) {
		if l, _ := e.Get("listen").StringValue(); l != "prerequest" {
			continue
		}
		if d := e.Get("disabled"); d != nil && d.Bool {
			continue
		}
		if s := scriptText(e.Get("script")); strings.TrimSpace(s) != "" {
			out = append(out, script{text: s, span: e.Span, ptr: e.Pointer})
		}
	}
	return out
}

func scriptText(s *request.Value) string {
	exec := s.Get("exec")
	if exec == nil {
		return ""
	}
	if str, ok := exec.StringValue(); ok {
		return str
	}
	var b strings.Builder
	for _, l := range exec.Elems {
		str, _ := l.StringValue()
		b.WriteString(str)
		b.WriteByte('\n')
	}
	return b.String()
}

// The script patterns are compiled on first use: most runs read no Postman
// collection, and compiling them at start-up cost every run (issue 12).
var (
	setVar     = srctext.LazyRegexp(`pm\s*\.\s*(?:environment|collectionVariables|variables|globals)\s*\.\s*(?:set|unset)\s*\(\s*(?:'([^']*)'|"([^"]*)"|` + "`([^`$]*)`" + `|())`)
	setVarOld  = srctext.LazyRegexp(`postman\s*\.\s*(?:setEnvironmentVariable|setGlobalVariable|clearEnvironmentVariable)\s*\(\s*(?:'([^']*)'|"([^"]*)"|())`)
	headerKey  = srctext.LazyRegexp(`(?:key|name)\s*:\s*(?:'([^']*)'|"([^"]*)")`)
	headerCall = srctext.LazyRegexp(`pm\s*\.\s*request\s*\.\s*(?:headers|addHeader|removeHeader|upsertHeader)`)
	headerStr  = srctext.LazyRegexp(`pm\s*\.\s*request\s*\.\s*(?:headers\s*\.\s*(?:add|upsert)|addHeader)\s*\(\s*(?:'([^':]*)\s*:|"([^":]*)\s*:)`)
)

// collectScriptVars finds the variables any script (pre-request or test,
// anywhere: a test script of one request sets variables for the next) sets.
func (c *reader) collectScriptVars(v *request.Value) {
	stack := []*request.Value{v}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, e := range elems(v.Get("event")) {
			text := scriptText(e.Get("script"))
			for _, re := range []*regexp.Regexp{setVar(), setVarOld()} {
				for _, m := range re.FindAllStringSubmatch(text, -1) {
					name := strings.Join(m[1:], "")
					if name == "" {
						c.allUnknown = true
					}
					c.scriptVars[name] = true
				}
			}
		}
		stack = append(stack, elems(v.Get("item"))...)
	}
}

func (c *reader) lookup(name string) (string, bool) {
	if c.allUnknown || c.scriptVars[name] {
		return "", false
	}
	v, ok := c.vars[name]
	return v, ok
}

func (c *reader) items(list *request.Value, sc scope) {
	if list == nil {
		return
	}
	for _, it := range list.Elems {
		if it.Kind != request.Object {
			continue
		}
		if sub := it.Get("item"); sub != nil && sub.Kind == request.Array {
			c.items(sub, c.enter(sc, it))
			continue
		}
		if rq := it.Get("request"); rq != nil {
			c.request(it, rq, c.enter(sc, it))
		}
	}
}

func (c *reader) expand(t srctext.Text) srctext.Text {
	return srctext.Expand(t, srctext.Mustache, c.lookup)
}

func (c *reader) text(v *request.Value) srctext.Text {
	if v == nil {
		return srctext.Text{}
	}
	if v.Kind == request.String {
		return c.expand(srctext.FromJSON(c.f, v))
	}
	return srctext.FromValue(c.f, scalar(v), v.Span.Start.Offset, v.Span.End.Offset)
}

func (c *reader) request(item, rq *request.Value, sc scope) {
	index := c.n
	ptr := rq.Pointer
	bad := func(v *request.Value, msg string) {
		c.doc.Problems = append(c.doc.Problems, request.Problem{Rule: request.RuleNotARequest, Message: msg, Span: v.Span, Pointer: v.Pointer, Request: index})
	}
	r := srctext.NewRequest(index, ptr, item.Span)
	var urlV, method *request.Value
	switch rq.Kind {
	case request.String: // a bare URL: GET
		urlV = rq
	case request.Object:
		urlV, method = rq.Get("url"), rq.Get("method")
	default:
		bad(rq, "a Postman request must be an object or a url string, got "+rq.Kind.String())
		return
	}
	if urlV == nil {
		bad(rq, `Postman request has no "url"`)
		return
	}
	c.n++
	if method != nil && method.Kind == request.String {
		srctext.SetMethod(c.f, r, c.text(method))
	} else {
		r.Method, r.MethodKnown = "GET", true
		r.MethodSpan = request.Span{Start: rq.Span.Start, End: rq.Span.Start}
	}
	c.setURL(r, urlV)
	if !srctext.IsStackOne(r) {
		c.doc.Skipped++
		return
	}
	if rq.Kind == request.Object {
		for _, h := range elems(rq.Get("header")) {
			if !on(h) {
				continue
			}
			if k := h.Get("key"); k != nil && k.Kind == request.String {
				srctext.AddHeader(c.f, r, c.text(k), c.text(h.Get("value")), h.Pointer+"/value")
			}
		}
		auth := rq.Get("auth")
		if auth == nil || auth.Kind != request.Object || typ(auth) == "inherit" {
			auth = sc.auth
		}
		c.auth(r, auth)
		c.body(r, rq.Get("body"), index)
	}
	c.scripts(r, sc.scripts)
	c.doc.Requests = append(c.doc.Requests, r)
}

func typ(auth *request.Value) string {
	s, _ := auth.Get("type").StringValue()
	return s
}

// setURL reads url: a string, or an object whose host/path/query parts
// (when given) are what is sent, raw being only their display form.
func (c *reader) setURL(r *request.Request, u *request.Value) {
	if u.Kind == request.String {
		srctext.SetURL(c.f, r, c.pathVars(c.text(u), nil), u.Pointer)
		return
	}
	raw := u.Get("raw")
	host, path := u.Get("host"), u.Get("path")
	if host == nil && path == nil {
		srctext.SetURL(c.f, r, c.pathVars(c.text(raw), u.Get("variable")), ptrOf(raw, u))
		return
	}
	var t srctext.Text
	at := u.Span.Start.Offset
	if p := u.Get("protocol"); p != nil {
		t.Append(c.text(p))
		t.Var("://", p.Span.End.Offset, p.Span.End.Offset)
	}
	join := func(v *request.Value, sep string, lead bool) {
		if v == nil {
			return
		}
		if v.Kind == request.String {
			if lead {
				t.Var(sep, v.Span.Start.Offset, v.Span.Start.Offset)
			}
			t.Append(c.text(v))
			return
		}
		for i, e := range v.Elems {
			if i > 0 || lead {
				t.Var(sep, e.Span.Start.Offset, e.Span.Start.Offset)
			}
			seg := c.text(e)
			if sep == "/" {
				seg = c.pathVars(seg, u.Get("variable"))
			}
			t.Append(seg)
		}
	}
	join(host, ".", false)
	if p := u.Get("port"); p != nil {
		t.Var(":", p.Span.Start.Offset, p.Span.Start.Offset)
		t.Append(c.text(p))
	}
	if path != nil && !(path.Kind == request.String && strings.HasPrefix(path.Str, "/")) {
		join(path, "/", true)
	} else {
		join(path, "", false)
	}
	if t.Len() == 0 {
		t.Var("", at, at)
	}
	srctext.SetURL(c.f, r, t, u.Pointer)
	for _, q := range elems(u.Get("query")) {
		if !on(q) {
			continue
		}
		k := q.Get("key")
		if k == nil || k.Kind != request.String {
			continue
		}
		val := q.Get("value")
		srctext.AddQuery(c.f, r, c.text(k), c.text(val), true, q.Pointer)
	}
}

func ptrOf(v, parent *request.Value) string {
	if v != nil {
		return v.Pointer
	}
	return parent.Pointer
}

// pathVars substitutes :name path segments with url.variable values; an
// empty or missing value leaves ":name", as Postman sends it.
func (c *reader) pathVars(t srctext.Text, vars *request.Value) srctext.Text {
	if vars == nil || t.Index(':', 0) < 0 {
		return t
	}
	values := map[string]*request.Value{}
	for _, v := range vars.Elems {
		if k, ok := v.Get("key").StringValue(); ok {
			if val := v.Get("value"); val != nil && scalar(val) != "" {
				values[k] = val
			}
		}
	}
	return srctext.PathVars(t, func(name string) (srctext.Text, bool) {
		v, ok := values[name]
		if !ok {
			return srctext.Text{}, false
		}
		return c.text(v), true
	})
}

// authParam returns a v2.1 auth parameter ([{key, value}]) or a v2.0 one
// ({key: value}).
func authParam(a *request.Value, key string) *request.Value {
	if a == nil {
		return nil
	}
	if a.Kind == request.Object {
		return a.Get(key)
	}
	for _, e := range a.Elems {
		if k, _ := e.Get("key").StringValue(); k == key {
			return e.Get("value")
		}
	}
	return nil
}

func (c *reader) auth(r *request.Request, a *request.Value) {
	if a == nil {
		return
	}
	t := typ(a)
	p := a.Get(t)
	name := func(v *request.Value) srctext.Text {
		var n srctext.Text
		at := a.Span.Start.Offset
		if v != nil {
			at = v.Span.Start.Offset
		}
		n.Var("Authorization", at, at)
		return n
	}
	switch t {
	case "basic":
		user, pass := authParam(p, "username"), authParam(p, "password")
		ut, pt := c.text(user), c.text(pass)
		if user == nil && pass == nil {
			return
		}
		v := user
		if v == nil {
			v = pass
		}
		srctext.SetHeader(c.f, r, name(v), srctext.BasicAuth(ut, pt), v.Pointer)
	case "bearer":
		tok := authParam(p, "token")
		if tok == nil {
			return
		}
		srctext.SetHeader(c.f, r, name(tok), srctext.Prefixed("Bearer ", c.text(tok)), tok.Pointer)
	case "apikey":
		key, val, in := authParam(p, "key"), authParam(p, "value"), authParam(p, "in")
		if key == nil {
			return
		}
		if where, _ := in.StringValue(); where == "query" {
			srctext.AddQuery(c.f, r, c.text(key), c.text(val), false, ptrOf(val, key))
			return
		}
		srctext.SetHeader(c.f, r, c.text(key), c.text(val), ptrOf(val, key))
	case "noauth", "":
	default:
		// OAuth, digest, AWS…: an Authorization header whose value the
		// client computes.
		srctext.UnknownHeader(r, "Authorization", a.Span, a.Pointer)
	}
}

func (c *reader) body(r *request.Request, b *request.Value, index int) {
	if b == nil || b.Kind != request.Object {
		return
	}
	if d := b.Get("disabled"); d != nil && d.Bool {
		return
	}
	mode, _ := b.Get("mode").StringValue()
	if m := b.Member(mode); m != nil {
		r.BodyKeySpan = m.KeySpan
	}
	switch mode {
	case "raw":
		raw := b.Get("raw")
		if raw == nil || raw.Kind != request.String || raw.Str == "" {
			return
		}
		lang, _ := b.Get("options").Get("raw").Get("language").StringValue()
		strict := lang == "json"
		if h := r.Header("content-type"); h != nil {
			if s, ok := h.Value.StringValue(); ok && strings.Contains(strings.ToLower(s), "json") {
				strict = true
			}
		}
		body, p := srctext.JSONBody(c.f, c.text(raw), raw.Pointer, strict, index)
		r.Body = body
		if p != nil {
			c.doc.Problems = append(c.doc.Problems, *p)
		}
	case "urlencoded", "formdata", "file", "graphql":
		if v := b.Get(mode); v != nil {
			r.Body = &request.Value{Kind: request.Unknown, Span: v.Span, Pointer: v.Pointer}
		}
	}
}

// scripts applies what the pre-request scripts in scope may do: a header
// they add or change is present with an unknown value; a script that
// touches headers in a way not understood leaves them incomplete; one that
// touches the url, method or body makes those unknown.
func (c *reader) scripts(r *request.Request, list []script) {
	for _, s := range list {
		if headerCall().MatchString(s.text) {
			found := false
			for _, re := range []*regexp.Regexp{headerKey(), headerStr()} {
				for _, m := range re.FindAllStringSubmatch(s.text, -1) {
					if n := strings.TrimSpace(strings.Join(m[1:], "")); n != "" {
						srctext.UnknownHeader(r, n, s.span, s.ptr)
						found = true
					}
				}
			}
			if !found {
				r.HeadersComplete = false
			}
		}
		if strings.Contains(s.text, "pm.request.url") {
			r.QueryComplete = false
		}
		if strings.Contains(s.text, "pm.request.method") {
			r.MethodKnown = false
		}
		if strings.Contains(s.text, "pm.request.body") && r.Body != nil {
			r.Body = &request.Value{Kind: request.Unknown, Span: r.Body.Span, Pointer: r.Body.Pointer}
		}
	}
}

// elems returns the elements of an array value, none for anything else.
func elems(v *request.Value) []*request.Value {
	if v == nil || v.Kind != request.Array {
		return nil
	}
	return v.Elems
}
