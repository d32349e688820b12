package analyzer

import (
	"encoding/base64"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/atslint/atslint/internal/textdist"
	"github.com/atslint/atslint/request"
)

// site is one place where a function builds a request.
type site struct {
	file *fileInfo
	f    *fn
	call ast.Node // the construction call or http.Request literal
	// reqVar holds the request, when it is assigned to a local variable;
	// def is that assignment.
	reqVar *localVar
	def    *event

	method             string
	methodKnown        bool
	methodAt           ast.Node
	urlExpr            ast.Expr // a string, or a *url.URL for a literal
	urlIsStruct        bool
	bodyExpr           ast.Expr
	noBody, formBody   bool
	headerExpr         ast.Expr // http.Request{Header: …}
	client             ast.Expr // the client of Client.Get/Post, nil for http.Get
	viaPackageFunction bool     // http.Get, http.Post: the default client
	urlAt              ast.Node // where request-level diagnostics point

	// A call of a summarised function: its summary and the parts already
	// evaluated with the caller's arguments.
	sum     *reqSummary
	urlStr  str
	hdrPre  *val
	bodyPre *val
	bodySet bool
	bodyHow uint8

	// What the function's summary needs: the parts as evaluated, where
	// the body comes from, whether the request is returned to the caller
	// or escapes elsewhere, and the findings of its own check.
	methodSeen, urlSeen str
	hdrSeen             *val
	bodyRef             *val // nil: no body; a parameter reference; else unknown
	returned, escaped   bool
	found               map[string]bool
	library             bool // built with a modelled library
	sentHere            bool // a builder chain that sends as it builds

	req *request.Request
}

// findRequests finds the construction sites of every function and builds
// their requests, callees first, so that a call of a function of this
// package that builds a request is read with its summary. Only packages
// that call net/http, a modelled library or a summarised function of
// another package are looked at: most code of a large module builds no
// request.
func (a *pkgRun) findRequests(in *inspector.Inspector) {
	any := false
	in.Preorder([]ast.Node{(*ast.CallExpr)(nil), (*ast.CompositeLit)(nil)}, func(n ast.Node) {
		if any {
			return
		}
		if a.buildsRequest(n) {
			any = true
		} else if call, ok := n.(*ast.CallExpr); ok {
			fo := (&fn{info: a.pass.TypesInfo}).callee(call)
			if fo != nil && fo.Pkg() != a.pass.Pkg && (libraryCall(fo) || a.summaryOf(fo) != nil) {
				any = true
			}
		}
	})
	if !any {
		return
	}
	for _, fd := range a.funcOrder() {
		fi := a.fileOf(fd.Pos())
		if fi == nil || fi.ignored {
			continue
		}
		if a.mayBuild(fd) {
			a.findInFunc(fi, fd)
		} else if returnsString(a.pass.TypesInfo, fd) || returnsValues(a.pass.TypesInfo, fd) || editsRequest(a.pass.TypesInfo, fd) {
			// A URL helper: its string result may make a caller's URL; a
			// request editor: its headers are the caller's request's.
			a.summarise(&fn{a: a, decl: fd, info: a.pass.TypesInfo, locals: indexLocals(a.pass.TypesInfo, fd.Body)})
		}
	}
}

// buildsRequest reports whether n is a net/http call or literal that
// builds or sends a request.
func (a *pkgRun) buildsRequest(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.CallExpr:
		fo := (&fn{info: a.pass.TypesInfo}).callee(n)
		return fo != nil && fo.Pkg() != nil && fo.Pkg().Path() == "net/http" && constructors[fullName(fo)]
	case *ast.CompositeLit:
		return isNamed(a.pass.TypesInfo.TypeOf(n), "net/http", "Request")
	}
	return false
}

var constructors = map[string]bool{
	"net/http.NewRequest": true, "net/http.NewRequestWithContext": true,
	"net/http.Get": true, "net/http.Head": true, "net/http.Post": true, "net/http.PostForm": true,
	"(*net/http.Client).Get": true, "(*net/http.Client).Head": true, "(*net/http.Client).Post": true, "(*net/http.Client).PostForm": true,
}

// findInFunc finds and builds the requests of one function.
func (a *pkgRun) findInFunc(fi *fileInfo, fd *ast.FuncDecl) {
	if fd.Body == nil {
		return
	}
	f := &fn{a: a, decl: fd, info: a.pass.TypesInfo, locals: indexLocals(a.pass.TypesInfo, fd.Body)}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false // a closure runs when and as often as someone calls it
		}
		var s *site
		switch n := n.(type) {
		case *ast.CallExpr:
			s = f.callSite(n)
		case *ast.CompositeLit:
			if isNamed(f.typeOf(n), "net/http", "Request") {
				s = f.literalSite(n)
			}
		}
		if s != nil {
			s.file, s.f = fi, f
			f.sites = append(f.sites, s)
		}
		return true
	})
	f.all = append([]*site(nil), f.sites...)
	kept := f.sites[:0]
	for _, s := range f.sites {
		f.build(s)
		if stackOneRequest(s.req) {
			kept = append(kept, s)
		}
	}
	f.sites = kept
	for _, s := range f.sites {
		s.req.Index = fi.requests
		fi.requests++
		a.sites = append(a.sites, s)
		a.res.Requests = append(a.res.Requests, s.call.Pos())
		a.markRepeated(s)
		a.checkSite(s)
	}
	a.fns = append(a.fns, f)
	a.summarise(f)
}

// callSite recognises the net/http calls that build or send a request.
func (f *fn) callSite(call *ast.CallExpr) *site {
	fnObj := f.callee(call)
	if fnObj == nil {
		return nil
	}
	s := &site{call: call}
	args := call.Args
	name := fullName(fnObj)
	switch name {
	case "net/http.NewRequest", "net/http.NewRequestWithContext":
		if name == "net/http.NewRequestWithContext" {
			args = args[1:]
		}
		if len(args) != 3 {
			return nil
		}
		s.methodAt, s.urlExpr, s.bodyExpr = args[0], args[1], args[2]
		if m, ok := f.evalStr(args[0]).text(); ok {
			s.method, s.methodKnown = strings.ToUpper(m), true
		}
		s.reqVar, s.def = f.assignedTo(call)
		return s
	case "net/http.Get", "net/http.Head", "net/http.Post", "net/http.PostForm":
		s.viaPackageFunction = true
	case "(*net/http.Client).Get", "(*net/http.Client).Head", "(*net/http.Client).Post", "(*net/http.Client).PostForm":
		s.client = receiver(call)
	default:
		if ls := f.librarySite(call, fnObj); ls != nil {
			return ls
		}
		if sum := f.a.summaryOf(fnObj); sum != nil && sum.req != nil {
			return f.summarySite(call, sum.req)
		}
		return nil
	}
	if len(args) == 0 {
		return nil
	}
	s.methodAt, s.urlExpr, s.methodKnown = call.Fun, args[0], true
	switch fnObj.Name() {
	case "Get":
		s.method, s.noBody = "GET", true
	case "Head":
		s.method, s.noBody = "HEAD", true
	case "Post":
		s.method = "POST"
		if len(args) == 3 {
			s.bodyExpr = args[2]
		}
	case "PostForm":
		s.method, s.formBody = "POST", true
	}
	return s
}

// literalSite reads an http.Request composite literal.
func (f *fn) literalSite(lit *ast.CompositeLit) *site {
	s := &site{call: lit, method: "GET", methodKnown: true, methodAt: lit, noBody: true, urlIsStruct: true}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil
		}
		key, _ := kv.Key.(*ast.Ident)
		if key == nil {
			return nil
		}
		switch key.Name {
		case "Method":
			s.methodAt = kv.Value
			m, ok := f.evalStr(kv.Value).text()
			s.method, s.methodKnown = strings.ToUpper(m), ok
		case "URL":
			s.urlExpr = kv.Value
		case "Header":
			s.headerExpr = kv.Value
		case "Body":
			s.bodyExpr, s.noBody = kv.Value, false
		}
	}
	if s.urlExpr == nil {
		return nil
	}
	s.reqVar, s.def = f.assignedTo(lit)
	return s
}

// assignedTo returns the local variable (and its assignment) that the
// first result of e is stored in.
func (f *fn) assignedTo(e ast.Node) (*localVar, *event) {
	for _, v := range f.locals.vars {
		for _, ev := range v.events {
			if ev.kind != evDef || ev.rhs == nil || ev.tuple > 0 {
				continue
			}
			rhs := ast.Unparen(ev.rhs)
			if u, ok := rhs.(*ast.UnaryExpr); ok && u.Op == token.AND {
				rhs = ast.Unparen(u.X)
			}
			if rhs == e {
				return v, ev
			}
		}
	}
	return nil, nil
}

// build turns a site into a request: method, URL and query, headers,
// body, and the changes made to the request variable before it is sent.
func (f *fn) build(s *site) {
	var u *urlVal
	switch {
	case s.urlStr != nil:
		u = parseURL(s.urlStr)
	case s.urlIsStruct:
		u = f.evalURL(s.urlExpr)
	default:
		u = parseURL(f.evalStr(s.urlExpr))
	}
	hdr := object(s.call)
	switch {
	case s.hdrPre != nil:
		hdr = s.hdrPre.clone()
	case s.headerExpr != nil:
		hdr = f.evalHeader(s.headerExpr, s.call.Pos()).clone()
	}
	var body *val
	switch {
	case s.bodySet:
		body = s.bodyPre
	case s.formBody:
		body = unknown(whyNotJSON, s.call) // form data is not JSON
	case s.bodyExpr != nil:
		body = f.evalBody(s.bodyExpr, s.call.Pos())
	}
	s.bodyRef = f.siteBodyRef(s, body)
	if body != nil && !body.known() && s.bodyRef != nil && s.bodyRef.param > 0 && s.bodyRef.how == howJSON {
		// The body is a parameter: its static type still tells its keys.
		if t := f.paramType(s.bodyRef.param - 1); t != nil {
			body = f.typeJSON(t, body)
		}
	}

	s.urlAt = f.origin(s.urlExpr)
	s.methodSeen = f.methodStr(s)
	s.urlSeen = u.render()
	method := methodPart{known: s.methodKnown, pos: s.methodAt.Pos(), end: s.methodAt.End()}
	method.text = s.method
	sent, escaped := f.followRequest(s, &u, hdr, &body, &method)
	if s.reqVar == nil && !s.viaPackageFunction && s.client == nil && (s.sum == nil || s.sum.returned) && !s.sentHere {
		// built and handed on in one expression: return http.NewRequest(…)
		if f.returnsDirectly(s.call) {
			s.returned = true
		} else {
			escaped = true
		}
	}
	var clients []ast.Expr
	if s.client != nil {
		clients = append(clients, s.client)
	}
	clients = append(clients, sent...)
	for _, c := range clients {
		if f.clientMayAddHeaders(c) {
			escaped = true
		}
	}
	s.escaped = escaped
	s.hdrSeen = hdr.clone()
	if escaped {
		s.hdrSeen.open(whyEscaped)
	}
	prov, ppos, pend := f.provider()
	s.req = newRequest(requestParts{
		pos: s.call.Pos(), end: s.call.End(), method: method,
		url: u, urlPos: s.urlAt.Pos(), urlEnd: s.urlAt.End(),
		hdr: s.hdrSeen, hdrEscaped: s.returned, body: body,
		provider: prov, provPos: ppos, provEnd: pend,
	})
}

// origin follows a local variable to the expression that defined it, so
// that request-level diagnostics point at the URL as written.
func (f *fn) origin(e ast.Expr) ast.Expr {
	for range maxDepth {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return e
		}
		b, ok := f.lookup(id)
		if !ok || b.rhs == nil {
			return e
		}
		e = b.rhs
	}
	return e
}

// provider is the //atslint:provider of the function, else of the file.
func (f *fn) provider() (string, token.Pos, token.Pos) {
	if name, pos := funcProvider(f.decl); pos.IsValid() {
		p, _ := provider(name)
		return p, pos, pos + token.Pos(len(providerPrefix)+1+len(name))
	}
	fi := f.a.fileOf(f.decl.Pos())
	if fi != nil && fi.provPos.IsValid() {
		p, _ := provider(fi.provider)
		return p, fi.provPos, fi.provPos + token.Pos(len(providerPrefix)+1+len(fi.provider))
	}
	return "", token.NoPos, token.NoPos
}

// followRequest applies what the function does to the request variable
// before sending it: header updates, basic auth, URL and body changes. It
// returns the clients the request is sent with, and whether it escapes to
// code the analyzer cannot see (which may add headers or parameters).
func (f *fn) followRequest(s *site, u **urlVal, hdr *val, body **val, method *methodPart) (clients []ast.Expr, escaped bool) {
	v := s.reqVar
	if v == nil {
		return nil, false
	}
	// Only the events after this assignment and before the variable is
	// assigned another request belong to this request.
	end := token.Pos(-1)
	for _, e := range v.events {
		if e.kind == evDef && e.pos > s.def.pos && (end < 0 || e.pos < end) && !isRequestCopy(f, e.rhs, v) {
			end = e.pos
		}
	}
	for _, e := range v.events {
		if e == s.def || e.pos <= s.def.pos || end >= 0 && e.pos >= end {
			continue
		}
		switch e.kind {
		case evCall:
			escaped = f.requestCall(s, e, hdr, &clients) || escaped
		case evField:
			escaped = f.requestField(s, e, u, hdr, body, method) || escaped
		case evIndex:
			if len(e.path) == 1 && e.path[0] == "Header" {
				f.applyMapUpdate(hdr, e.onPath(), true)
			}
		case evArg:
			if f.isDo(e.call) {
				clients = append(clients, receiver(e.call))
			} else if !f.applyEdit(e, hdr) && !f.benignUse(e) {
				escaped = true
			}
		case evDef:
			// req = req.WithContext(ctx): still this request.
		case evEscape:
			if _, ok := e.parent.(*ast.ReturnStmt); ok {
				s.returned = true
			} else {
				escaped = true
			}
		default:
			escaped = true
		}
	}
	return clients, escaped
}

// returnsDirectly reports whether a call is a result of a return
// statement of the function.
func (f *fn) returnsDirectly(call ast.Node) bool {
	found := false
	ast.Inspect(f.decl.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, r := range x.Results {
				if ast.Unparen(r) == call {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// methodStr is the method of a site as a string, for its summary.
func (f *fn) methodStr(s *site) str {
	if s.sum != nil {
		return f.instantiateText(s.sum.method, s.call.(*ast.CallExpr))
	}
	if s.methodKnown {
		return inexact(s.method, s.methodAt)
	}
	if e, ok := s.methodAt.(ast.Expr); ok && s.methodAt != s.call {
		return f.evalStr(e)
	}
	return unknownText(whyUnsupported, s.methodAt)
}

// siteBodyRef says where a site's body comes from, for its summary.
func (f *fn) siteBodyRef(s *site, body *val) *val {
	if body == nil {
		return nil
	}
	if s.sum != nil && (s.sum.body == nil || s.sum.body.param == 0) {
		if s.sum.body == nil {
			return unknown(whyCall, s.call)
		}
		return s.sum.body
	}
	if s.bodyExpr != nil {
		how := howReader
		if s.sum != nil || s.library {
			how = s.bodyHow
		}
		if r, ok := f.bodyRefOf(s.bodyExpr, how); ok {
			return r
		}
	}
	return unknown(whyUnsupported, s.call) // a body the summary does not carry
}

// isRequestCopy reports whether rhs is req.WithContext(…) or req.Clone(…)
// of the request variable v.
func isRequestCopy(f *fn, rhs ast.Expr, v *localVar) bool {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "WithContext" && sel.Sel.Name != "Clone" {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && f.info.Uses[id] == v.obj
}

// requestCall handles req.M(…) and req.Header.M(…).
func (f *fn) requestCall(s *site, e *event, hdr *val, clients *[]ast.Expr) (escaped bool) {
	switch {
	case len(e.path) == 1 && e.path[0] == "Header":
		f.applyMapUpdate(hdr, e.onPath(), true)
	case len(e.path) == 0 && e.name == "SetBasicAuth" && len(e.call.Args) == 2:
		hdr.set("Set", "Authorization", e.call.Fun.Pos(), e.call.Fun.End(), textVal(f.basicAuth(e.call), e.call), f.locals.unconditional(e), true)
	case len(e.path) == 0 && (e.name == "WithContext" || e.name == "Clone"):
		// The copy is this request: sent, reassigned, or handed on.
		switch p := e.parent.(type) {
		case *ast.CallExpr:
			if f.isDo(p) {
				*clients = append(*clients, receiver(p))
				return false
			}
			return !f.benignUse(&event{kind: evArg, call: p, pos: e.pos})
		case *ast.AssignStmt:
			return false
		}
		return true
	}
	return false
}

// requestField handles req.Header = …, req.URL.RawQuery = …, req.Body = …
func (f *fn) requestField(s *site, e *event, u **urlVal, hdr *val, body **val, method *methodPart) (escaped bool) {
	cond := !f.locals.unconditional(e)
	switch strings.Join(e.path, ".") {
	case "Header":
		h := f.evalHeader(e.rhs, e.pos)
		if cond {
			hdr.members = append(hdr.members, h.members...)
			if h.why != whyNone {
				hdr.open(h.why)
			}
		} else {
			*hdr = *h.clone()
		}
	case "URL.RawQuery":
		c := (*u).clone()
		if cond {
			c.orQuery(f.evalStr(e.rhs))
		} else {
			c.query, c.hasQuery = f.evalStr(e.rhs), true
		}
		*u = c
	case "URL.Path":
		c := (*u).clone()
		c.path, c.pathWhy = f.evalStr(e.rhs), whyNone
		if cond {
			c.pathWhy = whyCond
		}
		*u, s.urlAt = c, e.rhs
	case "URL":
		*u, s.urlAt = f.evalURL(e.rhs), f.origin(e.rhs)
		if cond {
			*u = unknownURL(whyCond, e.rhs)
		}
	case "Body":
		if cond {
			*body = unknown(whyCond, e.rhs)
		} else {
			*body = f.evalBody(e.rhs, e.pos)
		}
	case "Method":
		m, ok := f.evalStr(e.rhs).text()
		method.text, method.known = strings.ToUpper(m), ok && !cond
		method.pos, method.end = e.rhs.Pos(), e.rhs.End()
	case "Host", "Close", "ContentLength", "GetBody", "TransferEncoding":
	default:
		return true
	}
	return false
}

// basicAuth synthesises the Authorization header SetBasicAuth sends, so
// that the credential rule sees a literal key. The secret is the password
// when one is given, else the username (StackOne's API key is the
// username); the header's span is that literal's.
func (f *fn) basicAuth(call *ast.CallExpr) str {
	user, pass := f.evalStr(call.Args[0]), f.evalStr(call.Args[1])
	secret := user
	if pt, ok := pass.text(); !ok {
		return unknownText(firstHole(pass), call.Args[1])
	} else if pt != "" {
		secret = pass
	}
	text, ok := secret.text()
	if !ok {
		return unknownText(firstHole(secret), call)
	}
	pos, end := secret.span(0, len(secret))
	v := "Basic " + base64.StdEncoding.EncodeToString([]byte(text+":"))
	out := make(str, len(v))
	for i := range out {
		out[i] = cell{b: v[i], pos: pos, end: end}
	}
	return out
}

// isDo reports whether call is (*http.Client).Do.
func (f *fn) isDo(call *ast.CallExpr) bool {
	if call == nil {
		return false
	}
	fnObj := f.callee(call)
	return fnObj != nil && (fullName(fnObj) == "(*net/http.Client).Do" || librarySenders[fullName(fnObj)])
}

// clientMayAddHeaders reports whether sending through client may add
// headers the analyzer cannot see: a client whose Transport is set to a
// RoundTripper (which may set x-account-id or Authorization).
// http.DefaultClient and a local &http.Client{} without a Transport add
// none; a client from a field or parameter adds none unless the package
// customises transports somewhere.
func (f *fn) clientMayAddHeaders(c ast.Expr) bool {
	c = ast.Unparen(c)
	if sel, ok := c.(*ast.SelectorExpr); ok {
		if obj, ok := f.info.Uses[sel.Sel].(*types.Var); ok && obj.Pkg() != nil && obj.Pkg().Path() == "net/http" && obj.Name() == "DefaultClient" {
			return false
		}
	}
	if id, ok := c.(*ast.Ident); ok {
		if b, ok := f.lookup(id); ok && b.rhs != nil {
			if lit, ok := compositeOf(b.rhs); ok && isNamed(f.typeOf(lit), "net/http", "Client") {
				for _, el := range lit.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Transport" && !isNilIdent(f.info, ast.Unparen(kv.Value)) {
							return true
						}
					}
				}
				for _, e := range b.updates {
					if e.kind == evField && len(e.path) > 0 && e.path[0] == "Transport" {
						return true
					}
				}
				return false
			}
		}
	}
	return f.a.customTransports()
}

// customTransports reports whether the package defines a RoundTripper, sets
// an http.Client's Transport, or gets clients from other packages'
// constructors (oauth2.NewClient): then any client from a field or
// parameter may add headers.
func (a *pkgRun) customTransports() bool {
	if a.transports != nil {
		return *a.transports
	}
	found := false
	info := a.pass.TypesInfo
	for _, fi := range a.order {
		ast.Inspect(fi.ast, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Recv != nil && n.Name.Name == "RoundTrip" {
					found = true
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Transport" && !isNilIdent(info, ast.Unparen(n.Value)) {
					if v, ok := info.Uses[k].(*types.Var); ok && v.IsField() && v.Pkg() != nil && v.Pkg().Path() == "net/http" {
						found = true
					}
				}
			case *ast.SelectorExpr:
				if v, ok := info.Uses[n.Sel].(*types.Var); ok && v.IsField() && v.Name() == "Transport" && v.Pkg() != nil && v.Pkg().Path() == "net/http" {
					found = true
				}
			case *ast.CallExpr:
				if t := info.TypeOf(n); t != nil && isNamed(t, "net/http", "Client") {
					if fo := (&fn{info: info}).callee(n); fo != nil && fo.Pkg() != nil && fo.Pkg().Path() != "net/http" && fo.Pkg() != a.pass.Pkg {
						found = true
					}
				}
			}
			return true
		})
	}
	a.transports = &found
	return found
}

// siteURL evaluates a site's URL as written at the construction call.
func (f *fn) siteURL(s *site) *urlVal {
	if s.urlIsStruct {
		return f.evalURL(s.urlExpr)
	}
	return parseURL(f.evalStr(s.urlExpr))
}

// stackOneRequest reports whether a request goes to StackOne: its host is
// StackOne's, or its path starts with /unified (a test server or a proxy
// in front of StackOne). Go code sends many other requests; the engine's
// rules are about StackOne's API only.
func stackOneRequest(r *request.Request) bool {
	if r.Host == "stackone.com" || strings.HasSuffix(r.Host, ".stackone.com") {
		return true
	}
	segs := r.PathSegments()
	return len(segs) > 0 && nearUnified(segs[0])
}

// nearUnified accepts "unified" and near-miss spellings of it (at most two
// edits, as the engine's isATSPath), which the engine reports as unknown
// operations.
func nearUnified(seg string) bool {
	return textdist.Levenshtein(seg, "unified") <= 2
}
