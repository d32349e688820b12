package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/atslint/atslint/analyzer"
)

// TestAnalyzer runs the analyzer with default settings over packages that
// cover every extraction form, unknowns that must not fire, directives and
// loops. One run loads the standard library once for all of them.
func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer,
		"client", "urls", "bodies", "unknowns", "headers", "ignores", "loops")
}
