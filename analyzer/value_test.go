package analyzer

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
)

const domainSrc = `package p

func two() (int, string) { return 1, "x" }

func g(a string, b int) {}

func f(id string, n int, ok bool) {
	a := "/unified/ats/jobs"
	b := "/x"
	if ok {
		b = "/y"
	}
	c := "/z"
	if ok {
		c = "/z"
	}
	var d string
	if ok {
		d = "/w"
	}
	_, e := two()
	for k := range "ab" {
		use(k)
	}
	use(a, b, c, d, e, id, n)
	g("42", 7)
}

func use(...any) {}
`

// domainFn type-checks domainSrc and returns an evaluator for f, the
// arguments of its use(…) call and its call of g.
func domainFn(t *testing.T) (*fn, []ast.Expr, *ast.CallExpr) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", domainSrc, 0)
	require.NoError(t, err)
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{file}, info)
	require.NoError(t, err)
	a := &pkgRun{pass: &analysis.Pass{Fset: fset, Files: []*ast.File{file}, Pkg: pkg, TypesInfo: info}}
	var decl *ast.FuncDecl
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "f" {
			decl = fd
		}
	}
	f := &fn{a: a, decl: decl, info: info, locals: indexLocals(info, decl.Body)}
	var args []ast.Expr
	var gcall *ast.CallExpr
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			switch id, _ := call.Fun.(*ast.Ident); {
			case id != nil && id.Name == "use" && len(call.Args) > 1:
				args = call.Args
			case id != nil && id.Name == "g":
				gcall = call
			}
		}
		return true
	})
	return f, args, gcall
}

// TestBindingResolution: one write is the value; writes that agree join
// to it; writes that differ, a zero value and another write, the second
// result of a call, a range variable and a parameter are unknown, each
// with its reason. A parameter is a reference, an integer one segment.
func TestBindingResolution(t *testing.T) {
	f, args, _ := domainFn(t)
	text := func(i int) string {
		s, ok := f.evalStr(args[i]).text()
		require.True(t, ok, "argument %d", i)
		return s
	}
	hole := func(i int) *val {
		s := f.evalStr(args[i])
		require.Len(t, s, 1)
		require.NotNil(t, s[0].hole)
		return s[0].hole
	}
	assert.Equal(t, "/unified/ats/jobs", text(0))
	assert.Equal(t, whyCond, hole(1).why, "two branches with different values: never one of them")
	assert.Equal(t, "/z", text(2), "two writes of one value join to it")
	assert.Equal(t, whyCond, hole(3).why)
	assert.Equal(t, whyCall, hole(4).why)
	id := hole(5)
	assert.Equal(t, whyParam, id.why)
	assert.Equal(t, 1, id.param)
	assert.False(t, id.seg)
	n := hole(6)
	assert.Equal(t, 2, n.param)
	assert.True(t, n.seg, "an integer is one path segment")

	// A range variable.
	var k *ast.Ident
	ast.Inspect(f.decl.Body, func(nd ast.Node) bool {
		if id, ok := nd.(*ast.Ident); ok && id.Name == "k" && f.info.Uses[id] != nil {
			k = id
		}
		return true
	})
	_, why := f.locals.resolve(k, k.Pos())
	assert.Equal(t, whyLoop, why)
	assert.Equal(t, "loop", why.String())
}

// TestJoin: values that agree (kinds, text, references) join to the first;
// any difference is unknown because conditional.
func TestJoin(t *testing.T) {
	x := textVal(inexactAt("/a", 10, 14), nil)
	y := textVal(inexactAt("/a", 20, 24), nil)
	z := textVal(inexactAt("/b", 30, 34), nil)
	assert.Same(t, x, join([]*val{x, y}, nil))
	assert.Equal(t, whyCond, join([]*val{x, z}, nil).why)
	p1, p1b, p2 := paramRef(0, howText, nil), paramRef(0, howText, nil), paramRef(1, howText, nil)
	assert.Same(t, p1, join([]*val{p1, p1b}, nil))
	assert.False(t, join([]*val{p1, p2}, nil).known())
	assert.False(t, join([]*val{x, p1}, nil).known())
	assert.Equal(t, whyUnsupported, join(nil, nil).why)

	// Text that differs only inside an encoded query, or in whether an
	// unknown is one segment, differs.
	q := func(v string) *val {
		o := &val{kind: vObject, members: []member{{key: "page_size", v: textVal(inexactAt(v, 1, 2), nil)}}}
		return textVal(append(inexactAt("/a?", 1, 2), cell{hole: o}), nil)
	}
	assert.False(t, join([]*val{q("50"), q("500")}, nil).known())
	assert.True(t, join([]*val{q("50"), q("50")}, nil).known())
	null, empty := &val{kind: vNull}, textVal(nil, nil)
	f, fs := &val{kind: vBool, lit: "false"}, textVal(inexactAt("false", 1, 2), nil)
	assert.False(t, join([]*val{null, empty}, nil).known(), "null is not an empty string")
	assert.False(t, join([]*val{f, fs}, nil).known(), "false is not a string")
	id, any := idText(whyCall, nil), unknownText(whyCall, nil)
	assert.False(t, join([]*val{textVal(id, nil), textVal(any, nil)}, nil).known())
}

// TestInstantiate substitutes a call's arguments for a summary's
// references, positions at the caller's literals; a member set under a
// condition on a parameter is present with an unknown value.
func TestInstantiate(t *testing.T) {
	f, _, call := domainFn(t)
	n := paramRef(1, howText, nil)
	n.seg = true
	url := append(inexactAt("/unified/ats/jobs/", token.NoPos, token.NoPos), cell{hole: paramRef(0, howText, nil)}, cell{b: '/'}, cell{hole: n})
	got := f.instantiateText(url, call)
	s, ok := got.text()
	require.True(t, ok)
	assert.Equal(t, "/unified/ats/jobs/42/7", s)
	i := len("/unified/ats/jobs/")
	assert.Equal(t, call.Args[0].Pos(), got[i].lit, "the id maps to the caller's literal")

	hdr := &val{kind: vObject, members: []member{
		{key: "x-account-id", v: textVal(str{{hole: paramRef(0, howText, nil)}}, nil), cond: true},
		{key: "accept", v: textVal(inexactAt("application/json", token.NoPos, token.NoPos), nil)},
	}}
	h := f.instantiate(hdr, call)
	require.Len(t, h.members, 2)
	assert.Equal(t, whyCond, h.members[0].v.why)
	assert.Equal(t, call.Pos(), h.members[0].kpos, "a key from the summary points at the call")
	assert.Equal(t, "application/json", h.members[1].v.text.textOrEmpty())
	assert.True(t, h.complete())

	// A missing argument (a spread call) stays a reference's unknown.
	u := f.instantiate(paramRef(5, howQuery, nil), call)
	assert.Equal(t, vObject, u.kind)
	assert.Equal(t, whyParam, u.why)
}

func (s str) textOrEmpty() string {
	t, _ := s.text()
	return t
}
