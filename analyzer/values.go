package analyzer

import (
	"go/ast"
	"go/token"
)

// A url.Values or http.Header is an object of the value domain: its
// members in order (a key may repeat), each a text value, and why members
// the analyzer did not see may exist.

// evalValues evaluates a url.Values (header false) expression read at pos.
func (f *fn) evalValues(e ast.Expr, pos token.Pos) *val {
	return f.evalMap(e, pos, false)
}

// evalHeader evaluates an http.Header expression read at pos.
func (f *fn) evalHeader(e ast.Expr, pos token.Pos) *val {
	return f.evalMap(e, pos, true)
}

func (f *fn) evalMap(e ast.Expr, pos token.Pos, header bool) *val {
	if f.enter() {
		defer f.leave()
	} else {
		return openObject(whyDepth, e)
	}
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.CompositeLit:
		return f.mapLiteral(x)
	case *ast.CallExpr:
		if isBuiltin(f.info, x, "make") {
			return object(x)
		}
		fnObj := f.callee(x)
		if fnObj == nil {
			break
		}
		switch fullName(fnObj) {
		case "(*net/url.URL).Query":
			u := f.evalURL(receiver(x))
			return queryValues(u.query, x)
		case "net/url.ParseQuery":
			return queryValues(f.evalStr(x.Args[0]), x)
		case querystringValues:
			if len(x.Args) == 1 {
				return f.queryStruct(x.Args[0])
			}
		}
		if sum := f.a.summaryOf(fnObj); sum != nil && sum.values != nil {
			return f.instantiate(sum.values, x)
		}
		return openObject(whyCall, x)
	case *ast.Ident:
		if b, ok := f.lookupAll(x); ok {
			if b.alts != nil {
				return joinWrites(b, x, func(e ast.Expr) *val { return f.evalMap(e, pos, header) })
			}
			return f.mapBinding(b, x, header)
		}
	}
	return openObject(f.whyOf(e), e)
}

// mapLiteral reads url.Values{"k": {"v"}} and http.Header{"K": []string{"v"}}.
func (f *fn) mapLiteral(lit *ast.CompositeLit) *val {
	q := object(lit)
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return openObject(whyUnsupported, lit)
		}
		k := f.evalStr(kv.Key)
		key, ok := k.text()
		if !ok {
			q.open(f.whyOf(kv.Key))
			continue
		}
		ks, ke := k.span(0, len(k))
		vals, ok := ast.Unparen(kv.Value).(*ast.CompositeLit)
		if !ok {
			q.members = append(q.members, member{key: key, kpos: ks, kend: ke, v: unknown(f.whyOf(kv.Value), kv.Value)})
			q.open(f.whyOf(kv.Value))
			continue
		}
		for _, v := range vals.Elts {
			q.members = append(q.members, member{key: key, kpos: ks, kend: ke, v: textVal(f.evalStr(v), v)})
		}
	}
	return q
}

// queryValues parses an evaluated raw query into an object.
func queryValues(s str, at ast.Node) *val {
	q := object(at)
	q.members, q.why = splitQuery(s)
	return q
}

// mapBinding applies Set, Add, Del, index writes and delete() to a local
// url.Values or http.Header. A call the analyzer does not know may add
// anything: the members seen so far stay, but the object is open.
func (f *fn) mapBinding(b *binding, use ast.Expr, header bool) *val {
	var q *val
	if b.rhs == nil {
		q = object(use) // var q url.Values: nil, but Set would panic; treat as empty
	} else {
		q = f.evalMap(b.rhs, b.v.decl.pos, header).clone()
	}
	if q.kind != vObject {
		return q // a parameter reference (go-querystring)
	}
	for _, e := range b.updates {
		f.applyMapUpdate(q, e, header)
	}
	return q
}

// applyMapUpdate applies one update event (x.Set(k, v), x[k] = vs,
// delete(x, k), x passed elsewhere) to a url.Values or http.Header.
func (f *fn) applyMapUpdate(q *val, e *event, header bool) {
	replace := f.locals.unconditional(e)
	switch e.kind {
	case evCall:
		if len(e.path) > 0 {
			return // x.f.M(): not a map method
		}
		switch e.name {
		case "Set", "Add", "Del":
			if len(e.call.Args) == 0 {
				q.open(whyUnsupported)
				return
			}
			k := f.evalStr(e.call.Args[0])
			key, ok := k.text()
			if !ok {
				if e.name != "Del" {
					q.open(f.whyOf(e.call.Args[0]))
				}
				return
			}
			ks, ke := k.span(0, len(k))
			var v *val
			if e.name != "Del" && len(e.call.Args) > 1 {
				v = textVal(f.evalStr(e.call.Args[1]), e.call.Args[1])
			}
			q.set(e.name, key, ks, ke, v, replace, header)
		case "Get", "Has", "Encode", "Values", "Clone", "Write", "WriteSubset":
		default:
			q.open(whyEscaped)
		}
	case evIndex:
		k := f.evalStr(e.key)
		key, ok := k.text()
		if !ok {
			q.open(f.whyOf(e.key))
			return
		}
		ks, ke := k.span(0, len(k))
		lit, ok := ast.Unparen(e.rhs).(*ast.CompositeLit)
		if !ok {
			q.set("Set", key, ks, ke, unknown(f.whyOf(e.rhs), e.rhs), replace, header)
			q.open(f.whyOf(e.rhs))
			return
		}
		q.set("Del", key, ks, ke, nil, replace, header)
		for _, v := range lit.Elts {
			q.set("Add", key, ks, ke, textVal(f.evalStr(v), v), replace, header)
		}
	case evArg:
		if isBuiltin(f.info, e.call, "delete") && len(e.call.Args) == 2 {
			k := f.evalStr(e.call.Args[1])
			if key, ok := k.text(); ok {
				ks, ke := k.span(0, len(k))
				q.set("Del", key, ks, ke, nil, replace, header)
			}
			return
		}
		if !f.benignUse(e) {
			q.open(whyEscaped)
		}
	default:
		if !f.benignUse(e) {
			q.open(whyEscaped)
		}
	}
}
