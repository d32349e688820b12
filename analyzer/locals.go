package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// The analyzer follows a local variable only when it can see every write
// to it: one definition with a visible value, plus field, index and method
// updates made in the same function. Everything else makes the variable
// unknown. The index below records, for each variable declared in a
// function body, every place that writes or may write it.

type eventKind uint8

const (
	evDef      eventKind = iota // x := rhs, x = rhs, var x = rhs, var x T
	evOpAssign                  // x += rhs
	evOpaque                    // a write whose value cannot be seen: x++, range, unknown shapes
	evField                     // x.f.g = rhs
	evIndex                     // x[key] = rhs, x.f[key] = rhs
	evCall                      // x.M(args), x.f.M(args)
	evArg                       // x or x.f passed to a function
	evAddr                      // &x or &x.f
	evEscape                    // x stored, returned or sent elsewhere (reference types)
)

// event is one occurrence of a local variable that writes it or lets it
// be written.
type event struct {
	kind   eventKind
	v      *localVar
	pos    token.Pos
	path   []string // selectors after x: ["Header"] for x.Header.Set
	name   string   // method name for evCall
	rhs    ast.Expr // assigned value (evDef, evOpAssign, evField, evIndex)
	tuple  int      // index into a multi-value rhs, -1 for a single value
	key    ast.Expr // evIndex key
	call   *ast.CallExpr
	parent ast.Node // parent of the whole occurrence (x.f.M(...) → its parent)
	lhs    ast.Node // the written expression (evField, evIndex)
	tok    token.Token
}

// onPath returns the event as seen by the value at the end of its path:
// req.Header.Set(…) is a Set call on req.Header.
func (e *event) onPath() *event {
	c := *e
	c.path = nil
	return &c
}

// localVar is a variable declared in the function body.
type localVar struct {
	obj    *types.Var
	decl   *event // the declaring event, nil for parameters and results
	events []*event
}

// locals indexes the local variables of one function declaration and the
// blocks and loops that decide whether a write is conditional.
type locals struct {
	info   *types.Info
	vars   map[*types.Var]*localVar
	blocks []ast.Node // *ast.BlockStmt, *ast.CaseClause, *ast.CommClause
	loops  []ast.Node // *ast.ForStmt, *ast.RangeStmt
	lits   []*ast.FuncLit
	calls  []*ast.CallExpr
}

func indexLocals(info *types.Info, body *ast.BlockStmt) *locals {
	l := &locals{info: info, vars: map[*types.Var]*localVar{}}
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		switch n := n.(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			l.blocks = append(l.blocks, n)
		case *ast.ForStmt, *ast.RangeStmt:
			l.loops = append(l.loops, n)
		case *ast.FuncLit:
			l.lits = append(l.lits, n)
		case *ast.CallExpr:
			l.calls = append(l.calls, n)
		case *ast.Ident:
			l.occurrence(n, stack)
		}
		stack = append(stack, n)
		return true
	})
	return l
}

// occurrence classifies one identifier by its context.
func (l *locals) occurrence(id *ast.Ident, stack []ast.Node) {
	obj, defining := l.info.Defs[id].(*types.Var)
	if !defining {
		obj, _ = l.info.Uses[id].(*types.Var)
	}
	if obj == nil || obj.IsField() {
		return
	}
	v := l.vars[obj]
	if v == nil {
		v = &localVar{obj: obj}
		l.vars[obj] = v
	}
	// Climb the selector chain: x.f.g.
	var top ast.Node = id
	var path []string
	i := len(stack) - 1
	for ; i >= 0; i-- {
		sel, ok := stack[i].(*ast.SelectorExpr)
		if !ok || sel.X != top {
			break
		}
		path = append(path, sel.Sel.Name)
		top = sel
	}
	var parent ast.Node
	if i >= 0 {
		parent = stack[i]
	}
	var grand ast.Node
	if i >= 1 {
		grand = stack[i-1]
	}
	e := &event{v: v, pos: id.Pos(), path: path, tuple: -1, parent: parent}
	add := func(k eventKind) {
		e.kind = k
		v.events = append(v.events, e)
		if defining && k == evDef && v.decl == nil {
			v.decl = e
		}
	}
	switch p := parent.(type) {
	case *ast.AssignStmt:
		idx := indexOf(p.Lhs, top)
		if idx < 0 {
			if isReference(obj.Type()) && len(path) == 0 {
				add(evEscape) // y := x aliases x
			}
			return
		}
		e.tok = p.Tok
		if len(p.Lhs) == len(p.Rhs) {
			e.rhs = p.Rhs[idx]
		} else if len(p.Rhs) == 1 {
			e.rhs, e.tuple = p.Rhs[0], idx
		}
		e.lhs = top
		switch {
		case len(path) > 0 && (p.Tok == token.ASSIGN || p.Tok == token.DEFINE):
			add(evField)
		case len(path) > 0:
			add(evOpaque)
		case p.Tok == token.ASSIGN || p.Tok == token.DEFINE:
			add(evDef)
		default:
			add(evOpAssign)
		}
	case *ast.ValueSpec:
		for j, n := range p.Names {
			if n != id {
				continue
			}
			switch {
			case len(p.Values) == len(p.Names):
				e.rhs = p.Values[j]
			case len(p.Values) == 1:
				e.rhs, e.tuple = p.Values[0], j
			}
			add(evDef)
		}
	case *ast.RangeStmt:
		if p.Key == top || p.Value == top {
			add(evOpaque)
			if defining {
				v.decl = e // a range variable: declared, value unknown
			}
		}
	case *ast.IncDecStmt:
		add(evOpaque)
	case *ast.IndexExpr:
		if p.X != top {
			return
		}
		if as, ok := grand.(*ast.AssignStmt); ok && indexOf(as.Lhs, p) >= 0 {
			e.key, e.lhs = p.Index, p
			if len(as.Lhs) == len(as.Rhs) {
				e.rhs = as.Rhs[indexOf(as.Lhs, p)]
			}
			if as.Tok != token.ASSIGN {
				add(evOpaque)
				return
			}
			add(evIndex)
			return
		}
		if isReference(obj.Type()) && writesThrough(grand, p) {
			add(evOpaque) // x[k].f = …, x[k]++
		}
	case *ast.CallExpr:
		if p.Fun == top && len(path) > 0 {
			e.name, e.path, e.call = path[len(path)-1], path[:len(path)-1], p
			e.parent = grand
			add(evCall)
			return
		}
		if indexOf(p.Args, top) >= 0 {
			e.call = p
			add(evArg)
		}
	case *ast.UnaryExpr:
		if p.Op == token.AND {
			if c, ok := grand.(*ast.CallExpr); ok {
				e.call = c
			}
			e.parent = grand
			add(evAddr)
		}
	case *ast.ReturnStmt, *ast.SendStmt, *ast.KeyValueExpr, *ast.CompositeLit, *ast.GoStmt, *ast.DeferStmt:
		if isReference(obj.Type()) {
			add(evEscape)
		}
	case *ast.StarExpr:
		// *x = … writes through a pointer.
		if as, ok := grand.(*ast.AssignStmt); ok && indexOf(as.Lhs, p) >= 0 {
			add(evOpaque)
		}
	}
	if defining && v.decl == nil {
		// Declared by a form the index does not model (type switch
		// variable, select receive): its value is unknown.
		d := &event{kind: evOpaque, v: v, pos: id.Pos(), tuple: -1}
		v.decl = d
		v.events = append(v.events, d)
	}
}

// writesThrough reports whether an index expression is written: x[k].f = …
func writesThrough(parent ast.Node, ix ast.Expr) bool {
	switch p := parent.(type) {
	case *ast.SelectorExpr:
		return true // conservatively: x[k].f may be assigned
	case *ast.IncDecStmt:
		return true
	case *ast.AssignStmt:
		return indexOf(p.Lhs, ix) >= 0
	case *ast.UnaryExpr:
		return p.Op == token.AND
	}
	return false
}

func indexOf[T ast.Node](list []T, n ast.Node) int {
	for i, x := range list {
		if ast.Node(x) == n {
			return i
		}
	}
	return -1
}

// isReference reports whether copies of a value of type t share state:
// writes through a copy are writes to the original.
func isReference(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Slice, *types.Interface, *types.Chan, *types.Signature:
		return true
	}
	return false
}

// block returns the innermost block containing pos.
func (l *locals) block(pos token.Pos) ast.Node {
	var best ast.Node
	for _, b := range l.blocks {
		if b.Pos() <= pos && pos < b.End() && (best == nil || b.Pos() >= best.Pos()) {
			best = b
		}
	}
	return best
}

// loopsAround returns the loops containing pos, outermost first.
func (l *locals) loopsAround(pos token.Pos) []ast.Node {
	var out []ast.Node
	for _, lp := range l.loops {
		if lp.Pos() <= pos && pos < lp.End() {
			out = append(out, lp)
		}
	}
	return out
}

// relevant reports whether an event can affect the value of its variable
// when read at pos: it comes earlier, or a loop around both (that does not
// also declare the variable afresh each iteration) runs it again first.
func (l *locals) relevant(e *event, pos token.Pos) bool {
	if e.pos < pos {
		return true
	}
	decl := token.NoPos
	if e.v.decl != nil {
		decl = e.v.decl.pos
	}
	for _, lp := range l.loopsAround(pos) {
		if lp.Pos() <= e.pos && e.pos < lp.End() && !(lp.Pos() <= decl && decl < lp.End()) {
			return true
		}
	}
	return false
}

// unconditional reports whether an event runs whenever the declaration
// does: it is in the same block and not in a function literal.
func (l *locals) unconditional(e *event) bool {
	if e.v.decl == nil {
		// A parameter: declared with the function's body.
		return len(l.blocks) > 0 && l.block(e.pos) == l.blocks[0]
	}
	return l.block(e.pos) == l.block(e.v.decl.pos)
}

// binding is what a read of a local variable at a position sees: the
// defining value and the updates made to it since, or several writes.
type binding struct {
	v   *localVar
	rhs ast.Expr // defining expression; nil for `var x T` (zero value)
	// tuple is the index into a multi-value rhs (0: the call's first
	// result, read by the shape from the call), -1 for a single value.
	tuple   int
	appends []*event // x += … (strings)
	updates []*event // evField, evIndex, evCall, evArg, evAddr, evEscape, in order
	// alts, when not nil, are the values of several writes (nil: the zero
	// value) with no update between: the value is their join.
	alts []ast.Expr
}

// resolve is the one binding resolution of the analyzer, used by every
// shape: what a read of id at pos sees, or why it is unknown (not a local
// whose writes can be seen: a parameter, a global, a range variable, a
// write the index does not model, the second result of a call, several
// writes mixed with updates).
func (l *locals) resolve(id *ast.Ident, pos token.Pos) (*binding, reason) {
	obj, _ := l.info.Uses[id].(*types.Var)
	if obj == nil {
		obj, _ = l.info.Defs[id].(*types.Var)
	}
	v := l.vars[obj]
	switch {
	case v == nil:
		return nil, whyField
	case v.decl == nil:
		return nil, whyParam
	case v.decl.kind != evDef:
		if _, ok := v.decl.parent.(*ast.RangeStmt); ok {
			return nil, whyLoop
		}
		return nil, whyUnsupported
	}
	b := &binding{v: v, rhs: v.decl.rhs, tuple: v.decl.tuple}
	var defs []*event
	for _, e := range v.events {
		if e == v.decl || !l.relevant(e, pos) {
			continue
		}
		switch e.kind {
		case evDef:
			defs = append(defs, e)
		case evOpaque:
			if len(l.loopsAround(e.pos)) > 0 {
				return nil, whyLoop
			}
			return nil, whyUnsupported
		case evOpAssign:
			b.appends = append(b.appends, e)
		default:
			b.updates = append(b.updates, e)
		}
	}
	switch {
	case len(defs) == 0:
	case len(defs) == 1 && v.decl.rhs == nil && l.unconditional(defs[0]) && len(b.appends) == 0:
		// var x T; x, err = f(): the one assignment is the value.
		b.rhs, b.tuple = defs[0].rhs, defs[0].tuple
	case len(b.appends) == 0 && len(b.updates) == 0:
		// Several writes: the shape joins their values.
		b.alts = []ast.Expr{v.decl.rhs}
		for _, d := range defs {
			if d.tuple > 0 || d.rhs == nil {
				return nil, whyCall
			}
			if mentions(l.info, d.rhs, v.obj) {
				return nil, whyCond
			}
			b.alts = append(b.alts, d.rhs)
		}
	default:
		return nil, whyCond
	}
	if b.tuple > 0 {
		return nil, whyCall // the second result of a call: an error, a count
	}
	return b, whyNone
}

// joinWrites evaluates each of a binding's writes with one shape's
// evaluator and joins them: one value when they agree, else unknown.
func joinWrites(b *binding, use ast.Node, eval func(ast.Expr) *val) *val {
	vs := make([]*val, len(b.alts))
	for i, e := range b.alts {
		if e == nil {
			return unknown(whyCond, use) // a zero value and another write
		}
		vs[i] = eval(e)
	}
	return join(vs, use)
}

// mentions reports whether e reads the variable obj (p = "." + p).
func mentions(info *types.Info, e ast.Expr, obj *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}
