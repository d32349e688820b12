package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/atslint/atslint/rules"
)

// The engine sees one request at a time and no control flow, so the
// analyzer itself reports a rate-limited SmartRecruiters endpoint called
// from a loop that never waits (DESIGN.md §3, smartrecruiters/rate-limit:
// "or from a loop (Go)"). It uses the registered rule's severity, predicted
// outcome and docs; without that rule registered it reports nothing.

const rateLimitRule = "smartrecruiters/rate-limit"

// rateLimitedOps are the SmartRecruiters endpoints the rule is about: the
// application and interview lists, which SmartRecruiters cannot serve
// directly (DESIGN.md §3; provider-quirks.md SR-03).
var rateLimitedOps = map[string]string{
	"ats_list_applications": "application list",
	"ats_list_interviews":   "interview list",
}

const waitAdvice = "it allows 1 request per 5 minutes, so repeated calls get 429; wait between calls (time.Sleep, a ticker, a rate limiter's Wait)"

// checkLoops reports rate-limited SmartRecruiters requests built in a loop
// that never waits, and calls in such loops of a function of this package
// that builds one.
func (a *pkgRun) checkLoops(in *inspector.Inspector) {
	helpers := map[*types.Func]*site{}
	for _, s := range a.sites {
		what := a.rateLimited(s)
		if what == "" {
			continue
		}
		if loop := innermostLoop(s.f.locals, s.call.Pos()); loop != nil {
			if !a.waits(loop) {
				a.reportLoop(s, s.call, fmt.Sprintf("SmartRecruiters %s requested in a loop that never waits; %s", what, waitAdvice))
			}
			continue
		}
		if obj, ok := a.pass.TypesInfo.Defs[s.f.decl.Name].(*types.Func); ok {
			helpers[obj] = s
		}
	}
	if len(helpers) == 0 {
		return
	}
	in.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		call := n.(*ast.CallExpr)
		fo := (&fn{info: a.pass.TypesInfo}).callee(call)
		if fo == nil {
			return true
		}
		s, ok := helpers[fo.Origin()]
		if !ok {
			return true
		}
		if fi := a.fileOf(call.Pos()); fi == nil || fi.ignored {
			return true
		}
		var loop ast.Node
		for _, n := range stack {
			switch n.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				loop = n
			}
		}
		if loop == nil || a.waits(loop) {
			return true
		}
		msg := fmt.Sprintf("%s requests the SmartRecruiters %s and is called in a loop that never waits; %s", fo.Name(), a.rateLimited(s), waitAdvice)
		a.reportLoop(s, call, msg)
		return true
	})
}

// rateLimited names the rate-limited endpoint a SmartRecruiters request
// calls, or "".
func (a *pkgRun) rateLimited(s *site) string {
	if a.severity(rateLimitRule, s.file) == rules.Off {
		return ""
	}
	eng := a.engine(s.file)
	op := eng.Operation(s.req)
	if op == nil || rateLimitedOps[op.ID] == "" || !slices.Contains(eng.Providers(s.req), "smartrecruiters") {
		return ""
	}
	return rateLimitedOps[op.ID]
}

func (a *pkgRun) reportLoop(s *site, at ast.Node, msg string) {
	d := rules.Diagnostic{
		Rule: rateLimitRule, Severity: a.severity(rateLimitRule, s.file), Provider: "smartrecruiters",
		Pointer: s.req.PathPointer, Request: s.req.Index, Message: msg,
	}
	if op := a.engine(s.file).Operation(s.req); op != nil {
		d.Operation = op.ID
	}
	if r, ok := rules.Lookup(rateLimitRule); ok {
		d.Predicts = r.Predicts
	}
	a.diags = append(a.diags, Diagnostic{Diagnostic: d, Pos: at.Pos(), End: at.End()})
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
