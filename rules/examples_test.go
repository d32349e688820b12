package rules

import (
	"testing"
)

// noExample lists rules whose bad case cannot be written as a small request
// document; each has its own test instead.
var noExample = map[string]string{
	"input/too-large":     "needs a file over 64 MiB; see TestTooLarge",
	"stackone/rate-limit": "needs timestamps from a HAR recording; see TestStackOneRateLimit and TestStackOneRateLimitHAR",
	// Provider budgets need from 11 to 10,001 timestamped requests; see
	// TestProviderRateLimits.
	"smartrecruiters/request-rate": "needs 11 timestamped requests; see TestProviderRateLimits",
	"greenhouse/rate-limit":        "needs 51 timestamped requests; see TestProviderRateLimits",
	"workable/rate-limit":          "needs 11 timestamped requests; see TestProviderRateLimits",
	"personio/rate-limit":          "needs 21 timestamped requests; see TestProviderRateLimits",
	"icims/rate-limit":             "needs 10,001 timestamped requests; see TestProviderRateLimits",
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
			provider := ""
			if len(r.Providers) > 0 {
				provider = r.Providers[0]
			}
			e := New(Options{Provider: provider})
			bad := e.CheckBytes([]byte(r.Doc.Bad), Limits{})
			if !fired(bad.Diagnostics, r.ID, provider) {
				t.Errorf("bad example does not trigger %s; got %v", r.ID, bad.Diagnostics)
			}
			if r.Doc.Good == "" {
				t.Fatalf("no good example")
			}
			good := e.CheckBytes([]byte(r.Doc.Good), Limits{})
			for _, d := range good.Diagnostics {
				if d.Rule == r.ID {
					t.Errorf("good example triggers %s: %s", r.ID, d.Message)
				}
			}
			if provider == "" {
				return
			}
			other := "jazzhr"
			for r.AppliesTo(other) {
				other = "icims"
			}
			for _, d := range New(Options{Provider: other}).CheckBytes([]byte(r.Doc.Bad), Limits{}).Diagnostics {
				if d.Rule == r.ID {
					t.Errorf("bad example triggers %s for provider %s too", r.ID, other)
				}
			}
		})
	}
}
