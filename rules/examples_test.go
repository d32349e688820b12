package rules

import (
	"testing"

	"github.com/atslint/atslint/fix"
	"github.com/atslint/atslint/request"
)

// noExample lists rules whose bad case cannot be written as a small request
// document; each has its own test instead.
var noExample = map[string]string{
	"input/too-large":     "needs a file over 64 MiB; see source.TestTooLarge",
	"stackone/rate-limit": "needs timestamps from a HAR recording; see TestStackOneRateLimit and TestStackOneRateLimitHAR",
	// Provider budgets need from 11 to 10,001 timestamped requests; see
	// TestProviderRateLimits.
	"smartrecruiters/request-rate": "needs 11 timestamped requests; see TestProviderRateLimits",
	"greenhouse/rate-limit":        "needs 51 timestamped requests; see TestProviderRateLimits",
	"workable/rate-limit":          "needs 11 timestamped requests; see TestProviderRateLimits",
	"personio/rate-limit":          "needs 21 timestamped requests; see TestProviderRateLimits",
	"icims/rate-limit":             "needs 10,001 timestamped requests; see TestProviderRateLimits",
	"cornerstone/rate-limit":       "needs 101 timestamped requests; see TestProviderRateLimits",
}

// hasProviderKey reports whether a request document (or an array of them)
// has a "provider" key.
func hasProviderKey(t *testing.T, doc string) bool {
	t.Helper()
	if doc == "" {
		return false
	}
	v, err := request.Parse([]byte(doc), request.Options{})
	if err != nil {
		return false // input/syntax's bad example
	}
	reqs := []*request.Value{v}
	if v.Kind == request.Array {
		reqs = v.Elems
	}
	for _, r := range reqs {
		if r.Get("provider") != nil {
			return true
		}
	}
	return false
}

func fired(ds []Diagnostic, id, provider string) bool {
	for _, d := range ds {
		if d.Rule == id && d.Provider == provider {
			return true
		}
	}
	return false
}

// TestExamples runs every rule's documented bad and good example: the bad
// one must trigger the rule, the good one must not, and a provider rule
// must stay silent for a provider it is not about.
func TestExamples(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			if r.Doc.Title == "" || r.Doc.Why == "" || r.Doc.Fix == "" || len(r.Doc.Sources) == 0 {
				t.Errorf("doc incomplete: title, why, fix and sources are required")
			}
			if r.Doc.Bad == "" {
				if _, ok := noExample[r.ID]; !ok {
					t.Fatalf("no bad example")
				}
				return
			}
			for name, ex := range map[string]string{"bad": r.Doc.Bad, "good": r.Doc.Good} {
				if r.ID != "input/unknown-provider" && hasProviderKey(t, ex) {
					t.Errorf("%s example names a provider; leave it out so that the test can set it", name)
				}
			}
			provider := ""
			if len(r.Providers) > 0 {
				provider = r.Providers[0]
			}
			e := New(Options{Provider: provider})
			bad := checkBytes(e, []byte(r.Doc.Bad))
			if !fired(bad, r.ID, provider) {
				t.Errorf("bad example does not trigger %s; got %v", r.ID, bad)
			}
			if r.Doc.Good == "" {
				t.Fatalf("no good example")
			}
			checkAutoFix(t, r, e, provider)
			good := checkBytes(e, []byte(r.Doc.Good))
			for _, d := range good {
				if d.Rule == r.ID {
					t.Errorf("good example triggers %s: %s", r.ID, d.Message)
				}
			}
			if provider == "" {
				return
			}
			for _, p := range r.Providers {
				if _, known := NormalizeProvider(p); !known {
					t.Errorf("provider %q is not a known provider key", p)
				}
			}
			other := "jazzhr"
			for r.AppliesTo(other) {
				other = "icims"
			}
			for _, d := range checkBytes(New(Options{Provider: other}), []byte(r.Doc.Bad)) {
				if d.Rule == r.ID {
					t.Errorf("bad example triggers %s for provider %s too", r.ID, other)
				}
			}
			// Checked against a target list (config providers), the rule
			// fires for its provider only, and names it.
			list := checkBytes(New(Options{Providers: []string{other, provider}}), []byte(r.Doc.Bad))
			if !fired(list, r.ID, provider) {
				t.Errorf("bad example does not trigger %s for %s in the target list [%s %s]", r.ID, provider, other, provider)
			}
			if fired(list, r.ID, other) {
				t.Errorf("bad example triggers %s for %s in the target list", r.ID, other)
			}
			// With no provider at all, provider rules do not run.
			if fired(checkBytes(New(Options{}), []byte(r.Doc.Bad)), r.ID, "") {
				t.Errorf("bad example triggers %s without a provider", r.ID)
			}
		})
	}
}

// checkAutoFix: a rule with a fix says what it does and fixes its bad
// example, so that after applying its fixes (round after round, as
// check --fix does) the rule is silent; a rule without one says nothing of
// a fix.
func checkAutoFix(t *testing.T, r *Rule, e *Engine, provider string) {
	t.Helper()
	if r.AutoFix == NoFix {
		if r.Doc.AutoFix != "" {
			t.Errorf("Doc.AutoFix is set but the rule declares no AutoFix")
		}
		return
	}
	if r.Doc.AutoFix == "" {
		t.Errorf("the rule declares AutoFix %s but its doc does not say what the fix does (Doc.AutoFix)", r.AutoFix)
	}
	src := []byte(r.Doc.Bad)
	fixed := false
	for round := 0; round < 10; round++ {
		var fixes [][]request.Edit
		for _, d := range checkBytes(e, src) {
			if d.Rule == r.ID && d.Provider == provider && d.Fix != nil {
				if d.Fix.Safety != r.AutoFix || d.Fix.Description == "" {
					t.Errorf("fix %+v: want safety %s and a description", d.Fix, r.AutoFix)
				}
				fixes = append(fixes, d.Fix.Edits)
			}
		}
		next, n := fix.Apply(src, fixes)
		if n == 0 {
			break
		}
		src, fixed = next, true
	}
	if !fixed {
		t.Fatalf("bad example has no fix")
	}
	for _, d := range checkBytes(e, src) {
		if d.Rule == r.ID {
			t.Errorf("after its fix the bad example still triggers %s: %s\n%s", r.ID, d.Message, src)
		}
	}
}
