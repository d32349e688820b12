package analyzer

import (
	"go/ast"
	"go/types"
)

// Request editors. A function that takes one *http.Request and only sets
// its headers (a go-github-style setHeaders(req), an auth helper) is
// summarised as the header object it applies, over its parameters. A call
// that passes a request to it applies those headers, with the caller's
// arguments, instead of letting the request escape; anything else the
// function does with the request makes it no editor.

// editSummary is what an editor does to its request parameter.
type editSummary struct {
	param int  // index of the *http.Request parameter
	hdr   *val // the headers it sets: an object over its parameters
}

// editsRequest reports whether a function has one *http.Request parameter.
func editsRequest(info *types.Info, fd *ast.FuncDecl) bool {
	fo, _ := info.Defs[fd.Name].(*types.Func)
	return fo != nil && requestParam(fo) >= 0
}

// requestParam is the index of a function's one *http.Request parameter,
// or -1.
func requestParam(fo *types.Func) int {
	ps := fo.Type().(*types.Signature).Params()
	idx := -1
	for i := 0; i < ps.Len(); i++ {
		if p, ok := ps.At(i).Type().(*types.Pointer); ok && isNamed(p.Elem(), "net/http", "Request") {
			if idx >= 0 {
				return -1
			}
			idx = i
		}
	}
	return idx
}

// editorOf summarises a function as an editor of its request parameter.
func (f *fn) editorOf(fo *types.Func) *editSummary {
	idx := requestParam(fo)
	if idx < 0 || len(f.all) > 0 {
		return nil
	}
	v := f.locals.vars[fo.Type().(*types.Signature).Params().At(idx)]
	if v == nil {
		return nil
	}
	hdr := object(f.decl.Name)
	for _, e := range v.events {
		switch {
		case e.kind == evCall && len(e.path) == 1 && e.path[0] == "Header" && (e.name == "Set" || e.name == "Add"):
			f.applyMapUpdate(hdr, e.onPath(), true)
		case e.kind == evCall && len(e.path) == 0 && e.name == "SetBasicAuth" && len(e.call.Args) == 2:
			hdr.set("Set", "Authorization", e.call.Fun.Pos(), e.call.Fun.End(), textVal(f.basicAuth(e.call), e.call), f.locals.unconditional(e), true)
		case e.kind == evArg && f.benignUse(e):
		default:
			return nil // it sends, keeps, reads or changes the request otherwise
		}
	}
	if len(hdr.members) == 0 {
		return nil
	}
	return &editSummary{param: idx, hdr: hdr}
}

// applyEdit applies the headers of an editor the request variable is
// passed to (event e, an argument); false when the callee is no editor
// of that argument.
func (f *fn) applyEdit(e *event, hdr *val) bool {
	fo := f.callee(e.call)
	if fo == nil {
		return false
	}
	sum := f.a.summaryOf(fo)
	if sum == nil || sum.edit == nil || argOf(e.call, f.calleeSig(e.call), sum.edit.param) == nil {
		return false
	}
	if id, ok := ast.Unparen(e.call.Args[sum.edit.param]).(*ast.Ident); !ok || id.Pos() != e.pos {
		return false
	}
	ed := f.instantiate(sum.edit.hdr, e.call)
	// A header the editor sets replaces the caller's values of it only
	// when both the call and the Set inside happen for sure: under either
	// condition the caller's values may be what is sent. One it adds
	// keeps them (the request then carries the header twice).
	replace := f.locals.unconditional(e)
	for _, m := range ed.members {
		op := "Set"
		if m.add {
			op = "Add"
		}
		hdr.set(op, m.key, m.kpos, m.kend, m.v, replace && !m.cond, true)
	}
	// Headers it sets under names the summary does not know (a loop over
	// the caller's extra headers) may be any, x-account-id among them.
	if ed.why != whyNone {
		hdr.open(ed.why)
	}
	return true
}
