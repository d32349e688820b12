package analyzer_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/atslint/atslint/analyzer"
)

// BenchmarkAnalyzer measures the analyzer alone (not package loading) over
// the test packages: every extraction form, about a hundred requests.
func BenchmarkAnalyzer(b *testing.B) {
	gopath, err := filepath.Abs("testdata")
	if err != nil {
		b.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, "client", "urls", "bodies", "unknowns", "headers", "ignores", "loops", "providers")
	if err != nil {
		b.Fatal(err)
	}
	a := analyzer.New(analyzer.Settings{})
	requests := 0
	for b.Loop() {
		g, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
		if err != nil {
			b.Fatal(err)
		}
		requests = 0
		for _, act := range g.Roots {
			if act.Err != nil {
				b.Fatal(act.Err)
			}
			requests += len(act.Result.(*analyzer.Result).Requests)
		}
	}
	b.ReportMetric(float64(requests), "requests/op")
}
