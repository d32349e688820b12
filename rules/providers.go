package rules

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Provider is one ATS provider atslint knows. Key is atslint's canonical
// key: rule definitions, the provider of a diagnostic and the rule-set
// names use it. Spellings are the other names a user meets for the same
// provider (StackOne's provider key, the display name on StackOne's
// connector list, the category-suffixed form), each with where it comes
// from, so that a config holding any of them works.
type Provider struct {
	Key       string
	Name      string
	Spellings []Spelling
}

// Spelling is one accepted name of a provider and its origin.
type Spelling struct {
	Text, From string
}

// Where spellings come from. hub-docs is the public source repository of
// StackOne's guides (hub.stackone.com, docs.stackone.com).
const (
	fromConnectors = "StackOne's connector list, ATS section (hub.stackone.com; github.com/StackOneHQ/hub-docs integrations.mdx)"
	fromOldKey     = "accepted by earlier atslint releases; kept so that existing configs still work"
	fromSuffix     = "category-suffixed form of the key (StackOne suffixes keys by category, as in bullhorn_ats)"
)

// fromGuide is a connection guide whose file name (its slug) is the only
// public evidence of the key: StackOne does not spell the key out there.
func fromGuide(slug string) string {
	return "slug of StackOne's connection guide hub.stackone.com/connection-guides/ats/" + slug +
		" (github.com/StackOneHQ/hub-docs connection-guides/ats/" + slug + ".mdx); inferred to be the key"
}

// fromKey is a page of StackOne's own docs that spells the key out.
func fromKey(where string) string { return "StackOne provider key, spelled out in " + where }

// providerList is every provider atslint accepts. StackOne's connector
// list names most of them as ATS connectors; the others (marked in From)
// were accepted before and stay accepted: no source says StackOne dropped
// them, only that its current list does not name them.
var providerList = []Provider{
	{"ashby", "Ashby", []Spelling{{"ashby", fromGuide("ashby")}, {"Ashby", fromConnectors}}},
	{"avature", "Avature", []Spelling{{"avature", fromOldKey + "; not on StackOne's ATS connector list"}}},
	{"bamboohr", "BambooHR", []Spelling{
		{"bamboohr", fromKey("StackOne's guide Making your first API request (docs.stackone.com/guides/making-your-first-api-request): GET /accounts?providers=…") +
			"; StackOne lists BambooHR as an HRIS connector only, with no ATS tile"},
		{"BambooHR", "StackOne's connector list, HRIS section (github.com/StackOneHQ/hub-docs integrations.mdx)"},
	}},
	{"breezy", "Breezy HR", []Spelling{
		{"breezyhr", fromGuide("breezyhr")}, {"Breezy HR", fromConnectors}, {"breezy", fromOldKey},
	}},
	{"bullhorn", "Bullhorn", []Spelling{
		{"bullhorn_ats", fromKey("the OAuth callback …/oauth2/bullhorn_ats/callback of StackOne's Bullhorn connection guide (hub.stackone.com/connection-guides/ats/bullhorn)")},
		{"Bullhorn", fromConnectors}, {"bullhorn", fromOldKey},
	}},
	{"cornerstone", "Cornerstone", []Spelling{{"cornerstone", fromGuide("cornerstone")}, {"Cornerstone", fromConnectors}}},
	{"eploy", "Eploy", []Spelling{
		{"eploy", fromKey("StackOne's Eploy background-check integration guide (github.com/StackOneHQ/hub-docs integration-guides/ats/eploy-background-check-integration-partner.mdx)")},
		{"Eploy", fromConnectors},
	}},
	{"freshteam", "Freshteam", []Spelling{{"freshteam", fromOldKey + "; not on StackOne's ATS connector list"}}},
	{"greenhouse", "Greenhouse", []Spelling{
		{"greenhouse", fromKey("StackOne's Greenhouse partner API guide (github.com/StackOneHQ/hub-docs integration-guides/ats/greenhouse-partner-api.mdx)")},
		{"Greenhouse", fromConnectors},
	}},
	{"icims", "iCIMS", []Spelling{{"icims", fromOldKey + "; not on StackOne's ATS connector list"}}},
	{"jazzhr", "JazzHR", []Spelling{{"jazzhr", fromGuide("jazzhr")}, {"JazzHR", fromConnectors}}},
	{"jobadder", "JobAdder", []Spelling{
		{"jobadder", fromKey("the OAuth callback …/oauth2/jobadder/callback of StackOne's JobAdder guide (hub.stackone.com/connection-guides/ats/jobadder-oauth-client-credentials)")},
		{"JobAdder", fromConnectors}, {"JobAdder (OAuth)", fromConnectors},
	}},
	{"jobvite", "Jobvite", []Spelling{{"jobvite", fromOldKey + "; not on StackOne's ATS connector list (passthrough-only rules)"}}},
	{"lever", "Lever", []Spelling{
		{"lever", fromKey("the OAuth callback https://api.stackone.com/connect/oauth2/lever/callback (docs.stackone.com/connectors/lever/guides/connector-profile/oauth-2-0)")},
		{"Lever", fromConnectors},
	}},
	{"logicmelon", "LogicMelon", []Spelling{{"logicmelon", fromGuide("logicmelon")}, {"LogicMelon", fromConnectors}}},
	{"mercury", "Mercury", []Spelling{{"mercury", fromGuide("mercury")}, {"Mercury", fromConnectors}}},
	{"oracle", "Oracle HCM (Oracle Recruiting Cloud)", []Spelling{
		{"oraclehcm", fromGuide("oraclehcm")}, {"Oracle HCM", fromConnectors},
		{"Oracle Recruiting Cloud", "Oracle's name for the recruiting part of Fusion HCM (docs.oracle.com/en/cloud/saas/human-resources/farws)"},
	}},
	{"personio", "Personio", []Spelling{{"personio", fromOldKey}}},
	{"pinpoint", "Pinpoint", []Spelling{{"pinpoint", fromGuide("pinpoint")}, {"Pinpoint", fromConnectors}}},
	{"recruitee", "Recruitee", []Spelling{
		{"recruitee", fromKey("StackOne's Recruitee partner API guide (github.com/StackOneHQ/hub-docs integration-guides/ats/recruitee-partner-api.mdx)")},
		{"Recruitee", fromConnectors},
	}},
	{"recruiterflow", "Recruiterflow", []Spelling{{"recruiterflow", fromOldKey + "; not on StackOne's ATS connector list"}}},
	{"smartrecruiters", "SmartRecruiters", []Spelling{
		{"smartrecruiters", fromKey("StackOne's SmartRecruiters partner API guide (github.com/StackOneHQ/hub-docs integration-guides/ats/smartrecruiters-partner-api.mdx)")},
		{"SmartRecruiters", fromConnectors},
	}},
	{"successfactors", "SAP SuccessFactors", []Spelling{
		{"sapsuccessfactors_ats", fromKey("StackOne's SAP SuccessFactors assessment guide (github.com/StackOneHQ/hub-docs integration-guides/ats/sapsuccessfactors-assessment.mdx) and its background-check external-trigger URL")},
		{"sapsuccessfactors", "the key without its category suffix (and the slug of hub.stackone.com/connection-guides/ats/sapsuccessfactors)"},
		{"SAP Success Factors", fromConnectors}, {"SAP SuccessFactors", "SAP's spelling of the product name"},
		{"successfactors", fromOldKey},
	}},
	{"teamtailor", "Teamtailor", []Spelling{
		{"teamtailor", fromKey("StackOne's Teamtailor partner API guide (github.com/StackOneHQ/hub-docs integration-guides/ats/teamtailor-partner-api.mdx)")},
		{"Teamtailor", fromConnectors}, {"Teamtailor MFA", fromConnectors},
	}},
	{"ukgpro", "UKG Pro ATS", []Spelling{{"ukgpro", fromGuide("ukgpro")}, {"UKG Pro ATS", fromConnectors}}},
	{"vincere", "Vincere", []Spelling{
		{"vincere", fromKey("the OAuth callback of StackOne's Vincere connection guide (hub.stackone.com/connection-guides/ats/vincere)")},
		{"Vincere", fromConnectors},
	}},
	{"workable", "Workable", []Spelling{{"workable", fromGuide("workable")}, {"Workable", fromConnectors}}},
	{"workday", "Workday", []Spelling{
		{"workdayats", fromKey("StackOne's Workday assessment and background-check guides (github.com/StackOneHQ/hub-docs integration-guides/ats/workday-assessment.mdx, workday-background-check.mdx)")},
		{"Workday ATS", fromConnectors}, {"Workday ATS (OAuth)", fromConnectors}, {"workday_ats", fromSuffix},
		{"workday", fromOldKey},
	}},
}

// categorySuffixes are StackOne's category suffixes on provider keys
// (bullhorn_ats is Bullhorn's key in StackOne's OAuth callbacks). Any known
// spelling with one of them ("greenhouse_ats", "Greenhouse ATS") means the
// same provider.
var categorySuffixes = []string{"_ats", "_hris", "_crm"}

// foldName reduces a provider name to lower-case letters and digits, so
// that "Workday ATS", "workday_ats" and "workdayats" compare equal.
func foldName(s string) string {
	// ASCII (every spelling atslint knows, and nearly every name a user
	// writes) without strings.ToLower and a Builder: the provider index
	// folds every spelling at start-up.
	ascii, folded := true, true
	for i := 0; i < len(s) && ascii; i++ {
		c := s[i]
		ascii = c < utf8.RuneSelf
		folded = folded && (c >= 'a' && c <= 'z' || c >= '0' && c <= '9')
	}
	if ascii && folded {
		return s // a key such as "greenhouse"
	}
	if ascii {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				b = append(b, c)
			}
		}
		return string(b)
	}
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// providerIndex maps every folded spelling (and key) to its canonical key.
// It is made on first use: a run whose requests and config name no provider
// never needs it (issue 12).
var providerIndex = sync.OnceValue(func() map[string]string {
	n := 0
	for _, p := range providerList {
		n += 1 + len(p.Spellings)
	}
	m := make(map[string]string, n)
	for _, p := range providerList {
		m[foldName(p.Key)] = p.Key
		for _, s := range p.Spellings {
			f := foldName(s.Text)
			if k, dup := m[f]; dup && k != p.Key {
				panic("rules: provider spelling " + s.Text + " names two providers")
			}
			m[f] = p.Key
		}
	}
	return m
})

// knownProviders are the canonical keys.
var knownProviders = sync.OnceValue(func() []string {
	var out []string
	for _, p := range providerList {
		out = append(out, p.Key)
	}
	sort.Strings(out)
	return out
})

// KnownProviders returns the canonical provider keys, sorted.
func KnownProviders() []string { return append([]string(nil), knownProviders()...) }

// Providers returns every provider with its spellings, sorted by key.
func Providers() []Provider { return append([]Provider(nil), providerList...) }

// NormalizeProvider maps a provider name as a user wrote it ("Bullhorn",
// "bullhorn_ats", "workdayats", "SAP Success Factors") to atslint's
// canonical key. ok is false for an unknown provider; the name is then
// returned lower-cased and trimmed.
func NormalizeProvider(name string) (string, bool) {
	p := strings.ToLower(strings.TrimSpace(name))
	f := foldName(p)
	// A canonical key, as nearly every request and config writes it, is
	// found without building the index.
	for i := range providerList {
		if providerList[i].Key == f {
			return f, true
		}
	}
	if k, ok := providerIndex()[f]; ok {
		return k, true
	}
	for _, s := range categorySuffixes {
		if base, cut := strings.CutSuffix(f, foldName(s)); cut {
			if k, ok := providerIndex()[base]; ok {
				return k, true
			}
		}
	}
	return p, false
}

// singleProviders holds a one-element list per known provider, so that
// resolving a request's provider allocates nothing.
var singleProviders = sync.OnceValue(func() map[string][]string {
	m := make(map[string][]string, len(knownProviders()))
	for _, p := range knownProviders() {
		m[p] = []string{p}
	}
	return m
})

// oneProvider returns the list of just p (shared for known providers).
func oneProvider(p string) []string {
	if l, ok := singleProviders()[p]; ok {
		return l
	}
	return []string{p}
}

// closestProvider returns the accepted spelling nearest to an unknown
// provider name, if it is near enough to be a typo.
func closestProvider(name string) (string, bool) {
	n := foldName(name)
	if n == "" {
		return "", false
	}
	var folded []string
	byFold := map[string]string{}
	for _, p := range providerList {
		for _, text := range append([]string{p.Key}, spellingTexts(p)...) {
			f := foldName(text)
			if _, seen := byFold[f]; !seen {
				folded = append(folded, f)
				// Suggest the spelling as a key would be written.
				byFold[f] = text
				if strings.ContainsAny(text, " ()") || text != strings.ToLower(text) {
					byFold[f] = p.Key
				}
			}
		}
	}
	f, ok := closest(n, folded)
	if !ok {
		return "", false
	}
	return byFold[f], true
}

func spellingTexts(p Provider) []string {
	var out []string
	for _, s := range p.Spellings {
		out = append(out, s.Text)
	}
	return out
}

// UnknownProviderError is the usage error for a provider name atslint does
// not know: it names the closest known spelling and lists the keys.
func UnknownProviderError(name string) error {
	msg := fmt.Sprintf("unknown provider %q", name)
	if c, ok := closestProvider(name); ok {
		msg += fmt.Sprintf(" (did you mean %q?)", c)
	}
	return fmt.Errorf("%s; known providers: %s (StackOne's keys such as workdayats and sapsuccessfactors_ats are accepted too)",
		msg, strings.Join(KnownProviders(), ", "))
}

// ProvidersMarkdown renders docs/providers.md: every provider's canonical
// key and the spellings atslint accepts for it, with their origin.
func ProvidersMarkdown() []byte {
	var b strings.Builder
	b.WriteString("# Provider keys\n\n<!-- Generated by `go generate ./rules` from rules/providers.go; do not edit. -->\n\n")
	b.WriteString("`--provider`, a request's `provider`, `//atslint:provider` and the config's `providers` and `accounts` take any ")
	b.WriteString("spelling below; case, spaces, `-` and `_` do not matter, and a category suffix (`_ats`, `_hris`, `_crm`) may be added ")
	b.WriteString("to any of them. Diagnostics name the provider by its canonical key, which is also the name of its rule set.\n\n")
	b.WriteString("| key | provider | spelling | where the spelling comes from |\n| --- | --- | --- | --- |\n")
	for _, p := range providerList {
		for i, s := range p.Spellings {
			key, name := "", ""
			if i == 0 {
				key, name = "`"+p.Key+"`", p.Name
			}
			fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", key, name, s.Text, s.From)
		}
	}
	return []byte(b.String())
}
