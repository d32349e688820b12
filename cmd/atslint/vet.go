package main

import (
	"flag"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/unitchecker"
	"golang.org/x/tools/go/packages"

	"github.com/atslint/atslint/analyzer"
	"github.com/atslint/atslint/config"
	"github.com/atslint/atslint/report"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

func init() {
	register(&command{name: "vet", short: "check requests built in Go code", run: runVet})
	vettoolHook = vettool
}

// vetFlags are atslint vet's flags.
type vetFlags struct {
	format, failOn, provider, providers, configPath, openapi, tags string
	color                                                          string
	tests                                                          bool
	fix                                                            fixFlags
}

func (f *vetFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(formatNames(), ", "))
	fs.StringVar(&f.failOn, "fail-on", "", "lowest severity that makes the exit code 1: error (default), warning or info")
	fs.StringVar(&f.provider, "provider", "", "provider of requests that name none (greenhouse, lever, bullhorn, …)")
	fs.StringVar(&f.providers, "providers", "", "comma-separated providers to check unlabelled requests against (default: the config's providers)")
	fs.StringVar(&f.configPath, "config", "", "config file (default: .atslint.yaml in each package's directory or a parent)")
	fs.StringVar(&f.openapi, "openapi", "", "check against this StackOne ATS OpenAPI document instead of the built-in catalogue")
	fs.StringVar(&f.tags, "tags", "", "comma-separated build tags, as for go build")
	fs.BoolVar(&f.tests, "test", true, "also check test files")
	fs.StringVar(&f.color, "color", "auto", "colour severities in text output: auto (when stdout is a terminal and NO_COLOR is unset), always or never")
	fs.BoolVar(&f.fix.apply, "fix", false, "apply the safe suggested fixes to the Go files; the report shows what is left")
	fs.BoolVar(&f.fix.unsafe, "unsafe-fixes", false, "with -fix, apply unsafe fixes too (they change what is sent); without, mark them fixable")
}

const vetSynopsis = `usage: atslint vet [flags] [PACKAGES]

Checks the requests to StackOne's unified ATS API that Go packages build with
net/http (default packages: ./...). go vet -vettool=$(command -v atslint) ./...
runs the same checks.

A run over unchanged packages, config and flags replays the previous run's
report from a cache (ATSLINT_CACHE=off turns it off, ATSLINT_CACHE=DIR moves
it; default: atslint/vet in the user cache directory). Runs with -fix or with
errors are never cached.`

func runVet(e *env, args []string) int {
	fs := flag.NewFlagSet("vet", flag.ContinueOnError)
	var f vetFlags
	f.register(fs)
	patterns, code, done := e.parseFlags(fs, vetSynopsis, args)
	if done {
		return code
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	s, a, err := f.prepare(e.dir)
	if err == nil {
		err = s.setColor(e, f.color)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "atslint: %v\n", err)
		return exitUsage
	}
	s.fix = f.fix
	// The cache key holds the whole command line and every file named by a
	// flag (config files found in package directories are added later).
	cached := vetInputs{args: args, cache: vetCacheDir(e.getenv)}
	for _, name := range []string{f.configPath, f.openapi} {
		if name != "" && !filepath.IsAbs(name) {
			name = filepath.Join(e.dir, name)
		}
		cached.files = append(cached.files, name)
	}
	var rep *report.Report
	for round := 0; ; round++ {
		var edits map[string][][]request.Edit
		rep, edits, err = vetPackages(e.dir, a, patterns, f.tags, f.tests, f.fix, cached)
		if err != nil {
			fmt.Fprintf(e.stderr, "atslint: %v\n", err)
			return exitUsage
		}
		if !f.fix.apply || round == maxVetFixRounds {
			break
		}
		n, files, err := applyGoFixes(edits)
		s.fixed.fixes += n
		s.fixed.files += files
		if err != nil {
			fmt.Fprintf(e.stderr, "atslint: %v\n", err)
			return exitUsage
		}
		if n == 0 {
			break
		}
	}
	return s.finish(e, rep)
}

// prepare validates the flags, reads fail_on from the config and returns
// the analyzer configured by them. A non-nil error is a usage error.
func (f *vetFlags) prepare(dir string) (*setup, *analysis.Analyzer, error) {
	s := &setup{formatName: f.format}
	var ok bool
	if s.format, ok = report.Formats[f.format]; !ok {
		return nil, nil, unknownFormat(f.format, formatNames())
	}
	cfgPath := f.configPath
	if cfgPath == "" {
		cfgPath = config.Find(dir)
	} else if !filepath.IsAbs(cfgPath) {
		cfgPath = filepath.Join(dir, cfgPath)
	}
	s.failOn = rules.Error
	if cfgPath != "" {
		cfg, err := config.Load(cfgPath)
		if err != nil {
			return nil, nil, err
		}
		if cfg.FailOn != rules.Off {
			s.failOn = cfg.FailOn
		}
	}
	if f.failOn != "" {
		sev, err := parseFailOn(f.failOn)
		if err != nil {
			return nil, nil, err
		}
		s.failOn = sev
	}
	settings := analyzer.Settings{Provider: f.provider, Providers: f.providers, OpenAPI: f.openapi}
	if f.configPath != "" {
		settings.Config = cfgPath
	}
	if settings.OpenAPI != "" && !filepath.IsAbs(settings.OpenAPI) {
		settings.OpenAPI = filepath.Join(dir, settings.OpenAPI)
	}
	if err := analyzer.Validate(settings); err != nil {
		return nil, nil, err
	}
	return s, analyzer.New(settings), nil
}

// vetPackages loads the packages and runs the analyzer over them. A
// package that does not load or type-check is a file error (exit 2):
// its requests could not be checked.
//
// With ff.apply, it also returns the edits of the fixes to apply, by file
// name (a fix may change a json tag in another file of the package).
func vetPackages(dir string, a *analysis.Analyzer, patterns []string, tags string, tests bool, ff fixFlags, in vetInputs) (*report.Report, map[string][][]request.Edit, error) {
	cfg := &packages.Config{
		Mode:  packages.LoadSyntax | packages.NeedModule,
		Dir:   dir,
		Tests: tests,
	}
	if tags != "" {
		cfg.BuildFlags = []string{"-tags=" + tags}
	}
	patterns, listed, err := requestPackages(cfg, patterns)
	if err != nil {
		return nil, nil, err
	}
	var cache *vetCache
	if !ff.apply {
		cache = newVetCache(dir, in, listed)
		if rep, ok := cache.load(); ok {
			return rep, map[string][][]request.Edit{}, nil
		}
	}
	if len(patterns) == 0 {
		return &report.Report{}, map[string][][]request.Edit{}, nil
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	if len(pkgs) == 0 {
		return nil, nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	rep := &report.Report{}
	seenErr := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, pe := range p.Errors {
			file, msg := p.PkgPath, pe.Msg
			if pe.Pos != "" && pe.Pos != "-" {
				file = relPath(dir, pe.Pos)
			}
			if !seenErr[file+msg] {
				seenErr[file+msg] = true
				rep.Errors = append(rep.Errors, report.FileError{File: file, Message: msg})
			}
		}
	})
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		return nil, nil, err
	}
	edits := map[string][][]request.Edit{}
	files, reqs, diags := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, act := range graph.Roots {
		if act.Err != nil {
			if len(act.Package.Errors) == 0 { // load errors are reported above
				rep.Errors = append(rep.Errors, report.FileError{File: act.Package.PkgPath, Message: act.Err.Error()})
			}
			continue
		}
		res, _ := act.Result.(*analyzer.Result)
		if res == nil {
			continue
		}
		fset := act.Package.Fset
		for _, name := range res.Files {
			files[name] = true
		}
		// A package and its test variant share files: count and report
		// each request and diagnostic once.
		for _, p := range res.Requests {
			reqs[fset.Position(p).String()] = true
		}
		for _, d := range res.Diagnostics {
			rd := locate(fset, dir, d)
			key := fmt.Sprintf("%s:%d:%d|%s|%s|%s", rd.File, rd.Span.Start.Line, rd.Span.Start.Column, rd.Rule, rd.Provider, rd.Message)
			if diags[key] {
				continue
			}
			diags[key] = true
			rep.Diagnostics = append(rep.Diagnostics, rd)
			if ff.apply && d.Fix != nil && ff.wants(d.Fix.Safety) {
				if file, es, ok := goFileEdits(fset, d.Fix); ok {
					edits[file] = append(edits[file], es)
				}
			}
		}
	}
	locateInFiles(dir, rep.Diagnostics)
	rep.Summary.Files, rep.Summary.Requests = len(files), len(reqs)
	sort.Slice(rep.Errors, func(i, j int) bool { return rep.Errors[i].File < rep.Errors[j].File })
	cache.store(rep)
	return rep, edits, nil
}

// requestPackages narrows patterns to the packages that can hold a
// StackOne request, so that only they are type-checked from source (what
// atslint vet's time goes on): those whose imports reach net/http, which
// every HTTP library and generated client imports, and the packages they
// import in turn (a URL or query helper whose summary they need). A
// package that does not list cleanly is kept, so its errors are reported.
// On golang.org/x/tools, 48 of 487 packages and test variants remain.
// Patterns are returned unchanged when nothing would be saved or a
// package cannot be named by its import path (files named on the command
// line).
//
// It also returns the listed packages (with their files, modules and
// dependencies), from which the result cache makes its key.
func requestPackages(cfg *packages.Config, patterns []string) ([]string, []*packages.Package, error) {
	list := *cfg
	list.Mode = packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedFiles | packages.NeedModule
	roots, err := packages.Load(&list, patterns...)
	if err != nil {
		return nil, nil, err
	}
	if len(roots) == 0 {
		return nil, nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	reaches := map[*packages.Package]bool{}
	var reachesHTTP func(p *packages.Package) bool
	reachesHTTP = func(p *packages.Package) bool {
		if r, ok := reaches[p]; ok {
			return r
		}
		reaches[p] = false // an import cycle is a listing error, reported below
		r := p.PkgPath == "net/http"
		for _, imp := range p.Imports {
			if r = r || reachesHTTP(imp); r {
				break
			}
		}
		reaches[p] = r
		return r
	}
	byID := map[string]*packages.Package{}
	for _, p := range roots {
		byID[p.ID] = p
	}
	keep := map[*packages.Package]bool{}
	var keepWithImports func(p *packages.Package)
	keepWithImports = func(p *packages.Package) {
		if keep[p] {
			return
		}
		keep[p] = true
		for _, imp := range p.Imports {
			if byID[imp.ID] == imp {
				keepWithImports(imp)
			}
		}
	}
	for _, p := range roots {
		if len(p.Errors) > 0 || reachesHTTP(p) {
			keepWithImports(p)
		}
	}
	if len(keep) == len(roots) {
		return patterns, roots, nil
	}
	paths := map[string]bool{}
	for _, p := range roots {
		paths[p.PkgPath] = true
	}
	var out []string
	seen := map[string]bool{}
	for _, p := range roots {
		if !keep[p] {
			continue
		}
		path := p.PkgPath
		if path == "command-line-arguments" {
			return patterns, roots, nil
		}
		// A test variant, external test package or test main is loaded
		// by its package's path (cfg.Tests).
		for _, suffix := range []string{".test", "_test"} {
			if base := strings.TrimSuffix(path, suffix); base != path && paths[base] {
				path = base
			}
		}
		if !seen[path] {
			seen[path] = true
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out, roots, nil
}

// locateInFiles reads each Go file with diagnostics once to give them
// UTF-16 columns (SARIF, GitHub) and value hashes (baselines); see
// report.LocateReader. A file that cannot be read keeps byte columns.
func locateInFiles(dir string, ds []report.Diagnostic) {
	byFile := map[string][]int{}
	for i, d := range ds {
		byFile[d.File] = append(byFile[d.File], i)
	}
	for file, idx := range byFile {
		path := filepath.FromSlash(file)
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		eds := make([]rules.Diagnostic, len(idx))
		for k, i := range idx {
			eds[k] = ds[i].Diagnostic
		}
		located, err := report.LocateReader(file, f, eds)
		f.Close()
		if err != nil {
			continue
		}
		for k, i := range idx {
			ds[i] = located[k]
		}
	}
}

// locate gives an analyzer diagnostic a file, line and column.
func locate(fset *token.FileSet, dir string, d analyzer.Diagnostic) report.Diagnostic {
	start, end := fset.Position(d.Pos), fset.Position(d.End)
	if !d.End.IsValid() {
		end = start
	}
	rd := report.Diagnostic{File: relPath(dir, start.Filename), Diagnostic: d.Diagnostic}
	rd.Span = request.Span{
		Start: request.Pos{Offset: start.Offset, Line: int32(start.Line), Column: int32(start.Column)},
		End:   request.Pos{Offset: end.Offset, Line: int32(end.Line), Column: int32(end.Column)},
	}
	// The report's fix edits are offsets into the diagnostic's file: a fix
	// that changes another file (a json tag) is applied by -fix but not
	// shown.
	rd.Fix = nil
	if file, es, ok := goFileEdits(fset, d.Fix); ok && file == start.Filename {
		rd.Fix = &rules.Fix{Safety: d.Fix.Safety, Description: d.Fix.Description, Edits: es}
	}
	return rd
}

// relPath shows a file relative to the working directory when it is below
// it, as go vet does.
func relPath(dir, name string) string {
	if rel, err := filepath.Rel(dir, name); err == nil && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(name)
}

// vettool claims the invocations of the go vet protocol: -V=full and
// -flags (asked by go vet before it starts), and a unit.cfg describing
// one package. unitchecker prints diagnostics the go vet way (file:line:
// col: message on stderr) and exits 1 when there are any.
func vettool(e *env, args []string) (int, bool) {
	if !isVettoolInvocation(args) {
		return 0, false
	}
	os.Args = append([]string{os.Args[0]}, args...)
	unitchecker.Main(analyzer.Analyzer) // does not return
	return exitOK, true
}

func isVettoolInvocation(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	for _, a := range args {
		switch {
		case a == "-flags", a == "--flags", strings.HasPrefix(a, "-V"), strings.HasPrefix(a, "--V"):
			return true
		}
	}
	return false
}
