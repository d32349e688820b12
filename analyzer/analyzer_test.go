package analyzer_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/atslint/atslint/analyzer"
)

// TestAnalyzer runs the analyzer with default settings over packages that
// cover every extraction form, unknowns that must not fire, directives and
// loops. One run loads the standard library once for all of them.
func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer,
		"client", "urls", "bodies", "unknowns", "headers", "ignores", "loops", "providers")
}

// TestProviderFlag runs with -provider smartrecruiters; a function's
// directive still wins.
func TestProviderFlag(t *testing.T) {
	a := analyzer.New(analyzer.Settings{Provider: "SmartRecruiters"})
	analysistest.Run(t, analysistest.TestData(), a, "provflag")
}

// TestConfig reads provcfg/.atslint.yaml: providers, accounts, rules,
// overrides and ignore.
func TestConfig(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "provcfg")
}

// TestPositions checks the exact range of each kind of part: a segment
// inside a constant's literal, a struct field key, a struct literal left
// incomplete, a header value, a key inside a JSON string, a query key in
// a local variable's literal.
func TestPositions(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "positions")
	var got []string
	for _, r := range results {
		fset := r.Pass.Fset
		for _, d := range r.Diagnostics {
			s, e := fset.Position(d.Pos), fset.Position(d.End)
			src, err := os.ReadFile(s.Filename)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%d:%d-%d:%d %s %s", s.Line, s.Column, e.Line, e.Column, d.Category, src[s.Offset:e.Offset]))
		}
	}
	want := []string{
		`12:64-12:68 stackone/placeholder-id {id}`,
		`20:26-20:46 stackone/empty-note Note{AutherID: "u1"}`,
		`20:31-20:39 stackone/unknown-field AutherID`,
		`23:30-23:46 security/hardcoded-credential "sk_live_abcdef"`,
		`27:51-27:62 stackone/unknown-field "visibilty"`,
		`31:7-31:17 stackone/unknown-query-param "pagesize"`,
		`32:11-32:66 stackone/missing-account-id "https://api.stackone.com/unified/ats/jobs?" + q + "=5"`,
	}
	sort.Strings(got)
	assert.Equal(t, want, got)
}

// TestDoc checks the analyzer's documentation comes from doc.go and its
// flags exist.
func TestDoc(t *testing.T) {
	a := analyzer.Analyzer
	assert.Equal(t, "atslint", a.Name)
	assert.True(t, strings.HasPrefix(a.Doc, "report requests to StackOne's unified ATS API that will fail or lose data\n\nThe atslint analyzer"), a.Doc)
	assert.NotContains(t, a.Doc, "package analyzer")
	for _, name := range []string{"provider", "providers", "config", "openapi"} {
		assert.NotNil(t, a.Flags.Lookup(name), name)
	}
	assert.Error(t, analyzer.Validate(analyzer.Settings{Provider: "nope"}))
	assert.Error(t, analyzer.Validate(analyzer.Settings{Providers: "lever,nope"}))
	assert.Error(t, analyzer.Validate(analyzer.Settings{Config: "testdata/no-such.yaml"}))
	assert.NoError(t, analyzer.Validate(analyzer.Settings{Provider: "bullhorn_ats", Providers: "lever, greenhouse"}))
}

// TestShapes runs the analyzer over clients in the shapes real Go
// integrations have, and application code in other packages that only
// calls them: the diagnostics are at the caller's expressions, the
// helpers' own bugs once in the helpers.
func TestShapes(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "ghclient", "ghapp", "oapiats", "oapiapp", "stripeish", "restyapp", "edclient", "edapp")
}

// TestSuggestedFixes applies the analyzer's suggested fixes to the fixes
// package and compares the result with its .golden file.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.Analyzer, "fixes")
}
