package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/atslint/atslint/analyzer"
)

func TestClient(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "client", "urls", "bodies")
}
