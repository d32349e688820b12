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

	"github.com/atslint/atslint/request"
)

// This file encodes Go values as encoding/json does: struct fields by their
// json tags (omitempty, omitzero, ",string", "-"), embedded structs'
// fields promoted by Go's rules for duplicate names, maps, slices, arrays,
// pointers and zero values. Types that encode themselves (MarshalJSON,
// MarshalText) are unknown.

// evalJSON evaluates a Go expression as encoding/json would encode it.
func (f *fn) evalJSON(e ast.Expr, ptr string) *request.Value {
	if f.enter() {
		defer f.leave()
	} else {
		return unknownValue(e, ptr)
	}
	e = ast.Unparen(e)
	t := f.typeOf(e)
	if t == nil {
		return unknownValue(e, ptr)
	}
	if isNilIdent(f.info, e) {
		return &request.Value{Kind: request.Null, Span: span(e.Pos(), e.End()), Pointer: ptr}
	}
	if marshals(t) {
		return f.rawJSON(e, t, ptr)
	}
	if tv := f.info.Types[e]; tv.Value != nil {
		return scalar(tv.Value, t, e, ptr)
	}
	switch x := e.(type) {
	case *ast.CompositeLit:
		return f.compositeJSON(x, t, ptr)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return f.evalJSON(x.X, ptr)
		}
	case *ast.Ident:
		if b, ok := f.lookup(x); ok {
			return f.jsonBinding(b, x, ptr)
		}
	case *ast.CallExpr:
		if tv, ok := f.info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			v := f.evalJSON(x.Args[0], ptr) // a conversion keeps the value
			return v
		}
		if arg := f.identityHelper(x); arg != nil {
			return f.evalJSON(arg, ptr)
		}
	}
	return f.typeJSON(t, unknownValue(e, ptr), ptr)
}

// rawJSON handles types with their own encoding: json.RawMessage of a
// known JSON string is that JSON; anything else is unknown.
func (f *fn) rawJSON(e ast.Expr, t types.Type, ptr string) *request.Value {
	if isNamed(t, "encoding/json", "RawMessage") {
		if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
			if tv, ok := f.info.Types[call.Fun]; ok && tv.IsType() {
				return jsonFromStr(f.evalStr(call.Args[0]), call.Args[0], ptr)
			}
		}
	}
	return unknownValue(e, ptr)
}

// scalar encodes a constant of type t.
func scalar(v constant.Value, t types.Type, at ast.Node, ptr string) *request.Value {
	out := &request.Value{Span: span(at.Pos(), at.End()), Pointer: ptr}
	switch v.Kind() {
	case constant.String:
		out.Kind, out.Str = request.String, constant.StringVal(v)
	case constant.Bool:
		out.Kind, out.Bool = request.Bool, constant.BoolVal(v)
	case constant.Int:
		out.Kind, out.Str = request.Number, v.ExactString()
		if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsFloat != 0 {
			f, _ := constant.Float64Val(v)
			out.Str = formatFloat(f)
		}
	case constant.Float:
		f, _ := constant.Float64Val(v)
		out.Kind, out.Str = request.Number, formatFloat(f)
	default:
		out.Kind = request.Unknown
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

func (f *fn) compositeJSON(lit *ast.CompositeLit, t types.Type, ptr string) *request.Value {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		vals, ok := literalFields(lit, u)
		if !ok {
			return unknownValue(lit, ptr)
		}
		obj := &request.Value{Kind: request.Object, Span: span(lit.Pos(), lit.End()), Pointer: ptr}
		obj.Members = f.structMembers(u, vals, lit, ptr)
		return obj
	case *types.Map:
		return f.mapJSON(lit, u, ptr)
	case *types.Slice, *types.Array:
		if isByteSlice(t) {
			return unknownValue(lit, ptr)
		}
		arr := &request.Value{Kind: request.Array, Span: span(lit.Pos(), lit.End()), Pointer: ptr}
		for i, el := range lit.Elts {
			if _, keyed := el.(*ast.KeyValueExpr); keyed {
				return unknownValue(lit, ptr)
			}
			arr.Elems = append(arr.Elems, f.evalJSON(el, ptr+"/"+strconv.Itoa(i)))
		}
		if a, ok := u.(*types.Array); ok {
			for i := int64(len(lit.Elts)); i < a.Len() && i < 1000; i++ {
				arr.Elems = append(arr.Elems, zeroJSON(a.Elem(), lit, ptr+"/"+strconv.FormatInt(i, 10), 0))
			}
		}
		return arr
	}
	return unknownValue(lit, ptr)
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
	m      *request.Member
}

// structMembers encodes a struct's exported fields in declaration order,
// embedded structs' fields promoted in place.
func (f *fn) structMembers(st *types.Struct, vals map[int]fieldVal, lit ast.Node, ptr string) []*request.Member {
	var fields []jsonField
	f.collectFields(st, vals, lit, ptr, 0, false, &fields)
	return resolveFields(fields)
}

// collectFields appends the members a struct contributes. unknown marks
// the fields of an embedded struct whose value the analyzer cannot see:
// their names are known from the type, their values are not.
func (f *fn) collectFields(st *types.Struct, vals map[int]fieldVal, lit ast.Node, ptr string, depth int, unknown bool, out *[]jsonField) {
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
				case unknown:
					f.collectFields(sub, nil, lit, ptr, depth+1, true, out)
				case set:
					inner, ok := compositeOf(fv.val)
					if !ok {
						if isNilIdent(f.info, ast.Unparen(fv.val)) {
							continue
						}
						f.collectFields(sub, nil, fv.val, ptr, depth+1, true, out)
						continue
					}
					subVals, ok := literalFields(inner, sub)
					if !ok {
						f.collectFields(sub, nil, inner, ptr, depth+1, true, out)
						continue
					}
					f.collectFields(sub, subVals, inner, ptr, depth+1, false, out)
				case !isPtr:
					f.collectFields(sub, nil, lit, ptr, depth+1, false, out)
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
		mptr := ptr + "/" + request.PointerToken(key)
		m := &request.Member{Key: key}
		switch {
		case unknown:
			m.Value, m.KeySpan = unknownValue(lit, mptr), span(lit.Pos(), lit.End())
			if sp, ok := f.tagSpan(fld, key); ok && name != "" {
				m.KeySpan = sp // a key the type spells: at its tag
			}
		case set:
			m.Value = f.evalJSON(fv.val, mptr)
			at := ast.Node(fv.val)
			if fv.key != nil {
				at = fv.key
			}
			m.KeySpan = span(at.Pos(), at.End())
		default:
			m.Value, m.KeySpan = zeroJSON(fld.Type(), lit, mptr, 0), span(lit.Pos(), lit.End())
		}
		if omitted(m.Value, fld.Type(), opts, set) {
			continue
		}
		if hasOpt(opts, "string") {
			quoteScalar(m.Value)
		}
		*out = append(*out, jsonField{name: key, depth: depth, tagged: name != "", m: m})
	}
}

func resolveFields(fields []jsonField) []*request.Member {
	var out []*request.Member
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
			out = append(out, fl.m)
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
func omitted(v *request.Value, t types.Type, opts string, set bool) bool {
	if hasOpt(opts, "omitzero") && !set {
		return true
	}
	if !hasOpt(opts, "omitempty") && !hasOpt(opts, "omitzero") {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		return v.Kind == request.Null
	case *types.Struct:
		return false
	}
	switch v.Kind {
	case request.Null:
		return true
	case request.String:
		return v.Str == ""
	case request.Bool:
		return !v.Bool
	case request.Number:
		n, err := strconv.ParseFloat(v.Str, 64)
		return err == nil && n == 0
	case request.Array:
		return len(v.Elems) == 0
	case request.Object:
		_, isMap := t.Underlying().(*types.Map)
		return isMap && len(v.Members) == 0
	}
	return false
}

// quoteScalar applies the ",string" option: numbers and booleans are
// encoded as JSON strings.
func quoteScalar(v *request.Value) {
	switch v.Kind {
	case request.Number:
		v.Kind = request.String
	case request.Bool:
		v.Kind, v.Str = request.String, strconv.FormatBool(v.Bool)
	}
}

// zeroJSON is the encoding of t's zero value, positioned at the literal
// that left the field out.
func zeroJSON(t types.Type, at ast.Node, ptr string, depth int) *request.Value {
	v := &request.Value{Span: span(at.Pos(), at.End()), Pointer: ptr}
	if marshals(t) || depth > 10 {
		v.Kind = request.Unknown
		return v
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsString != 0:
			v.Kind = request.String
		case u.Info()&types.IsBoolean != 0:
			v.Kind = request.Bool
		case u.Info()&types.IsNumeric != 0:
			v.Kind, v.Str = request.Number, "0"
		default:
			v.Kind = request.Unknown
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Interface, *types.Signature, *types.Chan:
		v.Kind = request.Null
	case *types.Struct:
		v.Kind = request.Object
		var fields []jsonField
		zeroFields(u, at, ptr, depth+1, &fields)
		v.Members = resolveFields(fields)
	case *types.Array:
		v.Kind = request.Array
		for i := int64(0); i < u.Len() && i < 1000; i++ {
			v.Elems = append(v.Elems, zeroJSON(u.Elem(), at, ptr+"/"+strconv.FormatInt(i, 10), depth+1))
		}
	default:
		v.Kind = request.Unknown
	}
	return v
}

// zeroFields is collectFields for a zero struct: no field has an
// expression, so no evaluator (and no function context) is needed.
func zeroFields(st *types.Struct, at ast.Node, ptr string, depth int, out *[]jsonField) {
	(*fn)(nil).collectFields(st, nil, at, ptr, depth, false, out)
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
func (f *fn) jsonBinding(b *binding, use ast.Expr, ptr string) *request.Value {
	if b.tuple >= 0 {
		return unknownValue(use, ptr)
	}
	var v *request.Value
	if b.rhs == nil {
		v = zeroJSON(b.v.obj.Type(), use, ptr, 0)
	} else {
		v = f.evalJSON(b.rhs, ptr)
	}
	t := b.v.obj.Type()
	for _, e := range b.updates {
		if v.Kind == request.Unknown {
			break
		}
		switch e.kind {
		case evField:
			v = f.setField(v, t, e.path, e, ptr)
		case evIndex:
			if len(e.path) > 0 {
				return unknownValue(use, ptr)
			}
			v = f.setIndex(v, e, ptr)
		case evCall:
			if hasPointerMethod(t, e.name) {
				return unknownValue(use, ptr)
			}
		case evArg, evAddr, evEscape:
			if !f.benignUse(e) {
				return unknownValue(use, ptr)
			}
		}
	}
	return v
}

// setField applies x.F = rhs (or x.F.G = rhs) to a struct's JSON.
func (f *fn) setField(v *request.Value, t types.Type, path []string, e *event, ptr string) *request.Value {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if v.Kind != request.Object {
		return unknownValue(e.lhs, ptr)
	}
	obj, index, _ := types.LookupFieldOrMethod(t, true, f.a.pass.Pkg, path[0])
	fld, ok := obj.(*types.Var)
	if !ok {
		return unknownValue(e.lhs, ptr)
	}
	key, opts, ok := promotedKey(t, index)
	if !ok {
		return unknownValue(e.lhs, ptr)
	}
	if key == "" {
		return v // json:"-"
	}
	mptr := ptr + "/" + request.PointerToken(key)
	var old *request.Member
	for _, m := range v.Members {
		if m.Key == key {
			old = m
		}
	}
	var nv *request.Value
	switch {
	case len(path) > 1 && old != nil:
		nv = f.setField(old.Value, fld.Type(), path[1:], e, mptr)
	case len(path) > 1:
		nv = unknownValue(e.lhs, mptr)
	case !f.locals.unconditional(e):
		nv = unknownValue(e.rhs, mptr) // set or not: the analyzer cannot tell
	default:
		nv = f.evalJSON(e.rhs, mptr)
		if omitted(nv, fld.Type(), opts, true) {
			v.Members = removeMember(v.Members, key)
			return v
		}
		if hasOpt(opts, "string") {
			quoteScalar(nv)
		}
	}
	if old != nil {
		old.Value = nv
		return v
	}
	v.Members = append(v.Members, &request.Member{Key: key, KeySpan: span(e.lhs.Pos(), e.lhs.End()), Value: nv})
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
func (f *fn) setIndex(v *request.Value, e *event, ptr string) *request.Value {
	if v.Kind == request.Null {
		return unknownValue(e.lhs, ptr) // writing to a nil map panics; not a body
	}
	k := f.evalStr(e.key)
	key, ok := k.text()
	if !ok || v.Kind != request.Object {
		return unknownValue(e.lhs, ptr)
	}
	mptr := ptr + "/" + request.PointerToken(key)
	var nv *request.Value
	if f.locals.unconditional(e) {
		nv = f.evalJSON(e.rhs, mptr)
	} else {
		nv = unknownValue(e.rhs, mptr)
	}
	for _, m := range v.Members {
		if m.Key == key {
			m.Value = nv
			return v
		}
	}
	v.Members = append(v.Members, &request.Member{Key: key, KeySpan: span(e.key.Pos(), e.key.End()), Value: nv})
	return v
}

func removeMember(ms []*request.Member, key string) []*request.Member {
	out := ms[:0]
	for _, m := range ms {
		if m.Key != key {
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

func (f *fn) mapJSON(lit *ast.CompositeLit, mt *types.Map, ptr string) *request.Value {
	obj := &request.Value{Kind: request.Object, Span: span(lit.Pos(), lit.End()), Pointer: ptr}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return unknownValue(lit, ptr)
		}
		var key string
		if tv := f.info.Types[kv.Key]; tv.Value != nil && (tv.Value.Kind() == constant.String || tv.Value.Kind() == constant.Int) {
			key = constText(tv.Value)
		} else {
			return unknownValue(lit, ptr) // a key the analyzer cannot see could be any field
		}
		mptr := ptr + "/" + request.PointerToken(key)
		obj.Members = append(obj.Members, &request.Member{Key: key, KeySpan: span(kv.Key.Pos(), kv.Key.End()), Value: f.evalJSON(kv.Value, mptr)})
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
