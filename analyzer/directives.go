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
	ignoreRule     = "atslint/ignore"
)

// directive is one //atslint:ignore comment.
type directive struct {
	file     *fileInfo
	pos, end token.Pos
	line     int
	rules    []string
	reason   string
	used     bool
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
					d := &directive{file: fi, pos: c.Pos(), end: c.End(), line: fi.tok.Line(c.Pos()), reason: strings.TrimSpace(reason)}
					for _, id := range strings.Split(ids, ",") {
						if id = strings.TrimSpace(id); id != "" {
							d.rules = append(d.rules, id)
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

// applyIgnores drops the diagnostics that a directive with a reason
// silences, then reports directives without a reason or that silenced
// nothing, as the engine does for request documents' ignore entries.
func (a *pkgRun) applyIgnores() {
	if len(a.directives) == 0 {
		return
	}
	byLine := map[*fileInfo]map[int][]*directive{}
	for _, d := range a.directives {
		if byLine[d.file] == nil {
			byLine[d.file] = map[int][]*directive{}
		}
		byLine[d.file][d.line] = append(byLine[d.file][d.line], d)
	}
	kept := a.diags[:0]
	for _, diag := range a.diags {
		fi := a.fileOf(diag.Pos)
		silenced := false
		if fi != nil && diag.Rule != ignoreRule {
			line := fi.tok.Line(diag.Pos)
			for _, l := range []int{line, line - 1} {
				for _, d := range byLine[fi][l] {
					if d.reason != "" && contains(d.rules, diag.Rule) {
						d.used, silenced = true, true
					}
				}
			}
		}
		if !silenced {
			kept = append(kept, diag)
		}
	}
	a.diags = kept
	for _, d := range a.directives {
		sev := a.severity(ignoreRule, d.file)
		if sev == rules.Off {
			continue
		}
		var msgs []string
		switch {
		case len(d.rules) == 0:
			msgs = append(msgs, "ignore directive names no rule; write //atslint:ignore RULE reason")
		case d.reason == "":
			msgs = append(msgs, "ignore of "+strings.Join(d.rules, ",")+" has no reason; say why the diagnostic does not apply")
		case !d.used:
			for _, id := range d.rules {
				if _, known := rules.Lookup(id); !known {
					msgs = append(msgs, fmt.Sprintf("ignore names unknown rule %q", id))
				}
			}
			if len(msgs) == 0 {
				msgs = append(msgs, "ignore of "+strings.Join(d.rules, ",")+" silences nothing; remove it")
			}
		}
		r, _ := rules.Lookup(ignoreRule)
		for _, m := range msgs {
			diag := rules.Diagnostic{Rule: ignoreRule, Severity: sev, Message: m}
			if r != nil {
				diag.Predicts = r.Predicts
			}
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

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
