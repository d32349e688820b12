package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

// goFix maps an engine fix onto the Go source: its edits' spans are Go
// source ranges (see span), and each must change text the user wrote in a
// string literal (a JSON key or value, a url's query key or scheme) or a
// json struct tag. It returns the fix with each edit's text as Go source,
// or nil when any edit falls elsewhere (Go code cannot take JSON text).
func (a *pkgRun) goFix(f *rules.Fix) *rules.Fix {
	if f == nil {
		return nil
	}
	out := &rules.Fix{Safety: f.Safety, Description: f.Description}
	for _, e := range f.Edits {
		ge, ok := a.goEdit(e)
		if !ok {
			return nil
		}
		out.Edits = append(out.Edits, ge)
	}
	return out
}

func (a *pkgRun) goEdit(e request.Edit) (request.Edit, bool) {
	pos, end := spanPos(e.Span)
	fi := a.fileOf(pos)
	if fi == nil || !pos.IsValid() || end < pos || a.fileOf(end) != fi {
		return request.Edit{}, false
	}
	path, _ := astutil.PathEnclosingInterval(fi.ast, pos, end)
	if len(path) == 0 {
		return request.Edit{}, false
	}
	at := func(text string) (request.Edit, bool) { return request.Edit{Span: e.Span, Text: text}, true }
	switch n := path[0].(type) {
	case *ast.BasicLit:
		whole := pos == n.Pos() && end == n.End()
		switch {
		case n.Kind == token.STRING && whole:
			// The literal is one JSON token (a map key or value) or one
			// stretch of a url (a query key): its new value is the token's
			// string, or the url text.
			text := e.Text
			if strings.HasPrefix(text, `"`) {
				s, err := strconv.Unquote(text)
				if err != nil {
					return request.Edit{}, false
				}
				text = s
			}
			return at(strconv.Quote(text))
		case n.Kind == token.STRING && pos > n.Pos() && end < n.End():
			// Text inside the literal: the evaluated string maps byte
			// ranges back to whole escape sequences, so the new text only
			// needs escaping as the literal's kind wants.
			if strings.HasPrefix(n.Value, "`") {
				if strings.ContainsAny(e.Text, "`\r") {
					return request.Edit{}, false
				}
				return at(e.Text)
			}
			q := strconv.Quote(e.Text)
			return at(q[1 : len(q)-1])
		case (n.Kind == token.INT || n.Kind == token.FLOAT) && whole && isNumber(e.Text):
			return at(e.Text)
		}
	case *ast.Ident:
		return a.tagEdit(n, e)
	}
	return request.Edit{}, false
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "+_xXpPiInN")
}

// tagEdit renames a struct field's JSON name in its json tag, for an edit
// that renames the key of a struct field (the field name in a composite
// literal). The struct must be declared in this package and its field
// must name itself in a json tag.
func (a *pkgRun) tagEdit(id *ast.Ident, e request.Edit) (request.Edit, bool) {
	v, ok := a.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || !v.IsField() || !strings.HasPrefix(e.Text, `"`) {
		return request.Edit{}, false
	}
	name, err := strconv.Unquote(e.Text)
	if err != nil || name == "" || strings.ContainsAny(name, "\",`\\ \t\n:") {
		return request.Edit{}, false
	}
	fi := a.fileOf(v.Pos())
	if fi == nil {
		return request.Edit{}, false
	}
	var tag *ast.BasicLit
	ast.Inspect(fi.ast, func(n ast.Node) bool {
		if fld, ok := n.(*ast.Field); ok && fld.Tag != nil {
			for _, nm := range fld.Names {
				if nm.Pos() == v.Pos() {
					tag = fld.Tag
				}
			}
		}
		return tag == nil
	})
	if tag == nil || !strings.HasPrefix(tag.Value, "`") {
		return request.Edit{}, false
	}
	i := strings.Index(tag.Value, `json:"`)
	if i < 0 || i > 1 && tag.Value[i-1] != ' ' {
		return request.Edit{}, false
	}
	from := i + len(`json:"`)
	to := from + strings.IndexAny(tag.Value[from:], `,"`)
	if to < from || to == from || tag.Value[from:to] == "-" {
		return request.Edit{}, false
	}
	start := tag.Pos() + token.Pos(from)
	return request.Edit{Span: span(start, tag.Pos()+token.Pos(to)), Text: name}, true
}

// suggestedFixes is a diagnostic's fix as go/analysis SuggestedFixes;
// an unsafe one says so in its message.
func suggestedFixes(f *rules.Fix) []analysis.SuggestedFix {
	if f == nil {
		return nil
	}
	msg := f.Description
	if f.Safety == rules.Unsafe {
		msg += " (unsafe: changes what is sent)"
	}
	sf := analysis.SuggestedFix{Message: msg}
	for _, e := range f.Edits {
		pos, end := spanPos(e.Span)
		sf.TextEdits = append(sf.TextEdits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(e.Text)})
	}
	return []analysis.SuggestedFix{sf}
}
