package rules

import (
	"os"
	"regexp"
	"strings"
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

// publicHost finds a public web address (a host name) in a source.
var publicHost = regexp.MustCompile(`\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|io|co|de|dev|net|org|ai)\b`)

// TestDocsCitePublicSources: rule docs are read by users, who do not have
// atslint's research notes, so every doc cites the public sources
// themselves and never a shared/ path; each rule names at least one public
// address.
func TestDocsCitePublicSources(t *testing.T) {
	for _, r := range All() {
		fields := append([]string{r.Doc.Title, r.Doc.Why, r.Doc.Fix, r.Doc.Bad, r.Doc.Good}, r.Doc.Sources...)
		for _, f := range fields {
			for _, bad := range []string{"shared/", "facts/", "provider-quirks", "ats-connector-errors.txt"} {
				if strings.Contains(f, bad) {
					t.Errorf("%s: doc mentions %q, which users do not have: %s", r.ID, bad, f)
				}
			}
		}
		public := false
		for _, s := range r.Doc.Sources {
			public = public || publicHost.MatchString(s)
		}
		if !public {
			t.Errorf("%s: no source names a public address: %q", r.ID, r.Doc.Sources)
		}
	}
	// The rendered forms carry the same text.
	if md := string(Markdown(All())); strings.Contains(md, "shared/") {
		t.Errorf("docs/rules.md mentions shared/")
	}
}
