package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// fn is the evaluator for one function declaration: its locals index and
// the request construction sites in it.
type fn struct {
	a      *pkgRun
	decl   *ast.FuncDecl
	info   *types.Info
	locals *locals // nil when evaluating a package-level constant
	sites  []*site
	all    []*site // every site, StackOne's or not, for the summary
	depth  int
}

// maxDepth bounds the evaluator's recursion (constants defined in terms of
// each other, variables following variables).
const maxDepth = 64

func (f *fn) enter() bool {
	if f.depth >= maxDepth {
		return false
	}
	f.depth++
	return true
}

func (f *fn) leave() { f.depth-- }

// withDecl returns an evaluator without locals, for expressions outside
// the function (a constant's declaration).
func (f *fn) withDecl(decl *ast.FuncDecl) *fn {
	return &fn{a: f.a, decl: decl, info: f.info, depth: f.depth}
}

func (f *fn) typeOf(e ast.Expr) types.Type { return f.info.TypeOf(e) }

// lookup returns the binding of a local variable read at its position,
// when one write gives its value.
func (f *fn) lookup(id *ast.Ident) (*binding, bool) {
	b, ok := f.lookupAll(id)
	return b, ok && b.alts == nil
}

// lookupAll is lookup for the shapes that join several writes.
func (f *fn) lookupAll(id *ast.Ident) (*binding, bool) {
	if f.locals == nil {
		return nil, false
	}
	b, why := f.locals.resolve(id, id.Pos())
	return b, why == whyNone
}

// callee returns the function or method a call invokes, or nil for calls
// of function values, conversions and builtins.
func (f *fn) callee(call *ast.CallExpr) *types.Func {
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	case *ast.IndexExpr: // generic instantiation f[T](…)
		switch x := fun.X.(type) {
		case *ast.Ident:
			id = x
		case *ast.SelectorExpr:
			id = x.Sel
		}
	}
	if id == nil {
		return nil
	}
	fnObj, _ := f.info.Uses[id].(*types.Func)
	return fnObj
}

// fullName is a function's full name, "(*net/url.URL).JoinPath" or
// "fmt.Sprintf"; methods of generic types use their origin.
func fullName(fnObj *types.Func) string {
	return fnObj.Origin().FullName()
}

// receiver returns the receiver expression of a method call.
func receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return call.Fun
}

// isNamed reports whether t (or what it points to) is the named type
// pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	if t == nil {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkg
}

func isBuiltin(info *types.Info, call *ast.CallExpr, name string) bool {
	if call == nil {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

func isNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// benignPackages hold functions that read their arguments without keeping
// or changing them (for the purpose of a request: formatting, encoding,
// logging).
var benignPackages = map[string]bool{
	"fmt": true, "log": true, "log/slog": true, "strings": true, "strconv": true, "errors": true,
	"net/url": true, "path": true, "encoding/base64": true, "net/http/httputil": true, "reflect": true,
}

// benignFuncs are functions of other packages that only read their
// arguments.
var benignFuncs = map[string]bool{
	"encoding/json.Marshal": true, "encoding/json.MarshalIndent": true, "encoding/json.Valid": true,
	"(*encoding/json.Encoder).Encode": true, "bytes.NewReader": true, "bytes.NewBuffer": true,
	"net/http.NewRequest": true, "net/http.NewRequestWithContext": true, "net/http.Post": true,
	"(*net/http.Client).Post": true, "io.NopCloser": true,
}

// benignUse reports whether an occurrence of a variable cannot change its
// value: passed to a function that only reads it, or its address taken for
// such a function or a composite literal (http.Request{URL: &u}).
func (f *fn) benignUse(e *event) bool {
	switch e.kind {
	case evCall:
		return false
	case evAddr:
		switch e.parent.(type) {
		case *ast.KeyValueExpr, *ast.CompositeLit:
			return true
		}
	}
	if e.call == nil {
		return false
	}
	if isBuiltin(f.info, e.call, "len") || isBuiltin(f.info, e.call, "cap") {
		return true
	}
	fnObj := f.callee(e.call)
	if fnObj == nil {
		return false
	}
	if fnObj.Pkg() != nil && benignPackages[fnObj.Pkg().Path()] {
		// fmt.Fprint* and friends write to their first argument.
		if len(e.call.Args) > 0 && strings.HasPrefix(fnObj.Name(), "Fprint") && e.call.Args[0].Pos() <= e.pos && e.pos < e.call.Args[0].End() {
			return false
		}
		return true
	}
	return benignFuncs[fullName(fnObj)]
}

// onlyBenign reports whether none of the updates can change the value.
func onlyBenign(f *fn, es []*event) bool {
	for _, e := range es {
		if !f.benignUse(e) {
			return false
		}
	}
	return true
}

// siteOfVar returns the construction site whose request is held in the
// variable id refers to.
func (f *fn) siteOfVar(id *ast.Ident) *site {
	if f.locals == nil {
		return nil
	}
	obj, _ := f.info.Uses[id].(*types.Var)
	v := f.locals.vars[obj]
	if v == nil {
		return nil
	}
	for _, s := range f.sites {
		if s.reqVar == v {
			return s
		}
	}
	return nil
}

// constSpec finds the declaration of a constant of this package.
func (a *pkgRun) constSpec(c *types.Const) (*ast.ValueSpec, int) {
	if a.consts == nil {
		a.consts = map[*types.Const]constRef{}
		for _, fi := range a.order {
			ast.Inspect(fi.ast, func(n ast.Node) bool {
				gd, ok := n.(*ast.GenDecl)
				if !ok || gd.Tok != token.CONST {
					return true
				}
				for _, sp := range gd.Specs {
					vs := sp.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if obj, ok := a.pass.TypesInfo.Defs[name].(*types.Const); ok {
							a.consts[obj] = constRef{vs, i}
						}
					}
				}
				return false
			})
		}
	}
	r := a.consts[c]
	return r.spec, r.idx
}

type constRef struct {
	spec *ast.ValueSpec
	idx  int
}

// funcDecl finds the declaration of a function of this package.
func (a *pkgRun) funcDecl(obj *types.Func) *ast.FuncDecl {
	if a.funcs == nil {
		a.funcs = map[*types.Func]*ast.FuncDecl{}
		for _, fi := range a.order {
			for _, d := range fi.ast.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if o, ok := a.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						a.funcs[o] = fd
					}
				}
			}
		}
	}
	return a.funcs[obj.Origin()]
}
