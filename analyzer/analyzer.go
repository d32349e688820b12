package analyzer

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

// Analyzer is the atslint analyzer, configured by its flags.
var Analyzer = &analysis.Analyzer{
	Name:       "atslint",
	Doc:        mustExtractDoc(doc, "atslint"),
	URL:        "https://pkg.go.dev/github.com/atslint/atslint/analyzer",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(summaryFact)},
	Run:        func(pass *analysis.Pass) (any, error) { return run(pass, flagSettings) },
}

// Settings configure an analyzer: the values of its flags.
type Settings struct {
	// Provider is used for requests that name none and whose account is
	// not in the config (-provider).
	Provider string
	// Providers, comma-separated, replaces the config's providers list
	// (-providers).
	Providers string
	// Config names the config file; "" searches from each package's
	// directory upward (-config).
	Config string
	// OpenAPI names a StackOne ATS OpenAPI document to check against
	// instead of the built-in catalogue (-openapi).
	OpenAPI string
}

var flagSettings = new(Settings)

func init() {
	fs := &Analyzer.Flags
	fs.StringVar(&flagSettings.Provider, "provider", "", "provider of requests that name none (greenhouse, lever, bullhorn, …)")
	fs.StringVar(&flagSettings.Providers, "providers", "", "comma-separated providers to check unlabelled requests against (default: the config's providers)")
	fs.StringVar(&flagSettings.Config, "config", "", "config file, an absolute path under go vet (default: .atslint.yaml in the package directory or a parent)")
	fs.StringVar(&flagSettings.OpenAPI, "openapi", "", "check against this StackOne ATS OpenAPI document instead of the built-in catalogue")
}

// New returns an analyzer with fixed settings instead of flags, for drivers
// that configure it themselves (atslint vet).
func New(s Settings) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       Analyzer.Name,
		Doc:        Analyzer.Doc,
		URL:        Analyzer.URL,
		Requires:   Analyzer.Requires,
		ResultType: Analyzer.ResultType,
		FactTypes:  Analyzer.FactTypes,
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, &s) },
	}
}

// Result is what the analyzer found in one package, for drivers that need
// more than the analysis diagnostics (atslint vet's JSON and SARIF output).
type Result struct {
	// Files are the names of the files analysed (not ignored by the config).
	Files []string
	// Requests are the positions of the StackOne requests found.
	Requests []token.Pos
	// Diagnostics are the reported diagnostics, in position order.
	Diagnostics []Diagnostic
}

// Diagnostic is an engine diagnostic with its Go source range. Its Span is
// zero: drivers compute lines and columns from Pos and End.
type Diagnostic struct {
	rules.Diagnostic
	Pos, End token.Pos
}

func run(pass *analysis.Pass, s *Settings) (_ any, err error) {
	// Whatever the code, a bug in the analyzer is an error naming the
	// package, never a crash with a stack trace (DESIGN.md §9).
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error analysing %s: %v", pass.Pkg.Path(), r)
		}
	}()
	if pass.TypesInfo == nil || len(pass.Files) == 0 {
		// A dependency loaded without syntax (atslint vet loads only the
		// named packages from source): nothing to summarise.
		return &Result{}, nil
	}
	st, err := stateFor(*s)
	if err != nil {
		return nil, err
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	a := &pkgRun{pass: pass, st: st, res: &Result{}}
	if err := a.loadConfig(); err != nil {
		return nil, err
	}
	a.collectDirectives()
	if err := a.checkProviderDirectives(); err != nil {
		return nil, err
	}
	a.findRequests(in)
	a.applyIgnores()
	a.report()
	return a.res, nil
}

// pkgRun holds the state of one run over one package.
type pkgRun struct {
	pass *analysis.Pass
	st   *state
	cfg  *configState
	res  *Result

	files      map[*token.File]*fileInfo
	order      []*fileInfo // the files in the package's order
	fns        []*fn
	sites      []*site
	diags      []Diagnostic
	directives []*directive

	consts     map[*types.Const]constRef
	funcs      map[*types.Func]*ast.FuncDecl
	transports *bool

	sums   map[*types.Func]*summary // computed here or imported
	fields *fieldIndex
}

// fileInfo is what the analyzer knows about one file of the package.
type fileInfo struct {
	ast      *ast.File
	tok      *token.File
	name     string
	ignored  bool   // excluded by the config's ignore globs
	provider string // //atslint:provider above the package clause
	provPos  token.Pos
	requests int
}

// checkSite runs the engine over one request on its own: in Go one
// construction site is not one request sent, so rules that compare the
// requests of a file (repeats, rates) must not see two sites as two sends.
// A call of a summarised function does not repeat the findings the
// helper reports itself.
func (a *pkgRun) checkSite(s *site) {
	eng := a.engine(s.file)
	s.found = map[string]bool{}
	for _, d := range eng.Check([]*request.Request{s.req}) {
		key := findingKey(d.Rule, d.Provider, d.Message)
		s.found[key] = true
		if s.sum != nil && s.sum.found[key] {
			continue
		}
		pos, end := spanPos(d.Span)
		if !pos.IsValid() || a.fileOf(pos) == nil {
			pos, end = s.call.Pos(), s.call.End()
		}
		d.Span = request.Span{}
		d.Fix = a.goFix(d.Fix)
		a.diags = append(a.diags, Diagnostic{Diagnostic: d, Pos: pos, End: end})
	}
}

// report sorts and deduplicates the diagnostics (a constant shared by
// several requests yields the same finding once) and reports them.
func (a *pkgRun) report() {
	slices.SortStableFunc(a.diags, func(x, y Diagnostic) int {
		return cmp.Or(cmp.Compare(x.Pos, y.Pos), rules.CompareDiagnostics(x.Diagnostic, y.Diagnostic))
	})
	var kept []Diagnostic
	for i, d := range a.diags {
		if i > 0 {
			p := a.diags[i-1]
			if p.Pos == d.Pos && p.End == d.End && p.Rule == d.Rule && p.Provider == d.Provider && p.Message == d.Message {
				continue
			}
		}
		if fi := a.fileOf(d.Pos); fi == nil || fi.ignored {
			continue // a constant declared in a file the config ignores
		}
		kept = append(kept, d)
		a.pass.Report(analysis.Diagnostic{
			Pos: d.Pos, End: d.End, Category: d.Rule,
			Message:        message(d.Diagnostic),
			URL:            ruleURL(d.Rule),
			SuggestedFixes: suggestedFixes(d.Fix),
		})
	}
	a.res.Diagnostics = kept
}

// message formats a diagnostic the way atslint's text output does:
// "severity: message [rule]", naming the provider after the rule when a rule
// shared by several providers fired for one of them.
func message(d rules.Diagnostic) string {
	return fmt.Sprintf("%s: %s [%s]", d.Severity, d.Message, d.Tag())
}

func ruleURL(id string) string {
	if r, ok := rules.Lookup(id); ok {
		return r.URL()
	}
	return ""
}

// mustExtractDoc returns the text of doc.go's "# Analyzer name" section
// after its "name: " prefix, so that godoc, go vet help and the analyzer
// share one source (the x/tools analyzerutil convention).
func mustExtractDoc(content, name string) string {
	_, rest, ok := strings.Cut(content, "// # Analyzer "+name+"\n")
	if !ok {
		panic("analyzer: doc.go has no '# Analyzer " + name + "' heading")
	}
	// Line by line up to the section's end, into one buffer of the
	// section's size: this runs at init in every atslint process (issue 12).
	end := 0
	for end < len(rest) {
		l, _, _ := strings.Cut(rest[end:], "\n")
		if !strings.HasPrefix(l, "//") || strings.HasPrefix(l, "// # ") {
			break
		}
		end += len(l) + 1
	}
	section := rest[:min(end, len(rest))]
	var b strings.Builder
	b.Grow(len(section))
	for section != "" {
		var l string
		l, section, _ = strings.Cut(section, "\n")
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.TrimPrefix(strings.TrimPrefix(l, "//"), " "))
	}
	text := strings.TrimSpace(b.String())
	body, ok := strings.CutPrefix(text, name+": ")
	if !ok {
		panic("analyzer: '# Analyzer " + name + "' heading not followed by '" + name + ": summary'")
	}
	return body
}
