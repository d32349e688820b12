package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
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
	ret    *val // the string result, when the function returns one
	values *val // the url.Values result (a hand-written query builder)
	req    *reqSummary
	edit   *editSummary // the headers it sets on its *http.Request parameter
}

// reqSummary is the request a function builds.
type reqSummary struct {
	method str
	url    str
	hdr    *val // headers set before the request leaves the function
	// body is nil for no body, a reference to the parameter it is made
	// from, or unknown (a body the summary does not carry: fixed in the
	// helper, or not seen).
	body *val
	// returned: the request is returned to the caller, who may still
	// change and send it.
	returned bool
	// exported: callers in other packages can add to it (see summarise).
	exported bool
	// found holds the findings of the helper's own check (rule, provider
	// and message), which callers do not repeat.
	found map[string]bool
}

// How a parameter's argument is read where a summary is instantiated.
const (
	howText   uint8 = iota // formatted into text
	howJSON                // encoded by encoding/json
	howReader              // an io.Reader
	howBytes               // a []byte of JSON
	howString              // a string of JSON
	howQuery               // encoded by go-querystring
)

// summaryFact is a summary as exported to other packages. It is gob
// encoded: values without positions, only text, kinds, reasons and
// parameter indexes.
type summaryFact struct {
	Ret, Values *valFact
	Req         *reqFact
	Edit        *editFact
}

type editFact struct {
	Param   int
	Headers *valFact
}

func (*summaryFact) AFact() {}

type reqFact struct {
	Method, URL, Headers *valFact
	Body                 *valFact
	Returned             bool
	Found                []string
}

// valFact is a val as a fact.
type valFact struct {
	Kind, Why, How uint8
	Param          int
	Seg            bool
	Lit            string    // a run of known text; a number or boolean
	Text           []valFact // vText: runs of known text and holes
	Members        []memberFact
	Elems          []valFact
	Late           *lateFact
}

type memberFact struct {
	Key       string
	V         *valFact
	Cond, Add bool
}

type lateFact struct {
	Base, Ref []valFact
}

func (s *summaryFact) String() string {
	var parts []string
	if s.Ret != nil {
		parts = append(parts, "returns "+textString(s.Ret.Text, true))
	}
	if s.Values != nil {
		var keys []string
		for _, m := range s.Values.Members {
			keys = append(keys, m.Key+"="+textString(m.V.Text, true))
		}
		parts = append(parts, "returns query "+strings.Join(keys, "&"))
	}
	if r := s.Req; r != nil {
		what := "sends"
		if r.Returned {
			what = "builds"
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", what, textString(r.Method.Text, true), textString(r.URL.Text, true)))
		if r.Body != nil && r.Body.Param > 0 {
			parts = append(parts, fmt.Sprintf("body from parameter %d", r.Body.Param-1))
		}
	}
	if e := s.Edit; e != nil {
		var keys []string
		for _, m := range e.Headers.Members {
			op := "="
			if m.Add {
				op = "+=" // added: the caller's values stay
			}
			keys = append(keys, m.Key+op+textString(m.V.Text, true))
		}
		parts = append(parts, fmt.Sprintf("sets headers of {p%d} %s", e.Param, strings.Join(keys, "&")))
	}
	return "atslint: " + strings.Join(parts, "; ")
}

// String renders a value in full: parameters as {pN:how} ('#' for one
// segment), unknowns as {?reason}, objects with their members. join
// compares values by it.
func (v *valFact) String() string {
	var b strings.Builder
	v.write(&b, false)
	return b.String()
}

// write renders a value; short is the facts' String format, where an
// unknown in text is {?} and an encoded query {query}.
func (v *valFact) write(b *strings.Builder, short bool) {
	switch {
	case v.Late != nil:
		b.WriteString("resolve(" + textString(v.Late.Base, short) + ", " + textString(v.Late.Ref, short) + ")")
	case short && v.How == howQuery:
		b.WriteString("{query}") // a parameter's go-querystring encoding
	case v.Param > 0 && short:
		fmt.Fprintf(b, "{p%d}", v.Param-1)
	case v.Param > 0:
		fmt.Fprintf(b, "{p%d:%d%s}", v.Param-1, v.How, map[bool]string{true: "#"}[v.Seg])
	case vkind(v.Kind) == vText && v.Text == nil:
		b.WriteString(v.Lit)
	case vkind(v.Kind) == vText && short:
		b.WriteString(textString(v.Text, short))
	case vkind(v.Kind) == vText:
		b.WriteString(`"` + textString(v.Text, short) + `"`)
	case vkind(v.Kind) == vObject && short:
		b.WriteString("{query}") // an encoded query in a URL
	case vkind(v.Kind) == vObject:
		b.WriteString("{")
		for i, m := range v.Members {
			if i > 0 {
				b.WriteString("&")
			}
			b.WriteString(m.Key + map[bool]string{true: "?"}[m.Cond] + "=")
			if m.V != nil {
				m.V.write(b, false)
			}
		}
		if v.Why != 0 {
			b.WriteString("&{?" + reason(v.Why).String() + "}")
		}
		b.WriteString("}")
	case vkind(v.Kind) == vArray:
		b.WriteString("[")
		for i := range v.Elems {
			if i > 0 {
				b.WriteString(",")
			}
			v.Elems[i].write(b, false)
		}
		b.WriteString("]")
	case vkind(v.Kind) == vUnknown && short:
		b.WriteString("{?}")
	case vkind(v.Kind) == vUnknown:
		b.WriteString("{?" + reason(v.Why).String() + map[bool]string{true: "#"}[v.Seg] + "}")
	case short:
		b.WriteString(v.Lit)
	default:
		fmt.Fprintf(b, "<%d %s>", v.Kind, v.Lit) // null, a boolean, a number
	}
}

func textString(parts []valFact, short bool) string {
	var b strings.Builder
	for i := range parts {
		parts[i].write(&b, short)
	}
	return b.String()
}

// encodeVal turns a value into a fact: no positions.
func encodeVal(v *val) *valFact {
	if v == nil {
		return nil
	}
	out := &valFact{Kind: uint8(v.kind), Why: uint8(v.why), How: v.how, Param: v.param, Seg: v.seg, Lit: v.lit}
	if v.late != nil {
		out.Late = &lateFact{Base: encodeText(v.late.base.render()), Ref: encodeText(v.late.ref)}
	}
	if v.kind == vText {
		out.Text = encodeText(v.text)
	}
	for _, m := range v.members {
		out.Members = append(out.Members, memberFact{Key: m.key, V: encodeVal(m.v), Cond: m.cond, Add: m.add})
	}
	for _, e := range v.elems {
		out.Elems = append(out.Elems, *encodeVal(e))
	}
	return out
}

// encodeText turns text into runs of known bytes and holes.
func encodeText(s str) []valFact {
	var out []valFact
	for _, c := range s {
		if c.hole != nil {
			out = append(out, *encodeVal(c.hole))
			continue
		}
		if n := len(out); n > 0 && out[n-1].Kind == uint8(vText) && out[n-1].Text == nil {
			out[n-1].Lit += string(c.b)
		} else {
			out = append(out, valFact{Kind: uint8(vText), Lit: string(c.b)})
		}
	}
	return out
}

// decodeVal turns a fact back into a value. Its text has no source
// position in this package: findings on it belong to the helper.
func decodeVal(f *valFact) *val {
	if f == nil {
		return nil
	}
	v := &val{kind: vkind(f.Kind), why: reason(f.Why), how: f.How, param: f.Param, seg: f.Seg, lit: f.Lit}
	if f.Late != nil {
		v.late = &lateURL{base: parseURL(decodeText(f.Late.Base)), ref: decodeText(f.Late.Ref)}
	}
	if v.kind == vText {
		v.text, v.lit = decodeText(f.Text), ""
	}
	for _, m := range f.Members {
		v.members = append(v.members, member{key: m.Key, v: decodeVal(m.V), cond: m.Cond, add: m.Add})
	}
	for i := range f.Elems {
		v.elems = append(v.elems, decodeVal(&f.Elems[i]))
	}
	return v
}

func decodeText(parts []valFact) str {
	out := str{}
	for i := range parts {
		p := &parts[i]
		if vkind(p.Kind) == vText && p.Text == nil {
			for j := 0; j < len(p.Lit); j++ {
				out = append(out, cell{b: p.Lit[j]})
			}
			continue
		}
		out = append(out, cell{hole: decodeVal(p)})
	}
	return out
}

func (s *summary) fact() *summaryFact {
	f := &summaryFact{Ret: encodeVal(s.ret), Values: encodeVal(s.values)}
	if e := s.edit; e != nil {
		f.Edit = &editFact{Param: e.param, Headers: encodeVal(e.hdr)}
	}
	if r := s.req; r != nil && r.exported {
		rf := &reqFact{Method: encodeVal(textVal(r.method, nil)), URL: encodeVal(textVal(r.url, nil)), Headers: encodeVal(r.hdr), Body: encodeVal(r.body), Returned: r.returned}
		for k := range r.found {
			rf.Found = append(rf.Found, k)
		}
		sort.Strings(rf.Found)
		f.Req = rf
	}
	return f
}

func (f *summaryFact) summary() *summary {
	s := &summary{ret: decodeVal(f.Ret), values: decodeVal(f.Values)}
	if e := f.Edit; e != nil {
		s.edit = &editSummary{param: e.Param, hdr: decodeVal(e.Headers)}
	}
	if rf := f.Req; rf != nil {
		r := &reqSummary{method: decodeVal(rf.Method).asText(), url: decodeVal(rf.URL).asText(), hdr: decodeVal(rf.Headers), body: decodeVal(rf.Body), returned: rf.Returned, found: map[string]bool{}}
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
// references in a summarised value: the one place a summary meets its
// caller. A member set under a condition on a parameter is present with an
// unknown value; parts without a position here point at the call.
func (f *fn) instantiate(v *val, call *ast.CallExpr) *val {
	if v == nil {
		return nil
	}
	switch {
	case v.kind == vText:
		out := textVal(f.instantiateText(v.text, call), call)
		// A value that holds the caller's arguments was written there.
		pos, end := token.NoPos, token.NoPos
		for _, c := range out.text {
			if call.Lparen < c.pos && c.end <= call.Rparen {
				if !pos.IsValid() || c.pos < pos {
					pos = c.pos
				}
				end = max(end, c.end)
			}
		}
		if pos.IsValid() {
			out.pos, out.end = pos, end
		}
		if !out.pos.IsValid() {
			out.pos, out.end = call.Pos(), call.End()
		}
		return out
	case v.kind == vObject:
		out := v.clone()
		out.pos, out.end = call.Pos(), call.End()
		for i, m := range out.members {
			if m.cond && m.v.hasParam() {
				// Set only when the argument passes a test the analyzer
				// does not evaluate: present, maybe, with a value unknown.
				m.v = unknown(whyCond, call)
			} else {
				m.v = f.instantiate(m.v, call)
			}
			if !m.kpos.IsValid() {
				m.kpos, m.kend = call.Pos(), call.End()
			}
			out.members[i] = m
		}
		return out
	case v.late != nil:
		base := parseURL(f.instantiateText(v.late.base.render(), call))
		ref := parseURL(f.instantiateText(v.late.ref, call))
		return textVal(f.resolve(base, ref, call).render(), call)
	case v.param > 0:
		arg := argOf(call, f.calleeSig(call), v.param-1)
		if arg == nil {
			out := unknown(whyParam, call)
			out.seg = v.seg
			if v.how == howQuery {
				out = openObject(whyParam, call)
			}
			return out
		}
		switch v.how {
		case howText:
			var s str
			if isString(f.typeOf(arg)) {
				s = f.evalStr(arg)
			} else {
				s = f.formatArg(arg, 'v')
			}
			if v.seg {
				s = markIDs(s)
			}
			return textVal(s, arg)
		case howQuery:
			return f.queryStruct(arg)
		}
		if isNilIdent(f.info, ast.Unparen(arg)) {
			return nil
		}
		return f.bodyFrom(arg, v.how, call.Pos())
	}
	out := *v
	if !out.pos.IsValid() {
		out.pos, out.end = call.Pos(), call.End()
	}
	return &out
}

// instantiateText is instantiate for text: each hole is instantiated; what
// becomes text is spliced in.
func (f *fn) instantiateText(s str, call *ast.CallExpr) str {
	var out str
	for _, c := range s {
		if c.hole == nil {
			out = append(out, c)
			continue
		}
		v := f.instantiate(c.hole, call)
		if v == nil {
			v = unknown(whyParam, call)
		}
		if v.kind == vText {
			out = append(out, v.text...)
			continue
		}
		out = append(out, cell{pos: v.pos, end: v.end, hole: v})
	}
	return out
}

// summarySite is a call of a function whose summary says it builds a
// request: the caller's request, with the caller's arguments.
func (f *fn) summarySite(call *ast.CallExpr, sum *reqSummary) *site {
	s := &site{call: call, sum: sum, methodAt: call, urlExpr: call}
	m := f.instantiateText(sum.method, call)
	if t, ok := m.text(); ok {
		s.method, s.methodKnown = strings.ToUpper(t), true
	}
	s.urlStr = f.instantiateText(sum.url, call)
	s.hdrPre = f.instantiate(sum.hdr, call)
	s.bodySet = true
	if b := sum.body; b != nil {
		s.bodyPre = f.instantiate(b, call)
		if b.param > 0 {
			s.bodyExpr, s.bodyHow = argOf(call, f.calleeSig(call), b.param-1), b.how
		}
		if s.bodyPre != nil && b.param == 0 {
			s.bodyPre = unknown(b.why, call)
		}
	}
	if sum.returned {
		s.reqVar, s.def = f.assignedTo(call)
	}
	return s
}

// bodyFrom evaluates an expression that becomes a body in the given way.
func (f *fn) bodyFrom(e ast.Expr, how uint8, pos token.Pos) *val {
	switch how {
	case howJSON:
		return f.evalJSON(e)
	case howBytes:
		return f.evalBytes(e, pos)
	case howString:
		return jsonFromStr(f.evalStr(e), e)
	}
	return f.evalBody(e, pos)
}

// bodyRefOf finds the parameter a body expression is made from: a
// reference to it, read the way the body reads it.
func (f *fn) bodyRefOf(e ast.Expr, how uint8) (*val, bool) {
	if !f.enter() {
		return nil, false
	}
	defer f.leave()
	e = ast.Unparen(e)
	if i := f.paramIndex(e); i >= 0 {
		return paramRef(i, how, e), true
	}
	switch x := e.(type) {
	case *ast.Ident:
		if b, ok := f.lookup(x); ok && b.rhs != nil {
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
	return nil, false
}

// assignedBody reads a body variable declared empty and assigned under a
// condition (`var body io.Reader; if params != nil { body =
// bytes.NewReader(data) }`): every assignment must come from the same
// parameter.
func (f *fn) assignedBody(id *ast.Ident, how uint8) (*val, bool) {
	if f.locals == nil {
		return nil, false
	}
	obj, _ := f.info.Uses[id].(*types.Var)
	v := f.locals.vars[obj]
	if v == nil || v.decl == nil || v.decl.kind != evDef || v.decl.rhs != nil && !isNilIdent(f.info, ast.Unparen(v.decl.rhs)) {
		return nil, false
	}
	var out *val
	n := 0
	for _, e := range v.events {
		if e == v.decl || e.kind != evDef {
			continue
		}
		if e.rhs == nil || e.tuple > 0 {
			return nil, false
		}
		r, ok := f.bodyRefOf(e.rhs, how)
		if !ok || n > 0 && (r.param != out.param || r.how != out.how) {
			return nil, false
		}
		out, n = r, n+1
	}
	return out, n > 0
}

// encodedInto finds json.NewEncoder(v).Encode(p) or enc :=
// json.NewEncoder(v); enc.Encode(p) for a buffer variable v (assigned
// under a condition, as go-github's NewRequest does when body != nil).
func (f *fn) encodedInto(v *ast.Ident) (*val, bool) {
	obj := f.info.Uses[v]
	if obj == nil || f.locals == nil {
		return nil, false
	}
	isV := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		id, ok := e.(*ast.Ident)
		return ok && f.info.Uses[id] == obj
	}
	var found []*val
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
			return nil, false
		}
		found = append(found, r)
	}
	if len(found) != 1 {
		return nil, false
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
	s := &summary{ret: f.returnedString(obj), values: f.returnedValues(obj), edit: f.editorOf(obj)}
	// A caller can add to the request only what comes from parameters or
	// what it does with a returned request; a request the function sends
	// by itself still makes a call of it a request in this package (a
	// rate-limited list called in a loop).
	useful := false
	if len(f.all) == 1 {
		st := f.all[0]
		useful = st.returned || hasParam(st.urlSeen) || hasParam(st.methodSeen) || st.hdrSeen.hasParam() || st.bodyRef != nil && st.bodyRef.param > 0
		if useful || st.req != nil && stackOneRequest(st.req) {
			r := &reqSummary{method: st.methodSeen, url: st.urlSeen, hdr: st.hdrSeen, body: st.bodyRef, returned: st.returned, found: st.found, exported: useful}
			if r.found == nil {
				r.found = map[string]bool{}
			}
			s.req = r
		}
	}
	if s.ret == nil && s.req == nil && s.values == nil && s.edit == nil {
		return
	}
	if a.sums == nil {
		a.sums = map[*types.Func]*summary{}
	}
	a.sums[obj] = s
	if obj.Exported() && (useful || s.ret != nil || s.values != nil || s.edit != nil) {
		// Only exported functions can be called from other packages.
		a.pass.ExportObjectFact(obj, s.fact())
	}
}

// returnedString evaluates a function's string result: the join of its
// return statements, leaving out those that return a non-nil error. It is
// kept when it is known in part or refers to parameters.
func (f *fn) returnedString(obj *types.Func) *val {
	res := obj.Type().(*types.Signature).Results()
	if res.Len() == 0 || !isString(res.At(0).Type()) {
		return nil
	}
	errLast := res.Len() > 1 && types.Identical(res.At(res.Len()-1).Type(), types.Universe.Lookup("error").Type())
	var vs []*val
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
			vs = append(vs, textVal(f.evalStr(x.Results[0]), x.Results[0]))
		}
		return true
	})
	if !ok || len(vs) == 0 {
		return nil
	}
	out := join(vs, f.decl.Name)
	for _, c := range out.asText() {
		if c.hole == nil || c.hole.param > 0 || c.hole.late != nil || c.hole.kind == vObject {
			return out
		}
	}
	return nil
}

// returnedValues evaluates a function's url.Values result, when it has
// one return statement.
func (f *fn) returnedValues(obj *types.Func) *val {
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
	if q.kind != vObject || len(q.members) == 0 && !q.complete() {
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
