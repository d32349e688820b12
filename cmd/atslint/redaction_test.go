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
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// redactionRules must fire on testdata/redaction: the test is only worth
// something if the diagnostics that point at the planted values happen.
var redactionRules = []string{
	"atslint/ignore",
	"input/not-a-request",
	"input/syntax",
	"input/unknown-key",
	"security/hardcoded-credential",
	"security/insecure-url",
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
	files, err := filepath.Glob("testdata/redaction/*.json")
	require.NoError(t, err)
	for _, f := range files {
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
	require.NoError(t, os.WriteFile(cfg, []byte("providers: [bullhorn, greenhouse, lever, smartrecruiters, teamtailor, workable]\n"), 0o644))

	formats := make([]string, 0, len(report.Formats))
	for name := range report.Formats {
		formats = append(formats, name)
	}
	sort.Strings(formats)
	for _, format := range formats {
		for _, args := range [][]string{
			{"check", "--format", format, "testdata/redaction"},
			{"check", "--format", format, "--config", cfg, "--fail-on", "info", "testdata/redaction"},
		} {
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

	// The diagnostics that point at the planted values fire.
	out, _, _ := atslint(t, "", "check", "--format", "json", "testdata/redaction")
	var rep struct {
		Diagnostics []struct{ Rule string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	fired := map[string]bool{}
	for _, d := range rep.Diagnostics {
		fired[d.Rule] = true
	}
	for _, id := range redactionRules {
		assert.True(t, fired[id], "rule %s does not fire on testdata/redaction", id)
	}
}
