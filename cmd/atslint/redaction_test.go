package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/atslint/atslint/report"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/triage"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// redactionRules must fire on testdata/redaction: the test is only worth
// something if the diagnostics that point at the planted values happen.
// That is every rule but the rate limits that need hundreds of requests.
var redactionRules = []string{
	"ashby/proxy-get",
	"ashby/proxy-limit",
	"ashby/proxy-on-behalf-of",
	"atslint/ignore",
	"bullhorn/note-action-length",
	"bullhorn/note-candidate-id",
	"bullhorn/note-missing-author",
	"bullhorn/proxy-count",
	"bullhorn/proxy-create-with-post",
	"bullhorn/proxy-entity-case",
	"bullhorn/proxy-missing-fields",
	"bullhorn/proxy-note-author",
	"bullhorn/proxy-note-reference",
	"bullhorn/proxy-update-with-put",
	"greenhouse/acting-user",
	"greenhouse/empty-contact-array",
	"greenhouse/note-visibility",
	"greenhouse/proxy-application-status",
	"greenhouse/proxy-attachment-content-type",
	"greenhouse/proxy-attachment-share-link",
	"greenhouse/proxy-candidate-applications",
	"greenhouse/proxy-candidate-ids-ignored",
	"greenhouse/proxy-cursor-params",
	"greenhouse/proxy-custom-field-clear",
	"greenhouse/proxy-on-behalf-of-id",
	"greenhouse/proxy-per-page",
	"greenhouse/proxy-v3-page",
	"greenhouse/rejection-email",
	"greenhouse/rejection-email-template",
	"greenhouse/proxy-harvest-retired",
	"icims/proxy-lowercase",
	"input/not-a-request",
	"input/syntax",
	"input/too-deep",
	"input/too-large",
	"input/unknown-key",
	"input/unknown-provider",
	"jobvite/proxy-credentials-in-query",
	"lever/private-note",
	"lever/updated-at-filter",
	"oracle/proxy-empty-fields",
	"oracle/proxy-fields-with-expand",
	"personio/proxy-blank-name",
	"personio/proxy-company-id",
	"personio/proxy-legacy-applicant",
	"recruitee/proxy-careers-token",
	"security/hardcoded-credential",
	"security/insecure-url",
	"smartrecruiters/interview-scope",
	"smartrecruiters/list-applications",
	"smartrecruiters/rate-limit",
	"stackone/application-candidate",
	"stackone/body-schema",
	"stackone/deprecated-field",
	"stackone/deprecated-query-param",
	"stackone/empty-note",
	"stackone/invalid-filter-value",
	"stackone/missing-account-id",
	"stackone/missing-body",
	"stackone/page-size",
	"stackone/placeholder-id",
	"stackone/proxy-pagination",
	"stackone/unexpected-body",
	"stackone/unknown-field",
	"stackone/unknown-filter",
	"stackone/unknown-operation",
	"stackone/unknown-query-param",
	"successfactors/offer-template",
	"successfactors/proxy-background-purge",
	"successfactors/proxy-date-time-of-day",
	"successfactors/proxy-filter-date",
	"successfactors/proxy-filter-datetime-literal",
	"successfactors/proxy-skip-paging",
	"successfactors/proxy-top",
	"successfactors/proxy-upsert-purge",
	"teamtailor/missing-permissions",
	"teamtailor/proxy-api-version",
	"workable/acting-user",
	"workable/candidate-name",
	"workable/candidate-without-application",
	"workable/proxy-limit",
	"workable/proxy-member-id",
	"workable/proxy-relocate",
	"workable/sourced-false",
}

// redactionRuns are the runs over the corpus in one format: plain; with
// every provider that has rules for unlabelled requests; and as
// SmartRecruiters (the recording's repeated list) with a small --max-size.
func redactionRuns(format, cfg string) [][]string {
	return [][]string{
		{"check", "--format", format, "testdata/redaction"},
		{"check", "--format", format, "--config", cfg, "--fail-on", "info", "testdata/redaction"},
		{"check", "--format", format, "--provider", "smartrecruiters", "--max-size", "4096", "testdata/redaction"},
	}
}

// readSecrets reads testdata/redaction/secrets.txt.
func readSecrets(t *testing.T) []string {
	data, err := os.ReadFile("testdata/redaction/secrets.txt")
	require.NoError(t, err)
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// spellings are the forms a secret could take in output: as it is, URL-
// and JSON-escaped, all compared lowercase.
func spellings(s string) []string {
	js, _ := json.Marshal(s)
	forms := []string{s, url.QueryEscape(s), url.PathEscape(s), strings.Trim(string(js), `"`)}
	for i, f := range forms {
		forms[i] = strings.ToLower(f)
	}
	slices.Sort(forms)
	return slices.Compact(forms)
}

// TestRedaction runs every output format over requests full of personal
// data and secrets, in every place a diagnostic can point at, and checks
// that the diagnostics fire and that none of those values is printed.
func TestRedaction(t *testing.T) {
	t.Chdir("../..")
	secrets := readSecrets(t)
	require.NotEmpty(t, secrets)

	// Every secret is planted somewhere (so the list cannot go stale).
	var corpus strings.Builder
	files, err := filepath.Glob("testdata/redaction/*.*")
	require.NoError(t, err)
	for _, f := range files {
		if filepath.Base(f) == "secrets.txt" {
			continue
		}
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		corpus.WriteString(strings.ToLower(string(data)))
		for _, s := range secrets {
			assert.NotContains(t, strings.ToLower(f), strings.ToLower(s), "file names are printed")
		}
	}
	for _, s := range secrets {
		assert.True(t, slices.ContainsFunc(spellings(s), func(f string) bool { return strings.Contains(corpus.String(), f) }),
			"secret %q is not planted in testdata/redaction", s)
	}

	// Unlabelled requests are also checked for every provider with rules.
	cfg := filepath.Join(t.TempDir(), "providers.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("providers: ["+strings.Join(rules.KnownProviders(), ", ")+"]\n"), 0o644))

	formats := make([]string, 0, len(report.Formats))
	for name := range report.Formats {
		formats = append(formats, name)
	}
	sort.Strings(formats)
	for _, format := range formats {
		for _, args := range redactionRuns(format, cfg) {
			out, errOut, code := atslint(t, "", args...)
			assert.Equal(t, exitFindings, code, errOut)
			require.NotEmpty(t, out, format)
			all := strings.ToLower(out + errOut)
			for _, s := range secrets {
				for _, f := range spellings(s) {
					if i := strings.Index(all, f); i >= 0 {
						lo, hi := max(0, i-120), min(len(all), i+len(f)+40)
						t.Errorf("%s output shows %q: …%s…", strings.Join(args, " "), s, all[lo:hi])
					}
				}
			}
		}
	}

	// atslint vet reports on Go source holding the same kind of values.
	for _, format := range formats {
		out, errOut, code := atslint(t, "", "vet", "--format", format, "./testdata/redaction/govet")
		assert.Equal(t, exitFindings, code, errOut)
		require.Contains(t, out, "stackone/body-schema", format)
		all := strings.ToLower(out + errOut)
		for _, s := range secrets {
			for _, f := range spellings(s) {
				assert.NotContains(t, all, f, "vet --format %s shows %q", format, s)
			}
		}
	}

	// atslint triage explains the recording's failed responses, whose
	// bodies hold personal data too, in each of its formats.
	for format := range triage.Formats {
		out, errOut, _ := atslint(t, "", "triage", "--format", format, "--provider", "smartrecruiters", "testdata/redaction/recording.har")
		require.Contains(t, out, "429", format)
		all := strings.ToLower(out + errOut)
		for _, s := range secrets {
			for _, f := range spellings(s) {
				assert.NotContains(t, all, f, "triage --format %s shows %q", format, s)
			}
		}
	}

	// The diagnostics that point at the planted values fire.
	fired := map[string]bool{}
	for _, args := range redactionRuns("json", cfg) {
		out, _, _ := atslint(t, "", args...)
		var rep struct {
			Diagnostics []struct{ Rule string }
		}
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		for _, d := range rep.Diagnostics {
			fired[d.Rule] = true
		}
	}
	for _, id := range redactionRules {
		assert.True(t, fired[id], "rule %s does not fire on testdata/redaction", id)
	}
}
