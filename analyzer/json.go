package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// This file encodes Go values as encoding/json does: struct fields by their
// json tags (omitempty, omitzero, ",string", "-"), embedded structs'
// fields promoted by Go's rules for duplicate names, maps, slices, arrays,
// pointers and zero values. Types that encode themselves (MarshalJSON,
// MarshalText) are unknown.

// evalJSON evaluates a Go expression as encoding/json would encode it.
func (f *fn) evalJSON(e ast.Expr) *val {
	if f.enter() {
		defer f.leave()
	} else {
		return unknown(whyDepth, e)
	}
	e = ast.Unparen(e)
	t := f.typeOf(e)
	if _, tuple := t.(*types.Tuple); t == nil || tuple {
		return unknown(whyCall, e) // the results of a call, read from its first
	}
	if isNilIdent(f.info, e) {
		return &val{kind: vNull, pos: e.Pos(), end: e.End()}
	}
	if marshals(t) {
		return f.rawJSON(e, t)
	}
	if i := f.paramIndex(e); i >= 0 {
		return f.typeJSON(t, paramRef(i, howJSON, e))
	}
	if tv := f.info.Types[e]; tv.Value != nil {
		return scalar(tv.Value, t, e)
	}
	switch x := e.(type) {
	case *ast.CompositeLit:
		return f.compositeJSON(x, t)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return f.evalJSON(x.X)
		}
	case *ast.Ident:
		if b, ok := f.lookupAll(x); ok {
			if b.alts != nil {
				return joinWrites(b, x, f.evalJSON)
			}
			return f.jsonBinding(b, x)
		}
	case *ast.CallExpr:
		if tv, ok := f.info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			v := f.evalJSON(x.Args[0]) // a conversion keeps the value
			return v
		}
		if arg := f.identityHelper(x); arg != nil {
			return f.evalJSON(arg)
		}
	}
	return f.typeJSON(t, unknown(f.whyOf(e), e))
}

// rawJSON handles types with their own encoding: json.RawMessage of a
// known JSON string is that JSON; anything else is unknown.
func (f *fn) rawJSON(e ast.Expr, t types.Type) *val {
	if isNamed(t, "encoding/json", "RawMessage") {
		if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
			if tv, ok := f.info.Types[call.Fun]; ok && tv.IsType() {
				return jsonFromStr(f.evalStr(call.Args[0]), call.Args[0])
			}
		}
	}
	return unknown(whyEncoder, e)
}

// scalar encodes a constant of type t.
func scalar(v constant.Value, t types.Type, at ast.Node) *val {
	out := &val{pos: at.Pos(), end: at.End()}
	switch v.Kind() {
	case constant.String:
		out.kind, out.text = vText, inexact(constant.StringVal(v), at)
	case constant.Bool:
		out.kind, out.lit = vBool, strconv.FormatBool(constant.BoolVal(v))
	case constant.Int:
		out.kind, out.lit = vNumber, v.ExactString()
		if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsFloat != 0 {
			f, _ := constant.Float64Val(v)
			out.lit = formatFloat(f)
		}
	case constant.Float:
		f, _ := constant.Float64Val(v)
		out.kind, out.lit = vNumber, formatFloat(f)
	default:
		out.why = whyUnsupported
	}
	return out
}

// formatFloat formats a float64 as encoding/json does.
func formatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "0"
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.FormatFloat(f, format, -1, 64)
}

func (f *fn) compositeJSON(lit *ast.CompositeLit, t types.Type) *val {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		vals, ok := literalFields(lit, u)
		if !ok {
			return unknown(whyUnsupported, lit)
		}
		obj := object(lit)
		obj.members = f.structMembers(u, vals, lit)
		return obj
	case *types.Map:
		return f.mapJSON(lit, u)
	case *types.Slice, *types.Array:
		if isByteSlice(t) {
			return unknown(whyUnsupported, lit)
		}
		arr := &val{kind: vArray, pos: lit.Pos(), end: lit.End()}
		for _, el := range lit.Elts {
			if _, keyed := el.(*ast.KeyValueExpr); keyed {
				return unknown(whyUnsupported, lit)
			}
			arr.elems = append(arr.elems, f.evalJSON(el))
		}
		if a, ok := u.(*types.Array); ok {
			for i := int64(len(lit.Elts)); i < a.Len() && i < 1000; i++ {
				arr.elems = append(arr.elems, zeroJSON(a.Elem(), lit, 0))
			}
		}
		return arr
	}
	return unknown(whyUnsupported, lit)
}

// fieldVal is the expression a struct literal gives a field, and the key
// that names it (nil for positional literals).
type fieldVal struct {
	key ast.Node
	val ast.Expr
}

// literalFields maps field indexes to the literal's expressions.
func literalFields(lit *ast.CompositeLit, st *types.Struct) (map[int]fieldVal, bool) {
	vals := map[int]fieldVal{}
	for i, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				return nil, false
			}
			idx := -1
			for j := 0; j < st.NumFields(); j++ {
				if st.Field(j).Name() == id.Name {
					idx = j
				}
			}
			if idx < 0 {
				return nil, false
			}
			vals[idx] = fieldVal{key: kv.Key, val: kv.Value}
			continue
		}
		if i >= st.NumFields() {
			return nil, false
		}
		vals[i] = fieldVal{val: el}
	}
	return vals, true
}

// jsonField is a candidate member before Go's rules for duplicate names
// (shallowest wins; at equal depth a tagged field wins; else none) apply.
type jsonField struct {
	name   string
	depth  int
	tagged bool
	m      *member
}

// structMembers encodes a struct's exported fields in declaration order,
// embedded structs' fields promoted in place.
func (f *fn) structMembers(st *types.Struct, vals map[int]fieldVal, lit ast.Node) []member {
	var fields []jsonField
	f.collectFields(st, vals, lit, 0, whyNone, &fields)
	return resolveFields(fields)
}

// collectFields appends the members a struct contributes. why, when not
// whyNone, marks the fields of a struct whose value the analyzer cannot
// see: their names are known from the type, their values are not.
func (f *fn) collectFields(st *types.Struct, vals map[int]fieldVal, lit ast.Node, depth int, why reason, out *[]jsonField) {
	if depth > 10 {
		return
	}
	for i := 0; i < st.NumFields(); i++ {
		fld := st.Field(i)
		name, opts := jsonTag(st.Tag(i))
		if name == "-" && opts == "" {
			continue
		}
		fv, set := vals[i]
		if fld.Embedded() && name == "" {
			ft := fld.Type()
			_, isPtr := ft.Underlying().(*types.Pointer)
			if isPtr {
				ft = ft.Underlying().(*types.Pointer).Elem()
			}
			if sub, ok := ft.Underlying().(*types.Struct); ok && !marshals(ft) {
				switch {
				case why != whyNone:
					f.collectFields(sub, nil, lit, depth+1, why, out)
				case set:
					inner, ok := compositeOf(fv.val)
					if !ok {
						if isNilIdent(f.info, ast.Unparen(fv.val)) {
							continue
						}
						f.collectFields(sub, nil, fv.val, depth+1, f.whyOf(fv.val), out)
						continue
					}
					subVals, ok := literalFields(inner, sub)
					if !ok {
						f.collectFields(sub, nil, inner, depth+1, whyUnsupported, out)
						continue
					}
					f.collectFields(sub, subVals, inner, depth+1, whyNone, out)
				case !isPtr:
					f.collectFields(sub, nil, lit, depth+1, whyNone, out)
				}
				continue
			}
			if !fld.Exported() {
				continue
			}
		} else if !fld.Exported() {
			continue
		}
		key := name
		if key == "" {
			key = fld.Name()
		}
		m := &member{key: key}
		switch {
		case why != whyNone:
			m.v, m.kpos, m.kend = unknown(why, lit), lit.Pos(), lit.End()
			if p, e, ok := f.tagSpan(fld, key); ok && name != "" {
				m.kpos, m.kend = p, e // a key the type spells: at its tag
			}
		case set:
			m.v = f.evalJSON(fv.val)
			at := ast.Node(fv.val)
			if fv.key != nil {
				at = fv.key
			}
			m.kpos, m.kend = at.Pos(), at.End()
		default:
			m.v, m.kpos, m.kend = zeroJSON(fld.Type(), lit, 0), lit.Pos(), lit.End()
		}
		if omitted(m.v, fld.Type(), opts, set) {
			continue
		}
		if hasOpt(opts, "string") {
			quoteScalar(m.v)
		}
		*out = append(*out, jsonField{name: key, depth: depth, tagged: name != "", m: m})
	}
}

func resolveFields(fields []jsonField) []member {
	var out []member
	for i, fl := range fields {
		win := true
		for j, o := range fields {
			if i == j || o.name != fl.name {
				continue
			}
			if o.depth < fl.depth || o.depth == fl.depth && (o.tagged && !fl.tagged || o.tagged == fl.tagged) {
				win = false
			}
		}
		if win {
			out = append(out, *fl.m)
		}
	}
	return out
}

// compositeOf unwraps &T{...} and T{...}.
func compositeOf(e ast.Expr) (*ast.CompositeLit, bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	return lit, ok
}

// jsonTag splits a struct tag's json key into name and options.
func jsonTag(tag string) (name, opts string) {
	t := reflect.StructTag(tag).Get("json")
	name, opts, _ = strings.Cut(t, ",")
	return name, opts
}

func hasOpt(opts, o string) bool {
	for _, x := range strings.Split(opts, ",") {
		if x == o {
			return true
		}
	}
	return false
}

// omitted reports whether omitempty or omitzero drop a field's value. An
// unknown value is kept: it may or may not be there, and rules do not
// report on it either way.
func omitted(v *val, t types.Type, opts string, set bool) bool {
	if hasOpt(opts, "omitzero") && !set {
		return true
	}
	if !hasOpt(opts, "omitempty") && !hasOpt(opts, "omitzero") {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		return v.kind == vNull
	case *types.Struct:
		return false
	}
	switch v.kind {
	case vNull:
		return true
	case vText:
		return len(v.text) == 0
	case vBool:
		return v.lit != "true"
	case vNumber:
		n, err := strconv.ParseFloat(v.lit, 64)
		return err == nil && n == 0
	case vArray:
		return len(v.elems) == 0
	case vObject:
		_, isMap := t.Underlying().(*types.Map)
		return isMap && len(v.members) == 0
	}
	return false
}

// quoteScalar applies the ",string" option: numbers and booleans are
// encoded as JSON strings.
func quoteScalar(v *val) {
	switch v.kind {
	case vNumber, vBool:
		v.kind, v.text = vText, inexactAt(v.lit, v.pos, v.end)
	}
}

// zeroJSON is the encoding of t's zero value, positioned at the literal
// that left the field out.
func zeroJSON(t types.Type, at ast.Node, depth int) *val {
	v := &val{pos: at.Pos(), end: at.End()}
	if marshals(t) || depth > 10 {
		v.why = whyEncoder
		return v
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsString != 0:
			v.kind = vText
		case u.Info()&types.IsBoolean != 0:
			v.kind, v.lit = vBool, "false"
		case u.Info()&types.IsNumeric != 0:
			v.kind, v.lit = vNumber, "0"
		default:
			v.why = whyUnsupported
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Interface, *types.Signature, *types.Chan:
		v.kind = vNull
	case *types.Struct:
		v.kind = vObject
		var fields []jsonField
		zeroFields(u, at, depth+1, &fields)
		v.members = resolveFields(fields)
	case *types.Array:
		v.kind = vArray
		for i := int64(0); i < u.Len() && i < 1000; i++ {
			v.elems = append(v.elems, zeroJSON(u.Elem(), at, depth+1))
		}
	default:
		v.why = whyUnsupported
	}
	return v
}

// zeroFields is collectFields for a zero struct: no field has an
// expression, so no evaluator (and no function context) is needed.
func zeroFields(st *types.Struct, at ast.Node, depth int, out *[]jsonField) {
	(*fn)(nil).collectFields(st, nil, at, depth, whyNone, out)
}

// marshals reports whether t (or *t) encodes itself (MarshalJSON or
// MarshalText): the analyzer cannot know what it writes.
func marshals(t types.Type) bool {
	if t == nil {
		return false
	}
	for _, tt := range []types.Type{t, types.NewPointer(t)} {
		ms := types.NewMethodSet(tt)
		for i := 0; i < ms.Len(); i++ {
			switch ms.At(i).Obj().Name() {
			case "MarshalJSON", "MarshalText":
				return true
			}
		}
	}
	return false
}

// jsonBinding is a local variable's JSON value: its definition with the
// field and index writes made to it since.
func (f *fn) jsonBinding(b *binding, use ast.Expr) *val {
	var v *val
	if b.rhs == nil {
		v = zeroJSON(b.v.obj.Type(), use, 0)
	} else {
		v = f.evalJSON(b.rhs)
	}
	t := b.v.obj.Type()
	for _, e := range b.updates {
		if v.kind == vUnknown {
			break
		}
		switch e.kind {
		case evField:
			v = f.setField(v, t, e.path, e)
		case evIndex:
			if len(e.path) > 0 {
				return unknown(whyUnsupported, use)
			}
			v = f.setIndex(v, e)
		case evCall:
			if hasPointerMethod(t, e.name) {
				return unknown(whyEscaped, use)
			}
		case evArg, evAddr, evEscape:
			if !f.benignUse(e) {
				return unknown(whyEscaped, use)
			}
		}
	}
	return v
}

// setField applies x.F = rhs (or x.F.G = rhs) to a struct's JSON.
func (f *fn) setField(v *val, t types.Type, path []string, e *event) *val {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if v.kind != vObject {
		return unknown(whyUnsupported, e.lhs)
	}
	obj, index, _ := types.LookupFieldOrMethod(t, true, f.a.pass.Pkg, path[0])
	fld, ok := obj.(*types.Var)
	if !ok {
		return unknown(whyUnsupported, e.lhs)
	}
	key, opts, ok := promotedKey(t, index)
	if !ok {
		return unknown(whyUnsupported, e.lhs)
	}
	if key == "" {
		return v // json:"-"
	}
	var old *member
	for i := range v.members {
		if v.members[i].key == key {
			old = &v.members[i]
		}
	}
	var nv *val
	switch {
	case len(path) > 1 && old != nil:
		nv = f.setField(old.v, fld.Type(), path[1:], e)
	case len(path) > 1:
		nv = unknown(whyUnsupported, e.lhs)
	case !f.locals.unconditional(e):
		nv = unknown(whyCond, e.rhs) // set or not: the analyzer cannot tell
	default:
		nv = f.evalJSON(e.rhs)
		if omitted(nv, fld.Type(), opts, true) {
			v.members = removeMember(v.members, key)
			return v
		}
		if hasOpt(opts, "string") {
			quoteScalar(nv)
		}
	}
	if old != nil {
		old.v = nv
		return v
	}
	v.members = append(v.members, member{key: key, kpos: e.lhs.Pos(), kend: e.lhs.End(), v: nv})
	return v
}

// promotedKey returns the JSON key of the field reached by index from t,
// when every embedded struct on the way is untagged (so the field is
// promoted to the top level).
func promotedKey(t types.Type, index []int) (key, opts string, ok bool) {
	for n, i := range index {
		if p, isPtr := t.Underlying().(*types.Pointer); isPtr {
			t = p.Elem()
		}
		st, isStruct := t.Underlying().(*types.Struct)
		if !isStruct {
			return "", "", false
		}
		name, o := jsonTag(st.Tag(i))
		fld := st.Field(i)
		if n < len(index)-1 {
			if name != "" || !fld.Embedded() {
				return "", "", false
			}
			t = fld.Type()
			continue
		}
		if name == "-" && o == "" {
			return "", "", true
		}
		if name == "" {
			name = fld.Name()
		}
		return name, o, true
	}
	return "", "", false
}

// setIndex applies m["k"] = rhs to a map's JSON.
func (f *fn) setIndex(v *val, e *event) *val {
	if v.kind == vNull {
		return unknown(whyUnsupported, e.lhs) // writing to a nil map panics; not a body
	}
	k := f.evalStr(e.key)
	key, ok := k.text()
	if !ok || v.kind != vObject {
		return unknown(whyUnsupported, e.lhs)
	}
	var nv *val
	if f.locals.unconditional(e) {
		nv = f.evalJSON(e.rhs)
	} else {
		nv = unknown(whyCond, e.rhs)
	}
	for i := range v.members {
		if v.members[i].key == key {
			v.members[i].v = nv
			return v
		}
	}
	v.members = append(v.members, member{key: key, kpos: e.key.Pos(), kend: e.key.End(), v: nv})
	return v
}

func removeMember(ms []member, key string) []member {
	out := ms[:0]
	for _, m := range ms {
		if m.key != key {
			out = append(out, m)
		}
	}
	return out
}

// hasPointerMethod reports whether calling method name on a value of type
// t may change it (a pointer receiver).
func hasPointerMethod(t types.Type, name string) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(t), true, nil, name)
	fn, ok := obj.(*types.Func)
	if !ok {
		return true
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return true
	}
	_, ptrRecv := sig.Recv().Type().Underlying().(*types.Pointer)
	return ptrRecv
}

func (f *fn) mapJSON(lit *ast.CompositeLit, mt *types.Map) *val {
	obj := object(lit)
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return unknown(whyUnsupported, lit)
		}
		var key string
		if tv := f.info.Types[kv.Key]; tv.Value != nil && (tv.Value.Kind() == constant.String || tv.Value.Kind() == constant.Int) {
			key = constText(tv.Value)
		} else {
			return unknown(f.whyOf(kv.Key), lit) // a key the analyzer cannot see could be any field
		}
		obj.members = append(obj.members, member{key: key, kpos: kv.Key.Pos(), kend: kv.Key.End(), v: f.evalJSON(kv.Value)})
	}
	return obj
}

// identityHelper recognises a function of this package that returns a
// pointer to its only argument (func ptr[T any](v T) *T { return &v }),
// common in code that fills optional fields; it returns the argument.
func (f *fn) identityHelper(call *ast.CallExpr) ast.Expr {
	if len(call.Args) != 1 {
		return nil
	}
	fnObj := f.callee(call)
	if fnObj == nil || fnObj.Pkg() != f.a.pass.Pkg {
		return nil
	}
	decl := f.a.funcDecl(fnObj)
	if decl == nil || decl.Body == nil || len(decl.Body.List) != 1 || decl.Type.Params.NumFields() != 1 {
		return nil
	}
	ret, ok := decl.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	u, ok := ast.Unparen(ret.Results[0]).(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return nil
	}
	id, ok := u.X.(*ast.Ident)
	if !ok || len(decl.Type.Params.List[0].Names) != 1 || decl.Type.Params.List[0].Names[0].Name != id.Name {
		return nil
	}
	return call.Args[0]
}
