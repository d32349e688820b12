package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A request sent again and again without a wait is a fact of the Go code,
// not of the request: the front end records it on the Request (Repeated)
// and the rules decide what it means (smartrecruiters/rate-limit).

// markRepeated records on a site's request that it is built in a for or
// range loop whose body never waits. A call of a summarised function in
// such a loop names the function.
func (a *pkgRun) markRepeated(s *site) {
	loop := innermostLoop(s.f.locals, s.call.Pos())
	if loop == nil || a.waits(loop) {
		return
	}
	via := ""
	if call, ok := s.call.(*ast.CallExpr); ok && s.sum != nil {
		if fo := s.f.callee(call); fo != nil {
			via = fo.Name()
		}
	}
	setRepeated(s.req, s.call.Pos(), s.call.End(), via)
}

// innermostLoop returns the innermost for or range statement around pos.
func innermostLoop(l *locals, pos token.Pos) ast.Node {
	loops := l.loopsAround(pos)
	if len(loops) == 0 {
		return nil
	}
	inner := loops[0]
	for _, lp := range loops[1:] {
		if lp.Pos() >= inner.Pos() {
			inner = lp
		}
	}
	return inner
}

// waits reports whether a loop's body waits: time.Sleep, a receive from a
// channel of time.Time (ticker, timer, time.After), a method named Wait,
// WaitN or Take (golang.org/x/time/rate, uber's ratelimit), or a call of a
// function of this package that does one of these.
func (a *pkgRun) waits(loop ast.Node) bool {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	}
	return a.bodyWaits(body, 1)
}

func (a *pkgRun) bodyWaits(body *ast.BlockStmt, depth int) bool {
	if body == nil {
		return false
	}
	info := a.pass.TypesInfo
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if t := info.TypeOf(n.X); n.Op == token.ARROW && t != nil {
				if ch, ok := t.Underlying().(*types.Chan); ok && isNamed(ch.Elem(), "time", "Time") {
					found = true
				}
			}
		case *ast.CallExpr:
			fo := (&fn{info: info}).callee(n)
			if fo == nil {
				return true
			}
			switch {
			case fullName(fo) == "time.Sleep":
				found = true
			case fo.Type().(*types.Signature).Recv() != nil && (fo.Name() == "Wait" || fo.Name() == "WaitN" || fo.Name() == "Take"):
				found = true
			case depth > 0 && fo.Pkg() == a.pass.Pkg:
				if d := a.funcDecl(fo); d != nil && a.bodyWaits(d.Body, depth-1) {
					found = true
				}
			}
		}
		return true
	})
	return found
}
