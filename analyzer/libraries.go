package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
	"sync"
)

// Models of third-party HTTP libraries, as data: what each method of a
// client or request builder does to the request. The evaluator reads a
// builder chain (c.R().SetBody(b).Post(u)) or a builder variable's calls
// with the one generic reader below; a library is a table, not code.

const (
	querystringValues      = "github.com/google/go-querystring/query.Values"
	oapiStyleParam         = "github.com/oapi-codegen/runtime.StyleParamWithOptions"
	oapiStyleParamLocation = "github.com/oapi-codegen/runtime.StyleParamWithLocation"
)

type effectKind uint8

const (
	efNone        effectKind = iota // reads or sets what requests do not carry (timeouts, results)
	efBaseURL                       // arg 0: the base URL relative URLs join
	efHeader                        // args 0, 1: one header
	efHeaders                       // arg 0: map[string]string of headers
	efBasicAuth                     // args 0, 1: user, password
	efAuthToken                     // arg 0: a bearer token
	efQuery                         // args 0, 1: one query parameter
	efQueries                       // arg 0: map[string]string of query parameters
	efQueryString                   // arg 0: a raw query string
	efBody                          // arg 0: the body, encoded by its type
	efPathParam                     // args 0, 1: {name} in the URL
	efPathParams                    // arg 0: map[string]string of path parameters
	efURL                           // arg 0: the URL (SetURL)
	efMethod                        // arg 0: the method (SetMethod)
	efNewRequest                    // the receiver is the client of the request
	efSend                          // sends: method from the model, URL arg 0
	efExecute                       // sends: method arg 0, URL arg 1
	efSendSet                       // sends with the method and URL set before (Send)
	efHooks                         // middleware, transports: may add any header
)

type effect struct {
	kind   effectKind
	method string // efSend
}

// builderModels maps a method's full name, without its package path's
// version, to its effect. Methods not listed leave headers and query
// unknown, never guessed.
// It is made on first use: a process that analyses no Go code (atslint
// check) never needs it (issue 12).
var builderModels = sync.OnceValue(func() map[string]map[string]effect {
	models := map[string]map[string]effect{}
	client := map[string]effect{
		"SetBaseURL": {kind: efBaseURL}, "SetHostURL": {kind: efBaseURL},
		"SetHeader": {kind: efHeader}, "SetHeaders": {kind: efHeaders},
		"SetBasicAuth": {kind: efBasicAuth}, "SetAuthToken": {kind: efAuthToken},
		"SetQueryParam": {kind: efQuery}, "SetQueryParams": {kind: efQueries},
		"SetTimeout": {}, "SetRetryCount": {}, "SetRetryWaitTime": {}, "SetRetryMaxWaitTime": {},
		"SetDebug": {}, "SetLogger": {}, "SetContentLength": {}, "SetJSONMarshaler": {},
		"OnBeforeRequest": {kind: efHooks}, "SetPreRequestHook": {kind: efHooks}, "SetTransport": {kind: efHooks},
		"AddRequestMiddleware": {kind: efHooks}, "SetRequestMiddlewares": {kind: efHooks},
		"R": {kind: efNewRequest}, "NewRequest": {kind: efNewRequest},
	}
	req := map[string]effect{
		"SetContext": {}, "SetResult": {}, "SetError": {}, "SetDebug": {}, "SetDoNotParseResponse": {},
		"SetHeader": {kind: efHeader}, "SetHeaders": {kind: efHeaders},
		"SetBasicAuth": {kind: efBasicAuth}, "SetAuthToken": {kind: efAuthToken},
		"SetQueryParam": {kind: efQuery}, "SetQueryParams": {kind: efQueries}, "SetQueryString": {kind: efQueryString},
		"SetBody": {kind: efBody}, "SetPathParam": {kind: efPathParam}, "SetPathParams": {kind: efPathParams},
		"SetURL": {kind: efURL}, "SetMethod": {kind: efMethod},
		"Get": {kind: efSend, method: "GET"}, "Post": {kind: efSend, method: "POST"}, "Put": {kind: efSend, method: "PUT"},
		"Patch": {kind: efSend, method: "PATCH"}, "Delete": {kind: efSend, method: "DELETE"}, "Head": {kind: efSend, method: "HEAD"},
		"Options": {kind: efSend, method: "OPTIONS"}, "Execute": {kind: efExecute}, "Send": {kind: efSendSet},
	}
	for _, pkg := range []string{"github.com/go-resty/resty/v2", "resty.dev/v3"} {
		models["(*"+pkg+".Client)"] = client
		models["(*"+pkg+".Request)"] = req
	}
	return models
})

// libraryRequests are constructors shaped like http.NewRequest: method,
// URL, body (any: encoded by its type). The request they return embeds
// *http.Request, so its headers are read as net/http's.
var libraryRequests = map[string]int{ // name → index of the method argument
	"github.com/hashicorp/go-retryablehttp.NewRequest":            0,
	"github.com/hashicorp/go-retryablehttp.NewRequestWithContext": 1,
}

// librarySenders send a request built elsewhere, like (*http.Client).Do.
var librarySenders = map[string]bool{
	"(*github.com/hashicorp/go-retryablehttp.Client).Do": true,
}

// methodModel returns the model of a method of a modelled builder type.
func methodModel(fo *types.Func) (effect, bool, bool) {
	sig, _ := fo.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return effect{}, false, false
	}
	t := sig.Recv().Type()
	ptr := ""
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), "*"
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return effect{}, false, false
	}
	table, ok := builderModels()["("+ptr+n.Obj().Pkg().Path()+"."+n.Obj().Name()+")"]
	if !ok {
		return effect{}, false, false
	}
	e, known := table[fo.Name()]
	return e, known, true
}

// libraryPackages are the packages with models, so that most calls are
// told apart without building their names.
var libraryPackages = map[string]bool{
	"github.com/go-resty/resty/v2": true, "resty.dev/v3": true, "github.com/hashicorp/go-retryablehttp": true,
}

// libraryCall reports whether a function belongs to a modelled HTTP
// library.
func libraryCall(fo *types.Func) bool {
	if fo.Pkg() == nil || !libraryPackages[fo.Pkg().Path()] {
		return false
	}
	name := fullName(fo)
	if _, ok := libraryRequests[name]; ok {
		return true
	}
	_, _, modelled := methodModel(fo)
	return modelled
}

// librarySite reads a request built with a modelled library: a
// retryablehttp constructor, or a builder chain ending in a send.
func (f *fn) librarySite(call *ast.CallExpr, fo *types.Func) *site {
	if fo.Pkg() == nil || !libraryPackages[fo.Pkg().Path()] {
		return nil
	}
	name := fullName(fo)
	if i, ok := libraryRequests[name]; ok {
		if len(call.Args) != i+3 {
			return nil
		}
		s := &site{call: call, methodAt: call.Args[i], urlExpr: call.Args[i+1], library: true}
		if m, ok := f.evalStr(call.Args[i]).text(); ok {
			s.method, s.methodKnown = strings.ToUpper(m), true
		}
		s.bodySet = true
		s.bodyPre, s.bodyExpr, s.bodyHow = f.anyBody(call.Args[i+2], call)
		s.reqVar, s.def = f.assignedTo(call)
		return s
	}
	e, _, modelled := methodModel(fo)
	if !modelled {
		return nil
	}
	switch e.kind {
	case efSend, efExecute, efSendSet:
	default:
		return nil
	}
	b := &builder{hdr: object(call), query: object(call)}
	if !f.readBuilder(call, b, 0) {
		return nil
	}
	s := &site{call: call, methodAt: call, urlExpr: call, library: true, sentHere: true, hdrPre: b.hdr, bodySet: true}
	if b.urlAt != nil {
		s.urlExpr = b.urlAt
	}
	if t, ok := b.method.text(); ok {
		s.method, s.methodKnown = strings.ToUpper(t), true
	}
	if b.bodyExpr != nil {
		s.bodyPre, s.bodyExpr, s.bodyHow = f.anyBody(b.bodyExpr, call)
	}
	s.urlStr = b.target(call)
	return s
}

// builder is what a chain of builder calls set.
type builder struct {
	base, url, method str
	urlAt             ast.Expr
	hdr, query        *val // objects
	pathParams        []member
	bodyExpr          ast.Expr
}

// readBuilder applies the calls of a builder chain, from the send back to
// the client. It returns false when the chain is not a modelled one.
func (f *fn) readBuilder(e ast.Expr, b *builder, depth int) bool {
	if depth > 32 {
		return false
	}
	e = ast.Unparen(e)
	call, ok := e.(*ast.CallExpr)
	if !ok {
		// The client or request comes from a variable, field or
		// parameter: a local variable's definition and calls are read,
		// anything else may have set any header or parameter.
		if id, ok := e.(*ast.Ident); ok {
			if bd, ok := f.lookup(id); ok && bd.rhs != nil {
				for i := len(bd.updates) - 1; i >= 0; i-- {
					ev := bd.updates[i]
					if ev.kind != evCall || len(ev.path) > 0 {
						if !f.benignUse(ev) && ev.kind != evEscape {
							b.hdr.open(whyEscaped)
							b.query.open(whyEscaped)
						}
						continue
					}
					if fo := f.callee(ev.call); fo != nil && ev.pos < id.Pos() {
						f.applyEffect(ev.call, fo, b)
					}
				}
				if !f.readBuilder(bd.rhs, b, depth+1) {
					// A client from a call the models do not know (c, err :=
					// newClient()): it may have set any header or parameter.
					b.hdr.open(whyCall)
					b.query.open(whyCall)
				}
				return true
			}
		}
		if sel, ok := e.(*ast.SelectorExpr); ok {
			if f.fieldClient(sel, b, depth) {
				return true
			}
		}
		b.hdr.open(f.whyOf(e))
		b.query.open(f.whyOf(e))
		return true
	}
	fo := f.callee(call)
	if fo == nil {
		return false
	}
	if fo.Type().(*types.Signature).Recv() == nil {
		// resty.New(): a fresh client.
		return fo.Pkg() != nil && (strings.HasPrefix(fo.Pkg().Path(), "github.com/go-resty/resty") || fo.Pkg().Path() == "resty.dev/v3")
	}
	if _, _, modelled := methodModel(fo); !modelled {
		return false
	}
	f.applyEffect(call, fo, b)
	return f.readBuilder(receiver(call), b, depth+1)
}

// fieldClient reads a client kept in a field of this package that is
// assigned once, in a constructor (s.client = resty.New().SetBaseURL(…)):
// what the constructor's parameters set is present with an unknown value.
func (f *fn) fieldClient(sel *ast.SelectorExpr, b *builder, depth int) bool {
	_, ws, ok := f.fieldWrites(sel)
	if !ok || len(ws) != 1 {
		return false
	}
	x := f.a.fieldIdx()
	g := x.evaluator(f.a, ws[0].decl, f.depth+1)
	cb := &builder{hdr: object(sel), query: object(sel)}
	if !g.readBuilder(ws[0].expr, cb, depth+1) || cb.url != nil || cb.bodyExpr != nil {
		return false
	}
	if b.base == nil && cb.base != nil {
		b.base = stripParams(cb.base)
	}
	for _, pair := range [][2]*val{{b.hdr, cb.hdr}, {b.query, cb.query}} {
		to, from := pair[0], pair[1]
		for _, m := range from.members {
			if !to.has(m.key, to == b.hdr) {
				m.v = textVal(stripParams(m.v.asText()), nil)
				to.members = append(to.members, m)
			}
		}
		if from.why != whyNone {
			to.open(from.why)
		}
	}
	return true
}

// stripParams forgets parameter references of another function: they are
// unknown here, because parameters.
func stripParams(s str) str {
	out := append(str{}, s...)
	for i, c := range out {
		if h := c.hole; h != nil && (h.param > 0 || h.late != nil) {
			out[i].hole = &val{why: whyParam, seg: h.seg && h.late == nil, pos: h.pos, end: h.end}
		}
	}
	return out
}

// applyEffect applies one builder call. Calls are read from the send back
// to the client, so a value already set by a later call is kept.
func (f *fn) applyEffect(call *ast.CallExpr, fo *types.Func, b *builder) {
	e, known, _ := methodModel(fo)
	if !known {
		b.hdr.open(whyUnsupported)
		b.query.open(whyUnsupported)
		return
	}
	arg := func(i int) ast.Expr {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	switch e.kind {
	case efBaseURL:
		if b.base == nil && arg(0) != nil {
			b.base = f.evalStr(arg(0))
		}
	case efHeader, efQuery, efPathParam:
		if arg(1) == nil {
			return
		}
		k := f.evalStr(arg(0))
		key, ok := k.text()
		target := b.hdr
		if e.kind == efQuery {
			target = b.query
		}
		if !ok {
			target.open(f.whyOf(arg(0)))
			return
		}
		ks, ke := k.span(0, len(k))
		m := member{key: key, kpos: ks, kend: ke, v: textVal(f.evalStr(arg(1)), arg(1))}
		switch e.kind {
		case efPathParam:
			b.pathParams = append(b.pathParams, m)
		default:
			if !target.has(key, e.kind == efHeader) {
				target.members = append(target.members, m)
			}
		}
	case efHeaders, efQueries, efPathParams:
		target := b.hdr
		if e.kind == efQueries {
			target = b.query
		}
		lit, ok := compositeOf(arg(0))
		if !ok {
			target.open(f.whyOf(arg(0)))
			return
		}
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				target.open(whyUnsupported)
				continue
			}
			k := f.evalStr(kv.Key)
			key, ok := k.text()
			if !ok {
				target.open(f.whyOf(kv.Key))
				continue
			}
			ks, ke := k.span(0, len(k))
			m := member{key: key, kpos: ks, kend: ke, v: textVal(f.evalStr(kv.Value), kv.Value)}
			if e.kind == efPathParams {
				b.pathParams = append(b.pathParams, m)
			} else if !target.has(key, e.kind == efHeaders) {
				target.members = append(target.members, m)
			}
		}
	case efBasicAuth:
		if !b.hdr.has("Authorization", true) && arg(1) != nil {
			b.hdr.members = append(b.hdr.members, member{key: "Authorization", kpos: call.Fun.Pos(), kend: call.Fun.End(), v: textVal(f.basicAuth(call), call)})
		}
	case efAuthToken:
		if !b.hdr.has("Authorization", true) && arg(0) != nil {
			tok := f.evalStr(arg(0))
			p := arg(0).Pos()
			v := append(inexactAt("Bearer ", p, p), tok...)
			b.hdr.members = append(b.hdr.members, member{key: "Authorization", kpos: call.Fun.Pos(), kend: call.Fun.End(), v: textVal(v, arg(0))})
		}
	case efQueryString:
		b.query.open(whyUnsupported) // a raw string the query reader does not split here
	case efBody:
		if b.bodyExpr == nil {
			b.bodyExpr = arg(0)
		}
	case efURL:
		if b.url == nil && arg(0) != nil {
			b.url, b.urlAt = f.evalStr(arg(0)), arg(0)
		}
	case efMethod:
		if b.method == nil && arg(0) != nil {
			b.method = f.evalStr(arg(0))
		}
	case efSend:
		b.method = inexact(e.method, call.Fun)
		if arg(0) != nil {
			b.url, b.urlAt = f.evalStr(arg(0)), arg(0)
		}
	case efExecute:
		if arg(1) != nil {
			b.method, b.url, b.urlAt = f.evalStr(arg(0)), f.evalStr(arg(1)), arg(1)
		}
	case efHooks:
		b.hdr.open(whyEscaped)
		b.query.open(whyEscaped)
	}
}

// target joins the base URL, the request URL with its path parameters
// substituted, and the query parameters, as resty does: a URL that is not
// absolute is appended to the base URL with one slash between.
func (b *builder) target(at ast.Node) str {
	u := b.url
	for _, p := range b.pathParams {
		u = replaceKnown(u, "{"+p.key+"}", markIDs(p.v.asText()))
	}
	if schemeEnd(u) < 0 {
		base := b.base
		if base == nil {
			base = unknownText(whyField, at) // a base URL set where the analyzer does not see
		}
		base = trimSlashes(base, false, true)
		if len(u) == 0 || u[0].hole != nil || u[0].b != '/' {
			p := at.Pos()
			if len(u) > 0 {
				p = u[0].pos
			}
			u = append(str{{b: '/', pos: p, end: p}}, u...)
		}
		u = append(append(str{}, base...), u...)
	}
	if len(b.query.members) > 0 || !b.query.complete() {
		sep := byte('?')
		if indexKnown(u, "?") < len(u) {
			sep = '&'
		}
		p := at.Pos()
		u = append(u, cell{b: sep, pos: p, end: p}, cell{pos: at.Pos(), end: at.End(), hole: b.query})
	}
	return u
}

// replaceKnown replaces each run of known cells spelling old with repl.
func replaceKnown(s str, old string, repl str) str {
	var out str
	for i := 0; i < len(s); {
		if i+len(old) <= len(s) {
			if t, ok := s[i : i+len(old)].text(); ok && t == old {
				out = append(out, repl...)
				i += len(old)
				continue
			}
		}
		out = append(out, s[i])
		i++
	}
	return out
}

// anyBody evaluates a body given as `any` (resty's SetBody,
// retryablehttp's rawBody) by its static type: bytes and strings are
// JSON text, readers are read, anything else is encoded as JSON.
func (f *fn) anyBody(e ast.Expr, call ast.Node) (*val, ast.Expr, uint8) {
	if e == nil || isNilIdent(f.info, ast.Unparen(e)) {
		return nil, nil, howJSON
	}
	t := f.typeOf(e)
	switch {
	case t == nil:
		return unknown(whyUnsupported, e), e, howReader
	case isByteSlice(t):
		return f.evalBytes(e, call.Pos()), e, howBytes
	case isString(t):
		return jsonFromStr(f.evalStr(e), e), e, howString
	case types.Implements(t, ioReader()) || types.Implements(types.NewPointer(t), ioReader()):
		return f.evalBody(e, call.Pos()), e, howReader
	}
	if _, isIface := t.Underlying().(*types.Interface); isIface {
		return unknown(f.whyOf(e), e), e, howReader
	}
	return f.evalJSON(e), e, howJSON
}

// ioReader is the io.Reader interface, made on first use: atslint check
// links the analyzer but never runs it.
var ioReader = sync.OnceValue(func() *types.Interface {
	bs := types.NewSlice(types.Typ[types.Byte])
	params := types.NewTuple(types.NewVar(0, nil, "p", bs))
	results := types.NewTuple(types.NewVar(0, nil, "n", types.Typ[types.Int]), types.NewVar(0, nil, "err", types.Universe.Lookup("error").Type()))
	sig := types.NewSignatureType(nil, nil, nil, params, results, false)
	return types.NewInterfaceType([]*types.Func{types.NewFunc(0, nil, "Read", sig)}, nil).Complete()
})
