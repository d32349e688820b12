package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"github.com/atslint/atslint/rules"
)

const (
	ignorePrefix   = "//atslint:ignore"
	providerPrefix = "//atslint:provider"
	ignoreSyntax   = ignorePrefix + " RULE reason"
)

// directive is one //atslint:ignore comment.
type directive struct {
	rules.Ignore
	file     *fileInfo
	pos, end token.Pos
	line     int
}

// collectDirectives reads the //atslint:ignore comments of every file and
// the //atslint:provider above each package clause.
func (a *pkgRun) collectDirectives() {
	for _, fi := range a.order {
		if fi.ignored {
			continue
		}
		for _, cg := range fi.ast.Comments {
			for _, c := range cg.List {
				if rest, ok := directiveArgs(c.Text, ignorePrefix); ok {
					ids, reason, _ := strings.Cut(rest, " ")
					d := &directive{file: fi, pos: c.Pos(), end: c.End(), line: fi.tok.Line(c.Pos())}
					d.Reason = strings.TrimSpace(reason)
					for _, id := range strings.Split(ids, ",") {
						if id = strings.TrimSpace(id); id != "" {
							d.Rules = append(d.Rules, id)
						}
					}
					a.directives = append(a.directives, d)
				}
				// A provider directive above the package clause names the
				// provider of every request in the file.
				if c.Pos() < fi.ast.Package {
					if name, ok := directiveArgs(c.Text, providerPrefix); ok {
						fi.provider, fi.provPos = name, c.Pos()
					}
				}
			}
		}
	}
}

// directiveArgs returns the text after a directive prefix, trimmed, when c
// is that directive ("//atslint:ignoreX" is not //atslint:ignore).
func directiveArgs(text, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(text, prefix)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

// funcProvider returns the provider named by a //atslint:provider line in a
// function's doc comment.
func funcProvider(fd *ast.FuncDecl) (string, token.Pos) {
	if fd == nil || fd.Doc == nil {
		return "", token.NoPos
	}
	for _, c := range fd.Doc.List {
		if name, ok := directiveArgs(c.Text, providerPrefix); ok {
			return name, c.Pos()
		}
	}
	return "", token.NoPos
}

// checkProviderDirectives rejects provider directives that name no known
// provider: like an unknown --provider, that is a usage error, not a
// finding (DESIGN.md §4).
func (a *pkgRun) checkProviderDirectives() error {
	check := func(name string, pos token.Pos) error {
		if pos == token.NoPos {
			return nil
		}
		if _, err := provider(name); err != nil || name == "" {
			if name == "" {
				err = fmt.Errorf("no provider named")
			}
			return fmt.Errorf("%s: //atslint:provider: %v", a.pass.Fset.Position(pos), err)
		}
		return nil
	}
	for _, fi := range a.order {
		if fi.ignored {
			continue
		}
		if err := check(fi.provider, fi.provPos); err != nil {
			return err
		}
		for _, d := range fi.ast.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if err := check(funcProvider(fd)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// applyIgnores drops the diagnostics that a directive with a reason on
// their line or the line above silences, then reports directives without
// a reason or that silence nothing (rules.ApplyIgnores, as the engine does
// for request documents' ignore entries).
func (a *pkgRun) applyIgnores() {
	if len(a.directives) == 0 {
		return
	}
	igs := make([]rules.Ignore, len(a.directives))
	for i, d := range a.directives {
		igs[i] = d.Ignore
	}
	kept, used := rules.ApplyIgnores(a.diags, igs, func(d Diagnostic) string { return d.Rule },
		func(i int, diag Diagnostic) bool {
			d := a.directives[i]
			if a.fileOf(diag.Pos) != d.file {
				return false
			}
			line := d.file.tok.Line(diag.Pos)
			return d.line == line || d.line == line-1
		})
	a.diags = kept
	for i, d := range a.directives {
		for _, diag := range rules.IgnoreDiagnostics(d.Ignore, used[i], ignoreSyntax, a.severity(rules.IgnoreRule, d.file)) {
			a.diags = append(a.diags, Diagnostic{Diagnostic: diag, Pos: d.pos, End: d.end})
		}
	}
}

func (a *pkgRun) fileOf(pos token.Pos) *fileInfo {
	tf := a.pass.Fset.File(pos)
	if tf == nil {
		return nil
	}
	return a.files[tf]
}
