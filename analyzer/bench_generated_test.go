package analyzer_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/atslint/atslint/analyzer"
	"github.com/atslint/atslint/internal/benchdata"
)

// generatedSites is the number of request sites of the generated package.
const generatedSites = 200

// BenchmarkAnalyzerGenerated measures the analyzer alone (package loading
// and type checking happen before the timer) over a generated package of
// 200 request sites: URLs from constants, concatenation and fmt.Sprintf,
// url.Values queries, bodies from json.Marshal of struct and map literals
// and from JSON string literals, headers set on the request.
func BenchmarkAnalyzerGenerated(b *testing.B) {
	gopath := b.TempDir()
	dir := filepath.Join(gopath, "src", "gen")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "gen.go"), benchdata.GoPackage("gen", generatedSites), 0o644); err != nil {
		b.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, "gen")
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("the generated package does not compile")
	}
	a := analyzer.New(analyzer.Settings{})
	requests, diagnostics := 0, 0
	b.ReportAllocs()
	for b.Loop() {
		g, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
		if err != nil {
			b.Fatal(err)
		}
		requests, diagnostics = 0, 0
		for _, act := range g.Roots {
			if act.Err != nil {
				b.Fatal(act.Err)
			}
			requests += len(act.Result.(*analyzer.Result).Requests)
			diagnostics += len(act.Diagnostics)
		}
	}
	if requests != generatedSites {
		b.Fatalf("the analyzer found %d requests, want %d", requests, generatedSites)
	}
	b.ReportMetric(float64(requests), "requests/op")
	b.ReportMetric(float64(diagnostics), "diagnostics/op")
	b.ReportMetric(float64(requests*b.N)/b.Elapsed().Seconds(), "requests/s")
}
