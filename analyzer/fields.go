package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"strings"
)

// Struct fields of this package whose every write the analyzer can see
// and which are only ever given one constant value (a client's BaseURL set
// in its constructor) are known. A field written with two different
// values, from a parameter, through a pointer or by a positional literal
// the analyzer cannot read, is unknown: it never picks one value.

type fieldWrite struct {
	expr ast.Expr // nil: a write the analyzer cannot see
	decl *ast.FuncDecl
}

type fieldIndex struct {
	writes map[*types.Var][]fieldWrite
	tags   map[token.Pos]*ast.Field // struct fields by the position of their name
	fns    map[*ast.FuncDecl]*fn
	busy   map[*types.Var]bool
}

func (a *pkgRun) fieldIdx() *fieldIndex {
	if a.fields != nil {
		return a.fields
	}
	x := &fieldIndex{writes: map[*types.Var][]fieldWrite{}, tags: map[token.Pos]*ast.Field{}, fns: map[*ast.FuncDecl]*fn{}, busy: map[*types.Var]bool{}}
	info := a.pass.TypesInfo
	fieldOf := func(id *ast.Ident) *types.Var {
		v, _ := info.Uses[id].(*types.Var)
		if v == nil || !v.IsField() || v.Pkg() != a.pass.Pkg {
			return nil
		}
		return v
	}
	for _, fi := range a.order {
		var decl *ast.FuncDecl
		ast.Inspect(fi.ast, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				decl = n
			case *ast.StructType:
				for _, fl := range n.Fields.List {
					for _, name := range fl.Names {
						x.tags[name.Pos()] = fl
					}
				}
			case *ast.CompositeLit:
				st, ok := deref(info.TypeOf(n)).Underlying().(*types.Struct)
				if !ok {
					return true
				}
				for i, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok {
							if v := fieldOf(id); v != nil {
								x.writes[v] = append(x.writes[v], fieldWrite{expr: kv.Value, decl: decl})
							}
						}
					} else if i < st.NumFields() && st.Field(i).Pkg() == a.pass.Pkg {
						x.writes[st.Field(i)] = append(x.writes[st.Field(i)], fieldWrite{expr: el, decl: decl})
					}
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
					if !ok {
						continue
					}
					if v := fieldOf(sel.Sel); v != nil {
						w := fieldWrite{decl: decl}
						if len(n.Lhs) == len(n.Rhs) && n.Tok == token.ASSIGN {
							w.expr = n.Rhs[i]
						}
						x.writes[v] = append(x.writes[v], w)
					}
				}
			case *ast.UnaryExpr:
				if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok && n.Op == token.AND {
					if v := fieldOf(sel.Sel); v != nil {
						x.writes[v] = append(x.writes[v], fieldWrite{decl: decl})
					}
				}
			case *ast.IncDecStmt:
				if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok {
					if v := fieldOf(sel.Sel); v != nil {
						x.writes[v] = append(x.writes[v], fieldWrite{decl: decl})
					}
				}
			}
			return true
		})
	}
	a.fields = x
	return x
}

func deref(t types.Type) types.Type {
	if t == nil {
		return types.Typ[types.Invalid]
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// evaluator returns an evaluator for an expression written in decl.
func (x *fieldIndex) evaluator(a *pkgRun, decl *ast.FuncDecl, depth int) *fn {
	if decl == nil || decl.Body == nil {
		return &fn{a: a, info: a.pass.TypesInfo, depth: depth}
	}
	f := x.fns[decl]
	if f == nil {
		f = &fn{a: a, decl: decl, info: a.pass.TypesInfo, locals: indexLocals(a.pass.TypesInfo, decl.Body)}
		x.fns[decl] = f
	}
	f.depth = depth
	return f
}

// fieldWrites returns the writes of the field a selector reads, when the
// field is this package's and every write has a value.
func (f *fn) fieldWrites(sel *ast.SelectorExpr) (*types.Var, []fieldWrite, bool) {
	if f.a == nil {
		return nil, nil, false
	}
	v, _ := f.info.Uses[sel.Sel].(*types.Var)
	if v == nil || !v.IsField() || v.Pkg() != f.a.pass.Pkg {
		return nil, nil, false
	}
	x := f.a.fieldIdx()
	ws := x.writes[v]
	if len(ws) == 0 || x.busy[v] {
		return nil, nil, false
	}
	for _, w := range ws {
		if w.expr == nil {
			return nil, nil, false
		}
	}
	return v, ws, true
}

// fieldValue joins the values every write gives a field of this package,
// each evaluated where it was written: the field is known when they agree
// and are known (a constant set in a constructor). The same join as a
// local variable's writes.
func (f *fn) fieldValue(sel *ast.SelectorExpr, is func(types.Type) bool, eval func(g *fn, e ast.Expr) *val) (*val, bool) {
	v, ws, ok := f.fieldWrites(sel)
	if !ok || !is(v.Type()) {
		return nil, false
	}
	x := f.a.fieldIdx()
	x.busy[v] = true
	defer delete(x.busy, v)
	vs := make([]*val, len(ws))
	for i, w := range ws {
		vs[i] = eval(x.evaluator(f.a, w.decl, f.depth+1), w.expr)
	}
	out := join(vs, sel)
	if _, known := out.asText().text(); !known {
		return nil, false // a field given a parameter: unknown here
	}
	return out, true
}

// fieldString is a string field given one known value everywhere.
func (f *fn) fieldString(sel *ast.SelectorExpr) (str, bool) {
	v, ok := f.fieldValue(sel, isString, func(g *fn, e ast.Expr) *val { return textVal(g.evalStr(e), e) })
	if !ok {
		return nil, false
	}
	return v.text, true
}

// fieldURL is a url.URL or *url.URL field given one known value
// everywhere.
func (f *fn) fieldURL(sel *ast.SelectorExpr) (*urlVal, bool) {
	var u *urlVal
	_, ok := f.fieldValue(sel, func(t types.Type) bool { return isNamed(t, "net/url", "URL") }, func(g *fn, e ast.Expr) *val {
		w := g.evalURL(e)
		if u == nil {
			u = w
		}
		return textVal(w.render(), e)
	})
	if !ok {
		return nil, false
	}
	return u, true
}

// altString reads the one reassignment oapi-codegen makes of a request
// path, `if p[0] == '/' { p = "." + p }`: when the first byte is known the
// condition is decided, so the variable has one value, not two.
func (f *fn) altString(id *ast.Ident) (str, bool) {
	if f.locals == nil {
		return nil, false
	}
	obj, _ := f.info.Uses[id].(*types.Var)
	v := f.locals.vars[obj]
	if v == nil || v.decl == nil || v.decl.kind != evDef || v.decl.rhs == nil || v.decl.tuple > 0 {
		return nil, false
	}
	var second *event
	for _, e := range v.events {
		switch {
		case e == v.decl:
		case e.kind == evDef:
			if second != nil {
				return nil, false
			}
			second = e
		case e.kind == evOpAssign || e.kind == evOpaque || e.kind == evAddr || e.kind == evField || e.kind == evIndex:
			return nil, false
		}
	}
	if second == nil || second.pos > id.Pos() || second.tuple > 0 {
		return nil, false
	}
	add, ok := ast.Unparen(second.rhs).(*ast.BinaryExpr)
	if !ok || add.Op != token.ADD {
		return nil, false
	}
	if y, ok := ast.Unparen(add.Y).(*ast.Ident); !ok || f.info.Uses[y] != obj {
		return nil, false
	}
	// The reassignment must be the whole body of `if v[0] == 'c'`.
	var cond *ast.IfStmt
	ast.Inspect(f.decl.Body, func(n ast.Node) bool {
		if is, ok := n.(*ast.IfStmt); ok && len(is.Body.List) == 1 && is.Else == nil && is.Init == nil {
			if as, ok := is.Body.List[0].(*ast.AssignStmt); ok && len(as.Rhs) == 1 && as.Rhs[0] == second.rhs {
				cond = is
			}
		}
		return cond == nil
	})
	if cond == nil {
		return nil, false
	}
	eq, ok := ast.Unparen(cond.Cond).(*ast.BinaryExpr)
	if !ok || eq.Op != token.EQL {
		return nil, false
	}
	ix, ok := ast.Unparen(eq.X).(*ast.IndexExpr)
	if !ok {
		return nil, false
	}
	if x, ok := ast.Unparen(ix.X).(*ast.Ident); !ok || f.info.Uses[x] != obj {
		return nil, false
	}
	if tv := f.info.Types[ix.Index]; tv.Value == nil || tv.Value.ExactString() != "0" {
		return nil, false
	}
	tv := f.info.Types[eq.Y]
	if tv.Value == nil {
		return nil, false
	}
	want, _ := strconv.Atoi(tv.Value.ExactString())
	first := f.evalStr(v.decl.rhs)
	if len(first) == 0 || first[0].hole != nil {
		return nil, false
	}
	if int(first[0].b) != want {
		return first, true
	}
	return append(append(str{}, f.evalStr(add.X)...), first...), true
}

// paramType is the type of the function's parameter i.
func (f *fn) paramType(i int) types.Type {
	fo, _ := f.info.Defs[f.decl.Name].(*types.Func)
	if fo == nil {
		return nil
	}
	ps := fo.Type().(*types.Signature).Params()
	if i >= ps.Len() {
		return nil
	}
	return ps.At(i).Type()
}

// typeJSON gives an unknown value of a struct type the keys its type
// declares (values unknown, for the value's reason): a misspelt tag is a
// misspelt key whatever the values. Anything else stays as it was.
func (f *fn) typeJSON(t types.Type, v *val) *val {
	et := deref(t)
	st, ok := et.Underlying().(*types.Struct)
	if !ok || marshals(t) || marshals(et) || v.known() {
		return v
	}
	obj := &val{kind: vObject, pos: v.pos, end: v.end}
	var fields []jsonField
	f.collectFields(st, nil, &posNode{v.pos, v.end}, 0, v.why, &fields)
	obj.members = resolveFields(fields)
	return obj
}

// posNode is an ast.Node for a source range.
type posNode struct{ pos, end token.Pos }

func (n *posNode) Pos() token.Pos { return n.pos }
func (n *posNode) End() token.Pos { return n.end }

// tagSpan is the range of a field's JSON name inside its tag, when the
// field is declared in this package.
func (f *fn) tagSpan(fld *types.Var, key string) (token.Pos, token.Pos, bool) {
	return f.tagSpanOf(fld, "json", key)
}

// queryStruct evaluates the url.Values that go-querystring's
// query.Values makes of a struct: fields by their `url` tags, omitempty
// dropping zero constants. A parameter is a reference for the caller; a
// value of a struct type the analyzer cannot see gives its keys only.
func (f *fn) queryStruct(e ast.Expr) *val {
	e = ast.Unparen(e)
	if isNilIdent(f.info, e) {
		return object(e)
	}
	if i := f.paramIndex(e); i >= 0 {
		return paramRef(i, howQuery, e)
	}
	if id, ok := e.(*ast.Ident); ok {
		if b, ok := f.lookup(id); ok && b.rhs != nil && len(b.updates) == 0 {
			if _, call := ast.Unparen(b.rhs).(*ast.CallExpr); !call {
				return f.queryStruct(b.rhs) // a call's result: its type gives the keys
			}
		}
	}
	t := f.typeOf(e)
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok {
		return openObject(f.whyOf(e), e)
	}
	lit, isLit := compositeOf(e)
	var vals map[int]fieldVal
	if isLit {
		if vals, ok = literalFields(lit, st); !ok {
			return openObject(whyUnsupported, e)
		}
	}
	q := object(e)
	if !isLit {
		q.why = f.whyOf(e)
	}
	for i := 0; i < st.NumFields(); i++ {
		fld := st.Field(i)
		if !fld.Exported() || fld.Embedded() {
			if fld.Embedded() {
				q.open(whyUnsupported)
			}
			continue
		}
		tag := reflect.StructTag(st.Tag(i)).Get("url")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = fld.Name()
		}
		ks, ke := e.Pos(), e.End()
		if p, end, ok := f.tagSpanOf(fld, "url", name); ok {
			ks, ke = p, end
		}
		fv, set := vals[i]
		var v *val
		switch {
		case !isLit:
			v = unknown(q.why, e)
		case set:
			if tv := f.info.Types[fv.val]; tv.Value != nil && hasOpt(opts, "omitempty") && isZeroConst(tv.Value.ExactString()) {
				continue
			}
			if isString(fld.Type()) {
				v = textVal(f.evalStr(fv.val), e)
			} else {
				v = textVal(f.formatArg(fv.val, 'v'), e)
			}
			if fv.key != nil {
				ks, ke = fv.key.Pos(), fv.key.End()
			}
		default:
			if hasOpt(opts, "omitempty") {
				continue
			}
			v = textVal(inexact(zeroQuery(fld.Type()), lit), e)
		}
		q.members = append(q.members, member{key: name, kpos: ks, kend: ke, v: v})
	}
	return q
}

func isZeroConst(s string) bool { return s == `""` || s == "0" || s == "false" }

func zeroQuery(t types.Type) string {
	if b, ok := t.Underlying().(*types.Basic); ok {
		switch {
		case b.Info()&types.IsNumeric != 0:
			return "0"
		case b.Info()&types.IsBoolean != 0:
			return "false"
		}
	}
	return ""
}

// tagSpanOf is tagSpan for any tag key.
func (f *fn) tagSpanOf(fld *types.Var, key, name string) (token.Pos, token.Pos, bool) {
	if f == nil || f.a == nil || fld.Pkg() != f.a.pass.Pkg {
		return token.NoPos, token.NoPos, false
	}
	af := f.a.fieldIdx().tags[fld.Pos()]
	if af == nil || af.Tag == nil || af.Tag.Value[0] != '`' {
		return token.NoPos, token.NoPos, false
	}
	raw := af.Tag.Value
	i := strings.Index(raw, key+`:"`)
	if i < 0 {
		return token.NoPos, token.NoPos, false
	}
	start := af.Tag.Pos() + token.Pos(i+len(key)+2)
	return start, start + token.Pos(len(name)), true
}
