package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/atslint/atslint/request"
)

// Function summaries. A function that builds a request (with net/http, a
// modelled library, or by calling another summarised function) and either
// returns it or sends it, or a function that returns a string, is
// summarised: its request's method, URL (query included), headers and
// body are kept as evaluated, with the parts that come from its
// parameters left as references to those parameters. A call of the
// function is then a request of the caller's, built by substituting the
// caller's own arguments, evaluated where the caller wrote them.
//
// Summaries are computed callees first within a package and exported as
// go/analysis facts for other packages. Facts carry no positions (go vet
// moves them between processes without a FileSet): only parameter indexes
// and constant text. What the helper fixes by itself (a hard-coded path,
// a misspelt json tag) the helper reports, once, while its own package is
// analysed; the summary lists those findings so that callers do not
// repeat them.

// summary is a function's summary in memory.
type summary struct {
	ret    *str    // the string result, when the function returns one
	values *values // the url.Values result (a hand-written query builder)
	req    *reqSummary
}

// reqSummary is the request a function builds.
type reqSummary struct {
	method str
	url    str
	hdr    *values // headers set before the request leaves the function
	body   bodyRef
	// returned: the request is returned to the caller, who may still
	// change and send it.
	returned bool
	// exported: callers in other packages can add to it (see summarise).
	exported bool
	// found holds the findings of the helper's own check (rule, provider
	// and message), which callers do not repeat.
	found map[string]bool
}

type bodyKind uint8

const (
	bodyNone   bodyKind = iota // no body
	bodyOpaque                 // a body the summary does not carry (fixed in the helper, or unknown)
	bodyParam                  // the body is made from a parameter
)

// How a parameter becomes a body.
const (
	howJSON   uint8 = iota // encoded by encoding/json
	howReader              // an io.Reader
	howBytes               // a []byte of JSON
	howString              // a string of JSON
)

// bodyRef says where a summarised request's body comes from.
type bodyRef struct {
	Kind  bodyKind
	Param int // 0-based parameter index
	How   uint8
}

// summaryFact is a summary as exported to other packages. It is gob
// encoded: no positions, only text, kinds and parameter indexes.
type summaryFact struct {
	Ret    []cellFact
	HasRet bool
	Values *valuesFact
	Req    *reqFact
}

func (*summaryFact) AFact() {}

func (s *summaryFact) String() string {
	var parts []string
	if s.HasRet {
		parts = append(parts, "returns "+factText(s.Ret))
	}
	if s.Values != nil {
		var keys []string
		for _, e := range s.Values.Entries {
			keys = append(keys, e.Key+"="+factText(e.Val))
		}
		parts = append(parts, "returns query "+strings.Join(keys, "&"))
	}
	if r := s.Req; r != nil {
		what := "sends"
		if r.Returned {
			what = "builds"
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", what, factText(r.Method), factText(r.URL)))
		if r.Body.Kind == bodyParam {
			parts = append(parts, fmt.Sprintf("body from parameter %d", r.Body.Param))
		}
	}
	return "atslint: " + strings.Join(parts, "; ")
}

// factText renders cells for a fact's String: parameters as {pN}.
func factText(cs []cellFact) string {
	var b strings.Builder
	for _, c := range cs {
		switch {
		case c.Late != nil:
			b.WriteString("resolve(" + factText(c.Late.Base) + ", " + factText(c.Late.Ref) + ")")
		case c.Kind == uint8(known):
			b.WriteString(c.Text)
		case c.Param > 0:
			fmt.Fprintf(&b, "{p%d}", c.Param-1)
		case c.Kind == uint8(queryCell):
			b.WriteString("{query}")
		default:
			b.WriteString("{?}")
		}
	}
	return b.String()
}

type reqFact struct {
	Method, URL     []cellFact
	Headers         []entryFact
	HeadersComplete bool
	Body            bodyRef
	Returned        bool
	Found           []string
}

type cellFact struct {
	Kind  uint8
	Text  string // a run of known bytes
	Param int
	Query *valuesFact
	Late  *lateFact
}

type valuesFact struct {
	Entries  []entryFact
	Complete bool
	Param    int
}

type entryFact struct {
	Key  string
	Val  []cellFact
	Cond bool
}

type lateFact struct {
	Base, Ref []cellFact
}

// encodeStr turns cells into fact cells, merging runs of known bytes.
func encodeStr(s str) []cellFact {
	out := []cellFact{}
	for _, c := range s {
		switch {
		case c.late != nil:
			out = append(out, cellFact{Kind: uint8(unknownAny), Late: &lateFact{Base: encodeStr(c.late.base.render()), Ref: encodeStr(c.late.ref)}})
		case c.kind == known:
			if n := len(out); n > 0 && out[n-1].Kind == uint8(known) {
				out[n-1].Text += string(c.b)
			} else {
				out = append(out, cellFact{Kind: uint8(known), Text: string(c.b)})
			}
		case c.kind == queryCell && c.q != nil:
			out = append(out, cellFact{Kind: uint8(queryCell), Query: encodeValues(c.q)})
		default:
			out = append(out, cellFact{Kind: uint8(c.kind), Param: c.param})
		}
	}
	return out
}

func encodeValues(q *values) *valuesFact {
	v := &valuesFact{Complete: q.complete, Param: q.param}
	for _, e := range q.entries {
		v.Entries = append(v.Entries, entryFact{Key: e.key, Val: encodeStr(e.val), Cond: e.cond})
	}
	return v
}

// decodeStr turns fact cells back into cells. Their text has no source
// position in this package: findings on it belong to the helper.
func decodeStr(cs []cellFact) str {
	var out str
	for _, c := range cs {
		switch {
		case c.Late != nil:
			l := &lateURL{base: parseURL(decodeStr(c.Late.Base)), ref: decodeStr(c.Late.Ref)}
			out = append(out, cell{kind: unknownAny, late: l})
		case c.Kind == uint8(known):
			for i := 0; i < len(c.Text); i++ {
				out = append(out, cell{kind: known, b: c.Text[i]})
			}
		case c.Query != nil:
			out = append(out, cell{kind: queryCell, q: decodeValues(c.Query)})
		default:
			out = append(out, cell{kind: cellKind(c.Kind), param: c.Param})
		}
	}
	return out
}

func decodeValues(v *valuesFact) *values {
	q := &values{complete: v.Complete, param: v.Param}
	for _, e := range v.Entries {
		q.entries = append(q.entries, entry{key: e.Key, val: decodeStr(e.Val), cond: e.Cond})
	}
	return q
}

func (s *summary) fact() *summaryFact {
	f := &summaryFact{}
	if s.ret != nil {
		f.Ret, f.HasRet = encodeStr(*s.ret), true
	}
	if s.values != nil {
		f.Values = encodeValues(s.values)
	}
	if r := s.req; r != nil && r.exported {
		rf := &reqFact{Method: encodeStr(r.method), URL: encodeStr(r.url), Body: r.body, Returned: r.returned, HeadersComplete: r.hdr.complete}
		for _, e := range r.hdr.entries {
			rf.Headers = append(rf.Headers, entryFact{Key: e.key, Val: encodeStr(e.val), Cond: e.cond})
		}
		for k := range r.found {
			rf.Found = append(rf.Found, k)
		}
		sort.Strings(rf.Found)
		f.Req = rf
	}
	return f
}

func (f *summaryFact) summary() *summary {
	s := &summary{}
	if f.HasRet {
		r := decodeStr(f.Ret)
		s.ret = &r
	}
	if f.Values != nil {
		s.values = decodeValues(f.Values)
	}
	if rf := f.Req; rf != nil {
		r := &reqSummary{method: decodeStr(rf.Method), url: decodeStr(rf.URL), body: rf.Body, returned: rf.Returned, hdr: &values{complete: rf.HeadersComplete}, found: map[string]bool{}}
		for _, e := range rf.Headers {
			r.hdr.entries = append(r.hdr.entries, entry{key: e.Key, val: decodeStr(e.Val), cond: e.Cond})
		}
		for _, k := range rf.Found {
			r.found[k] = true
		}
		s.req = r
	}
	return s
}

// summaryOf returns the summary of a function: computed in this package,
// or imported as a fact from the package that declares it.
func (a *pkgRun) summaryOf(obj *types.Func) *summary {
	if obj == nil {
		return nil
	}
	obj = obj.Origin()
	if s, ok := a.sums[obj]; ok {
		return s
	}
	if obj.Pkg() == nil || obj.Pkg() == a.pass.Pkg {
		return nil
	}
	var s *summary
	var f summaryFact
	if a.pass.ImportObjectFact(obj, &f) {
		s = f.summary()
	}
	if a.sums == nil {
		a.sums = map[*types.Func]*summary{}
	}
	a.sums[obj] = s
	return s
}

// findingKey identifies a finding for the helper's list.
func findingKey(rule, provider, msg string) string {
	return rule + "|" + provider + "|" + msg
}

// paramIndex returns the index of the parameter e names, when the
// function never assigns it, or -1.
func (f *fn) paramIndex(e ast.Expr) int {
	id, ok := e.(*ast.Ident)
	if !ok || f.decl == nil || f.locals == nil {
		return -1
	}
	obj, _ := f.info.Uses[id].(*types.Var)
	if obj == nil {
		return -1
	}
	fo, _ := f.info.Defs[f.decl.Name].(*types.Func)
	if fo == nil {
		return -1
	}
	params := fo.Type().(*types.Signature).Params()
	for i := 0; i < params.Len(); i++ {
		if params.At(i) != obj {
			continue
		}
		if v := f.locals.vars[obj]; v != nil {
			for _, ev := range v.events {
				switch ev.kind {
				case evDef, evOpAssign, evOpaque, evAddr:
					return -1
				}
			}
		}
		return i
	}
	return -1
}

// argOf returns the argument a call gives parameter i, or nil (a
// variadic parameter, a call with a spread argument).
func argOf(call *ast.CallExpr, sig *types.Signature, i int) ast.Expr {
	if call.Ellipsis.IsValid() || i >= len(call.Args) {
		return nil
	}
	if sig != nil && sig.Variadic() && i >= sig.Params().Len()-1 {
		return nil
	}
	return call.Args[i]
}

// calleeSig is the signature of a call's callee.
func (f *fn) calleeSig(call *ast.CallExpr) *types.Signature {
	if fo := f.callee(call); fo != nil {
		sig, _ := fo.Type().(*types.Signature)
		return sig
	}
	return nil
}

// instantiate substitutes the call's arguments for the parameter
// references in a summarised string.
func (f *fn) instantiate(s str, call *ast.CallExpr) str {
	sig := f.calleeSig(call)
	var out str
	for _, c := range s {
		switch {
		case c.late != nil:
			base := parseURL(f.instantiate(c.late.base.render(), call))
			ref := parseURL(f.instantiate(c.late.ref, call))
			out = append(out, f.resolve(base, ref, call).render()...)
		case c.kind == queryCell && c.q != nil:
			c.q = f.instantiateValues(c.q, call, sig)
			if !c.pos.IsValid() {
				c.pos, c.end = call.Pos(), call.End()
			}
			out = append(out, c)
		case c.param > 0:
			arg := argOf(call, sig, c.param-1)
			if arg == nil {
				out = append(out, cell{kind: c.kind, pos: call.Pos(), end: call.End()})
				continue
			}
			var v str
			if isString(f.typeOf(arg)) {
				v = f.evalStr(arg)
			} else {
				v = f.formatArg(arg, 'v')
			}
			if c.kind == unknownID {
				v = markIDs(v)
			}
			out = append(out, v...)
		default:
			out = append(out, c)
		}
	}
	return out
}

func (f *fn) instantiateValues(q *values, call *ast.CallExpr, sig *types.Signature) *values {
	if q.param > 0 {
		arg := argOf(call, sig, q.param-1)
		if arg == nil {
			return incomplete()
		}
		return f.queryStruct(arg)
	}
	out := &values{complete: q.complete}
	for _, e := range q.entries {
		if e.cond && hasParam(e.val) {
			// Set only when the argument passes a test the analyzer
			// does not evaluate: present, maybe, with a value unknown.
			e.val = unknownStr(unknownAny, call)
		} else {
			e.val = f.instantiate(e.val, call)
		}
		if !e.keyStart.IsValid() {
			e.keyStart, e.keyEnd = call.Pos(), call.End()
		}
		out.entries = append(out.entries, e)
	}
	return out
}

// summarySite is a call of a function whose summary says it builds a
// request: the caller's request, with the caller's arguments.
func (f *fn) summarySite(call *ast.CallExpr, sum *reqSummary) *site {
	s := &site{call: call, sum: sum, methodAt: call, urlExpr: call}
	m := f.instantiate(sum.method, call)
	if t, ok := m.text(); ok {
		s.method, s.methodKnown = strings.ToUpper(t), true
	}
	s.urlStr = f.instantiate(sum.url, call)
	hdr := &values{complete: sum.hdr.complete}
	for _, e := range sum.hdr.entries {
		if e.cond && hasParam(e.val) {
			e.val = unknownStr(unknownAny, call)
		} else {
			e.val = f.instantiate(e.val, call)
		}
		if !e.keyStart.IsValid() {
			e.keyStart, e.keyEnd = call.Pos(), call.End()
		}
		hdr.entries = append(hdr.entries, e)
	}
	s.hdrPre = hdr
	s.bodySet = true
	switch sum.body.Kind {
	case bodyOpaque:
		s.bodyPre = unknownValue(call, bodyPointer)
	case bodyParam:
		arg := argOf(call, f.calleeSig(call), sum.body.Param)
		switch {
		case arg == nil:
			s.bodyPre = unknownValue(call, bodyPointer)
		case isNilIdent(f.info, ast.Unparen(arg)):
			s.bodyPre = nil
		default:
			s.bodyExpr, s.bodyHow = arg, sum.body.How
			s.bodyPre = f.bodyFrom(arg, sum.body.How, call.Pos())
		}
	}
	if sum.returned {
		s.reqVar, s.def = f.assignedTo(call)
	}
	return s
}

// bodyFrom evaluates an expression that becomes a body in the given way.
func (f *fn) bodyFrom(e ast.Expr, how uint8, pos token.Pos) *request.Value {
	switch how {
	case howJSON:
		return f.evalJSON(e, bodyPointer)
	case howBytes:
		return f.evalBytes(e, pos)
	case howString:
		return jsonFromStr(f.evalStr(e), e, bodyPointer)
	}
	return f.evalBody(e, pos)
}

// bodyRefOf finds the parameter a body expression is made from.
func (f *fn) bodyRefOf(e ast.Expr, how uint8) (bodyRef, bool) {
	if !f.enter() {
		return bodyRef{}, false
	}
	defer f.leave()
	e = ast.Unparen(e)
	if i := f.paramIndex(e); i >= 0 {
		return bodyRef{Kind: bodyParam, Param: i, How: how}, true
	}
	switch x := e.(type) {
	case *ast.Ident:
		if b, ok := f.lookup(x); ok && b.rhs != nil && b.tuple <= 0 {
			return f.bodyRefOf(b.rhs, how)
		}
		if r, ok := f.assignedBody(x, how); ok {
			return r, true
		}
		if how == howReader {
			return f.encodedInto(x)
		}
	case *ast.UnaryExpr:
		if x.Op == token.AND && how == howReader {
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
				return f.encodedInto(id)
			}
		}
	case *ast.CallExpr:
		if tv, ok := f.info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return f.bodyRefOf(x.Args[0], howString)
		}
		fo := f.callee(x)
		if fo == nil || len(x.Args) == 0 {
			break
		}
		switch fullName(fo) {
		case "bytes.NewReader", "bytes.NewBuffer":
			return f.bodyRefOf(x.Args[0], howBytes)
		case "strings.NewReader", "bytes.NewBufferString":
			return f.bodyRefOf(x.Args[0], howString)
		case "io.NopCloser", "io/ioutil.NopCloser":
			return f.bodyRefOf(x.Args[0], howReader)
		case "encoding/json.Marshal", "encoding/json.MarshalIndent":
			return f.bodyRefOf(x.Args[0], howJSON)
		}
	}
	return bodyRef{}, false
}

// assignedBody reads a body variable declared empty and assigned under a
// condition (`var body io.Reader; if params != nil { body =
// bytes.NewReader(data) }`): every assignment must come from the same
// parameter.
func (f *fn) assignedBody(id *ast.Ident, how uint8) (bodyRef, bool) {
	if f.locals == nil {
		return bodyRef{}, false
	}
	obj, _ := f.info.Uses[id].(*types.Var)
	v := f.locals.vars[obj]
	if v == nil || v.decl == nil || v.decl.kind != evDef || v.decl.rhs != nil && !isNilIdent(f.info, ast.Unparen(v.decl.rhs)) {
		return bodyRef{}, false
	}
	var out bodyRef
	n := 0
	for _, e := range v.events {
		if e == v.decl || e.kind != evDef {
			continue
		}
		if e.rhs == nil || e.tuple >= 0 {
			return bodyRef{}, false
		}
		r, ok := f.bodyRefOf(e.rhs, how)
		if !ok || n > 0 && r != out {
			return bodyRef{}, false
		}
		out, n = r, n+1
	}
	return out, n > 0
}

// encodedInto finds json.NewEncoder(v).Encode(p) or enc :=
// json.NewEncoder(v); enc.Encode(p) for a buffer variable v (assigned
// under a condition, as go-github's NewRequest does when body != nil).
func (f *fn) encodedInto(v *ast.Ident) (bodyRef, bool) {
	obj := f.info.Uses[v]
	if obj == nil || f.locals == nil {
		return bodyRef{}, false
	}
	isV := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		id, ok := e.(*ast.Ident)
		return ok && f.info.Uses[id] == obj
	}
	var found []bodyRef
	for _, c := range f.locals.calls {
		fo := f.callee(c)
		if fo == nil || fullName(fo) != "(*encoding/json.Encoder).Encode" || len(c.Args) != 1 {
			continue
		}
		enc := ast.Unparen(receiver(c))
		if id, ok := enc.(*ast.Ident); ok {
			if b, ok := f.lookup(id); ok && b.rhs != nil {
				enc = ast.Unparen(b.rhs)
			} else if lv := f.locals.vars[f.info.Uses[id].(*types.Var)]; lv != nil && lv.decl != nil && lv.decl.rhs != nil {
				enc = ast.Unparen(lv.decl.rhs)
			}
		}
		nc, ok := enc.(*ast.CallExpr)
		if !ok || len(nc.Args) != 1 || !isV(nc.Args[0]) {
			continue
		}
		if nfo := f.callee(nc); nfo == nil || fullName(nfo) != "encoding/json.NewEncoder" {
			continue
		}
		r, ok := f.bodyRefOf(c.Args[0], howJSON)
		if !ok {
			return bodyRef{}, false
		}
		found = append(found, r)
	}
	if len(found) != 1 {
		return bodyRef{}, false
	}
	return found[0], true
}

// summarise computes the summaries of a function from its request
// sites and return statements, and exports them.
func (a *pkgRun) summarise(f *fn) {
	obj, _ := a.pass.TypesInfo.Defs[f.decl.Name].(*types.Func)
	if obj == nil {
		return
	}
	s := &summary{}
	if ret, ok := f.returnedString(obj); ok {
		s.ret = &ret
	}
	s.values = f.returnedValues(obj)
	// A caller can add to the request only what comes from parameters or
	// what it does with a returned request; a request the function sends
	// by itself still makes a call of it a request in this package (a
	// rate-limited list called in a loop).
	useful := false
	if len(f.all) == 1 {
		st := f.all[0]
		useful = st.returned || hasParam(st.urlSeen) || hasParam(st.methodSeen) || st.hdrSeen.hasParam() || st.bodyRef.Kind == bodyParam
		if useful || st.req != nil && stackOneRequest(st.req) {
			r := &reqSummary{method: st.methodSeen, url: st.urlSeen, hdr: st.hdrSeen, body: st.bodyRef, returned: st.returned, found: st.found, exported: useful}
			if r.found == nil {
				r.found = map[string]bool{}
			}
			s.req = r
		}
	}
	if s.ret == nil && s.req == nil && s.values == nil {
		return
	}
	if a.sums == nil {
		a.sums = map[*types.Func]*summary{}
	}
	a.sums[obj] = s
	if obj.Exported() && (useful || s.ret != nil || s.values != nil) {
		// Only exported functions can be called from other packages.
		a.pass.ExportObjectFact(obj, s.fact())
	}
}

// returnedString evaluates a function's string result: the value of its
// return statements, leaving out those that return a non-nil error. All
// must agree.
func (f *fn) returnedString(obj *types.Func) (str, bool) {
	res := obj.Type().(*types.Signature).Results()
	if res.Len() == 0 || !isString(res.At(0).Type()) {
		return nil, false
	}
	errLast := res.Len() > 1 && types.Identical(res.At(res.Len()-1).Type(), types.Universe.Lookup("error").Type())
	var out str
	var text string
	n := 0
	ok := true
	ast.Inspect(f.decl.Body, func(nd ast.Node) bool {
		if !ok {
			return false
		}
		switch x := nd.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(x.Results) != res.Len() {
				ok = false
				return false
			}
			if errLast && !isNilIdent(f.info, ast.Unparen(x.Results[len(x.Results)-1])) {
				return false // an error path: its string is not the result
			}
			s := f.evalStr(x.Results[0])
			t := factText(encodeStr(s))
			if n > 0 && t != text {
				ok = false // two values: never pick one
				return false
			}
			out, text, n = s, t, n+1
		}
		return true
	})
	if !ok || n == 0 {
		return nil, false
	}
	for _, c := range out {
		if c.kind == known || c.param > 0 || c.late != nil || c.kind == queryCell {
			return out, true
		}
	}
	return nil, false
}

// returnedValues evaluates a function's url.Values result, when it has
// one return statement.
func (f *fn) returnedValues(obj *types.Func) *values {
	res := obj.Type().(*types.Signature).Results()
	if res.Len() != 1 || !isNamed(res.At(0).Type(), "net/url", "Values") {
		return nil
	}
	var rets []*ast.ReturnStmt
	ast.Inspect(f.decl.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			rets = append(rets, x)
		}
		return true
	})
	if len(rets) != 1 || len(rets[0].Results) != 1 {
		return nil
	}
	q := f.evalValues(rets[0].Results[0], rets[0].Pos())
	if len(q.entries) == 0 && !q.complete {
		return nil
	}
	return q
}

// returnsString reports whether a function's first result is a string.
func returnsString(info *types.Info, fd *ast.FuncDecl) bool {
	fo, _ := info.Defs[fd.Name].(*types.Func)
	if fo == nil {
		return false
	}
	res := fo.Type().(*types.Signature).Results()
	return res.Len() > 0 && isString(res.At(0).Type())
}

// returnsValues reports whether a function returns a url.Values.
func returnsValues(info *types.Info, fd *ast.FuncDecl) bool {
	fo, _ := info.Defs[fd.Name].(*types.Func)
	if fo == nil {
		return false
	}
	res := fo.Type().(*types.Signature).Results()
	return res.Len() == 1 && isNamed(res.At(0).Type(), "net/url", "Values")
}

// funcOrder returns the function declarations of the package, callees
// before callers (calls within a cycle in any order).
func (a *pkgRun) funcOrder() []*ast.FuncDecl {
	var decls []*ast.FuncDecl
	for _, fi := range a.order {
		for _, d := range fi.ast.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				decls = append(decls, fd)
			}
		}
	}
	byObj := map[*types.Func]*ast.FuncDecl{}
	for _, fd := range decls {
		if o, ok := a.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			byObj[o] = fd
		}
	}
	seen := map[*ast.FuncDecl]bool{}
	var out []*ast.FuncDecl
	var visit func(fd *ast.FuncDecl)
	visit = func(fd *ast.FuncDecl) {
		if seen[fd] {
			return
		}
		seen[fd] = true
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if fo := (&fn{info: a.pass.TypesInfo}).callee(call); fo != nil {
					if d := byObj[fo.Origin()]; d != nil {
						visit(d)
					}
				}
			}
			return true
		})
		out = append(out, fd)
	}
	for _, fd := range decls {
		visit(fd)
	}
	return out
}

// mayBuild reports whether a function may build a request: it calls
// net/http, a modelled library, or a summarised function.
func (a *pkgRun) mayBuild(fd *ast.FuncDecl) bool {
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		if a.buildsRequest(n) {
			found = true
		} else if call, ok := n.(*ast.CallExpr); ok {
			fo := (&fn{info: a.pass.TypesInfo}).callee(call)
			if fo != nil && (a.summaryOf(fo) != nil || libraryCall(fo)) {
				found = true
			}
		}
		return !found
	})
	return found
}
