package rules

import (
	"sort"
	"strings"
)

// knownProviders are StackOne's lowercase ATS provider keys that atslint
// accepts. Rule sets exist for some; the others are accepted so that a
// config naming them is not an error.
var knownProviders = []string{
	"ashby", "avature", "bamboohr", "breezy", "bullhorn", "eploy", "freshteam",
	"greenhouse", "icims", "jazzhr", "jobadder", "jobvite", "lever", "personio",
	"pinpoint", "recruitee", "recruiterflow", "smartrecruiters", "successfactors",
	"teamtailor", "workable", "workday",
}

// KnownProviders returns the accepted provider keys, sorted.
func KnownProviders() []string {
	out := append([]string(nil), knownProviders...)
	sort.Strings(out)
	return out
}

// categorySuffixes are StackOne's category suffixes on provider keys
// (bullhorn_ats is Bullhorn's key in StackOne's OAuth callbacks).
var categorySuffixes = []string{"_ats", "_hris", "_crm"}

// CategorySuffixes returns the category suffixes a provider key may carry
// (bullhorn_ats).
func CategorySuffixes() []string { return append([]string(nil), categorySuffixes...) }

// NormalizeProvider maps a provider key as a user wrote it ("Bullhorn",
// "bullhorn_ats") to atslint's key. ok is false for an unknown provider.
func NormalizeProvider(name string) (string, bool) {
	p := strings.ToLower(strings.TrimSpace(name))
	for _, s := range categorySuffixes {
		p = strings.TrimSuffix(p, s)
	}
	for _, k := range knownProviders {
		if k == p {
			return p, true
		}
	}
	return p, false
}
