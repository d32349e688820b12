package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/atslint/atslint/schemas"
)

// foldNameSlow is foldName without its ASCII fast path: the definition.
func foldNameSlow(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func TestFoldName(t *testing.T) {
	for in, want := range map[string]string{
		"Workday ATS (OAuth)": "workdayatsoauth",
		"workday_ats":         "workdayats",
		"SAP Success Factors": "sapsuccessfactors",
		"":                    "",
		"_-() ":               "",
		"Z9@[`{":              "z9",
		"\u212Aelvin":         "kelvin", // KELVIN SIGN lower-cases to k
		"İcims":               "icims",  // dotted capital I: i and a combining dot (dropped)
		"Grééenhouse":         "grenhouse",
	} {
		if got := foldName(in); got != want {
			t.Errorf("foldName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, p := range providerList {
		for _, s := range append([]string{p.Key}, spellingTexts(p)...) {
			if got, want := foldName(s), foldNameSlow(s); got != want {
				t.Errorf("foldName(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

func FuzzFoldName(f *testing.F) {
	f.Add("Workday ATS (OAuth)")
	f.Add("\u212Aelvin")
	f.Add("İcims")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldName(s), foldNameSlow(s); got != want {
			t.Fatalf("foldName(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestMatcherTemplates(t *testing.T) {
	set := schemas.Default()
	m := matcherFor(set)
	ops := set.Operations()
	if len(m.templates) != len(ops) {
		t.Fatalf("%d templates for %d operations", len(m.templates), len(ops))
	}
	byLen := 0
	for i, tm := range m.templates {
		var want []string
		if p := strings.TrimPrefix(strings.TrimSuffix(ops[i].Path, "/"), "/"); p != "" {
			for _, s := range strings.Split(p, "/") {
				if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
					s = ""
				}
				want = append(want, s)
			}
		}
		if tm.op.ID != ops[i].ID || !slices.Equal(tm.segs, want) {
			t.Errorf("template %d: %s %q, want %s %q", i, tm.op.ID, tm.segs, ops[i].ID, want)
		}
		if !slices.ContainsFunc(m.byLen[len(want)], func(x template) bool { return x.op == tm.op }) {
			t.Errorf("%s missing from byLen[%d]", tm.op.ID, len(want))
		}
	}
	for _, l := range m.byLen {
		byLen += len(l)
	}
	if byLen != len(ops) {
		t.Errorf("byLen holds %d templates, want %d", byLen, len(ops))
	}
}
