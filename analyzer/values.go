package analyzer

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/atslint/atslint/request"
)

// values is an evaluated url.Values or http.Header: the entries the
// analyzer saw, in order, and whether it saw them all.
type values struct {
	entries  []entry
	complete bool
	// param, when not 0, says the values are the query encoding of the
	// function's parameter param-1 (go-querystring): the caller's argument
	// gives them.
	param int
}

func (q *values) hasParam() bool {
	if q.param > 0 {
		return true
	}
	for _, e := range q.entries {
		if hasParam(e.val) {
			return true
		}
	}
	return false
}

type entry struct {
	key      string
	keyStart token.Pos
	keyEnd   token.Pos
	val      str
	at       ast.Node // the value expression
	// cond: set under a condition. A caller's argument may decide the
	// condition (if v != ""), so its value is not the caller's to judge.
	cond bool
}

func incomplete() *values { return &values{complete: false} }

// params converts url.Values entries into query parameters.
func (q *values) params() []request.Param {
	var out []request.Param
	for _, e := range q.entries {
		name, key := request.SplitParamName(e.key)
		out = append(out, request.Param{Name: name, Key: key, KeySpan: span(e.keyStart, e.keyEnd), Value: e.value("/url"), Pointer: "/url"})
	}
	return out
}

// value is the entry's value as a JSON string, or unknown.
func (e entry) value(ptr string) *request.Value {
	v := &request.Value{Kind: request.Unknown, Pointer: ptr}
	if len(e.val) > 0 {
		v.Span = span(e.val.span(0, len(e.val)))
	} else if e.at != nil {
		v.Span = span(e.at.Pos(), e.at.End())
	}
	if t, ok := e.val.text(); ok {
		v.Kind, v.Str = request.String, t
	}
	return v
}

// set applies Set/Add/Del. Header names compare case-insensitively.
func (q *values) set(op string, key string, ks, ke token.Pos, val str, at ast.Node, replace, header bool) {
	same := func(a, b string) bool {
		if header {
			return strings.EqualFold(a, b)
		}
		return a == b
	}
	if (op == "Set" || op == "Del") && replace {
		kept := q.entries[:0]
		for _, e := range q.entries {
			if !same(e.key, key) {
				kept = append(kept, e)
			}
		}
		q.entries = kept
	}
	if op != "Del" {
		q.entries = append(q.entries, entry{key: key, keyStart: ks, keyEnd: ke, val: val, at: at, cond: !replace})
	}
}

func (q *values) clone() *values {
	return &values{entries: append([]entry(nil), q.entries...), complete: q.complete, param: q.param}
}

// evalValues evaluates a url.Values (header false) expression read at pos.
func (f *fn) evalValues(e ast.Expr, pos token.Pos) *values {
	return f.evalMap(e, pos, false)
}

// evalHeader evaluates an http.Header expression read at pos.
func (f *fn) evalHeader(e ast.Expr, pos token.Pos) *values {
	return f.evalMap(e, pos, true)
}

func (f *fn) evalMap(e ast.Expr, pos token.Pos, header bool) *values {
	if f.enter() {
		defer f.leave()
	} else {
		return incomplete()
	}
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.CompositeLit:
		return f.mapLiteral(x)
	case *ast.CallExpr:
		if isBuiltin(f.info, x, "make") {
			return &values{complete: true}
		}
		fnObj := f.callee(x)
		if fnObj == nil {
			break
		}
		switch fullName(fnObj) {
		case "(*net/url.URL).Query":
			u := f.evalURL(receiver(x))
			return queryValues(u.query)
		case "net/url.ParseQuery":
			return queryValues(f.evalStr(x.Args[0]))
		case querystringValues:
			if len(x.Args) == 1 {
				return f.queryStruct(x.Args[0])
			}
		}
		if sum := f.a.summaryOf(fnObj); sum != nil && sum.values != nil {
			return f.instantiateValues(sum.values, x, f.calleeSig(x))
		}
	case *ast.Ident:
		if b, ok := f.lookup(x); ok {
			return f.mapBinding(b, header)
		}
	}
	return incomplete()
}

// mapLiteral reads url.Values{"k": {"v"}} and http.Header{"K": []string{"v"}}.
func (f *fn) mapLiteral(lit *ast.CompositeLit) *values {
	q := &values{complete: true}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return incomplete()
		}
		k := f.evalStr(kv.Key)
		key, ok := k.text()
		if !ok {
			q.complete = false
			continue
		}
		ks, ke := k.span(0, len(k))
		vals, ok := ast.Unparen(kv.Value).(*ast.CompositeLit)
		if !ok {
			q.entries = append(q.entries, entry{key: key, keyStart: ks, keyEnd: ke, val: unknownStr(unknownAny, kv.Value), at: kv.Value})
			q.complete = false
			continue
		}
		for _, v := range vals.Elts {
			q.entries = append(q.entries, entry{key: key, keyStart: ks, keyEnd: ke, val: f.evalStr(v), at: v})
		}
	}
	return q
}

// queryValues parses an evaluated raw query into url.Values entries.
func queryValues(s str) *values {
	r := &request.Request{}
	setQuery(r, s)
	q := &values{complete: r.QueryComplete || len(s) == 0}
	if len(s) == 0 {
		q.complete = true
	}
	for _, p := range r.Query {
		e := entry{key: p.FullName()}
		e.keyStart, e.keyEnd = spanPos(p.KeySpan)
		if p.Value.Kind == request.String {
			pos, end := spanPos(p.Value.Span)
			e.val = make(str, len(p.Value.Str))
			for i := range e.val {
				e.val[i] = cell{kind: known, b: p.Value.Str[i], pos: pos, end: end}
			}
		} else {
			pos, end := spanPos(p.Value.Span)
			e.val = str{{kind: unknownAny, pos: pos, end: end}}
		}
		q.entries = append(q.entries, e)
	}
	return q
}

// mapBinding applies Set, Add, Del, index writes and delete() to a local
// url.Values or http.Header. A call the analyzer does not know may add
// anything: the entries seen so far stay, but the list is incomplete.
func (f *fn) mapBinding(b *binding, header bool) *values {
	if b.tuple > 0 {
		return incomplete()
	}
	var q *values
	if b.rhs == nil {
		q = &values{complete: true} // var q url.Values: nil, but Set would panic; treat as empty
	} else {
		q = f.evalMap(b.rhs, b.v.decl.pos, header).clone()
	}
	for _, e := range b.updates {
		f.applyMapUpdate(q, e, header)
	}
	return q
}

// applyMapUpdate applies one update event (x.Set(k, v), x[k] = vs,
// delete(x, k), x passed elsewhere) to a url.Values or http.Header.
func (f *fn) applyMapUpdate(q *values, e *event, header bool) {
	replace := f.locals.unconditional(e)
	switch e.kind {
	case evCall:
		if len(e.path) > 0 {
			return // x.f.M(): not a map method
		}
		switch e.name {
		case "Set", "Add", "Del":
			if len(e.call.Args) == 0 {
				q.complete = false
				return
			}
			k := f.evalStr(e.call.Args[0])
			key, ok := k.text()
			if !ok {
				if e.name != "Del" {
					q.complete = false
				}
				return
			}
			ks, ke := k.span(0, len(k))
			var v str
			var at ast.Node
			if e.name != "Del" && len(e.call.Args) > 1 {
				v, at = f.evalStr(e.call.Args[1]), e.call.Args[1]
			}
			q.set(e.name, key, ks, ke, v, at, replace, header)
		case "Get", "Has", "Encode", "Values", "Clone", "Write", "WriteSubset":
		default:
			q.complete = false
		}
	case evIndex:
		k := f.evalStr(e.key)
		key, ok := k.text()
		if !ok {
			q.complete = false
			return
		}
		ks, ke := k.span(0, len(k))
		lit, ok := ast.Unparen(e.rhs).(*ast.CompositeLit)
		if !ok {
			q.set("Set", key, ks, ke, unknownStr(unknownAny, e.rhs), e.rhs, replace, header)
			q.complete = false
			return
		}
		q.set("Del", key, ks, ke, nil, nil, replace, header)
		for _, v := range lit.Elts {
			q.set("Add", key, ks, ke, f.evalStr(v), v, replace, header)
		}
	case evArg:
		if isBuiltin(f.info, e.call, "delete") && len(e.call.Args) == 2 {
			k := f.evalStr(e.call.Args[1])
			if key, ok := k.text(); ok {
				ks, ke := k.span(0, len(k))
				q.set("Del", key, ks, ke, nil, nil, replace, header)
			}
			return
		}
		if !f.benignUse(e) {
			q.complete = false
		}
	default:
		if !f.benignUse(e) {
			q.complete = false
		}
	}
}
