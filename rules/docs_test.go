package rules

import (
	"os"
	"testing"
)

// TestDocsUpToDate fails when docs/rules.md, docs/providers.md or the README's rule table no
// longer match the rule definitions.
func TestDocsUpToDate(t *testing.T) {
	want := Markdown(All())
	got, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("docs/rules.md is stale; run: go generate ./rules")
	}
	providers, err := os.ReadFile("../docs/providers.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(providers) != string(ProvidersMarkdown()) {
		t.Errorf("docs/providers.md is stale; run: go generate ./rules")
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	spliced, err := SpliceReadme(readme, All())
	if err != nil {
		t.Fatal(err)
	}
	if string(spliced) != string(readme) {
		t.Errorf("README.md rule table is stale; run: go generate ./rules")
	}
}
