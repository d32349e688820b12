package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/atslint/atslint/analyzer"
	"github.com/atslint/atslint/rules"
)

func init() {
	// smartrecruiters/rate-limit belongs to the provider rule set; until
	// it is registered, stand in for it so the loop check can be tested.
	if _, ok := rules.Lookup("smartrecruiters/rate-limit"); !ok {
		rules.Register(&rules.Rule{
			ID: "smartrecruiters/rate-limit", Severity: rules.Warning, Providers: []string{"smartrecruiters"}, Predicts: "429",
			Doc: rules.Doc{Title: "stand-in for tests", Why: "-", Fix: "-", Sources: []string{"-"}},
		})
	}
}

// TestAnalyzer runs the analyzer with default settings over packages that
// cover every extraction form, unknowns that must not fire, directives and
// loops. One run loads the standard library once for all of them.
func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer,
		"client", "urls", "bodies", "unknowns", "headers", "ignores", "loops")
}
