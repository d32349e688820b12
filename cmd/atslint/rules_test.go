package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/rules"
)

func TestRulesCommand(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := atslint(t, "", "rules")
	require.Equal(t, exitOK, code, errOut)
	golden(t, "rules.txt", out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.GreaterOrEqual(t, len(lines)-1, 30, "at least 30 rules")
	assert.Regexp(t, `(?m)^RULE +SEVERITY +PROVIDERS +TITLE$`, lines[0])
	assert.Regexp(t, `(?m)^bullhorn/note-candidate-id +error +bullhorn +Bullhorn candidate note with a missing or placeholder candidate id$`, out)
	assert.Regexp(t, `(?m)^stackone/page-size +error +any +page_size is not an integer from 1 to 100$`, out)

	out, errOut, code = atslint(t, "", "rules", "--format", "json")
	require.Equal(t, exitOK, code, errOut)
	var list struct {
		Version int `json:"version"`
		Rules   []struct {
			ID        string   `json:"id"`
			Severity  string   `json:"severity"`
			Providers []string `json:"providers"`
			Predicts  string   `json:"predicts"`
			Title     string   `json:"title"`
			URL       string   `json:"url"`
		} `json:"rules"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	assert.Equal(t, 1, list.Version)
	require.Len(t, list.Rules, len(rules.All()))
	byID := map[string]int{}
	for i, r := range list.Rules {
		byID[r.ID] = i
		assert.NotEmpty(t, r.Title, r.ID)
		assert.NotNil(t, r.Providers, r.ID) // [] for provider-independent rules, never null
	}
	r := list.Rules[byID["lever/updated-at-filter"]]
	assert.Equal(t, "error", r.Severity)
	assert.Equal(t, []string{"lever"}, r.Providers)
	assert.Equal(t, "400", r.Predicts)
	assert.Equal(t, "Lever request filters on updated_at", r.Title)
	assert.Equal(t, "https://github.com/atslint/atslint/blob/main/docs/rules.md#leverupdated-at-filter", r.URL)
	assert.Empty(t, list.Rules[byID["stackone/page-size"]].Providers)
}

func TestRulesForProvider(t *testing.T) {
	out, _, code := atslint(t, "", "rules", "--provider", "Lever")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "lever/updated-at-filter")
	assert.Contains(t, out, "stackone/page-size") // provider-independent rules run for every provider
	assert.NotContains(t, out, "bullhorn/")

	_, errOut, code := atslint(t, "", "rules", "--provider", "nope")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown provider "nope"; known providers: ashby,`)
	// StackOne's own keys, as its docs spell them, select their provider.
	for key, want := range map[string]string{"workdayats": "", "sapsuccessfactors_ats": "successfactors/", "bullhorn_ats": "bullhorn/",
		"jobadder": "", "vincere": "", "eploy": "", "oraclehcm": "oracle/", "cornerstone": "cornerstone/", "SAP Success Factors": "successfactors/"} {
		out, errOut, code := atslint(t, "", "rules", "--provider", key)
		require.Equal(t, exitOK, code, "%s: %s", key, errOut)
		assert.Contains(t, out, "stackone/page-size", key)
		if want != "" {
			assert.Contains(t, out, want, key)
		}
		assert.NotContains(t, out, "lever/", key)
	}
	_, errOut, code = atslint(t, "", "rules", "--provider", "workdayat")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown provider "workdayat" (did you mean "workdayats"?); known providers: ashby,`)
	_, _, code = atslint(t, "", "rules", "--format", "xml")
	assert.Equal(t, exitUsage, code)
	_, errOut, code = atslint(t, "", "rules", "bullhorn/note-candidate-id")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "atslint explain bullhorn/note-candidate-id")
}

func TestExplainCommand(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := atslint(t, "", "explain", "bullhorn/note-candidate-id")
	require.Equal(t, exitOK, code, errOut)
	golden(t, "explain-bullhorn-note-candidate-id.txt", out)
	r, _ := rules.Lookup("bullhorn/note-candidate-id")
	assert.Equal(t, rules.Explain(r), out)
	assert.Contains(t, out, "bullhorn/note-candidate-id: Bullhorn candidate note with a missing or placeholder candidate id\n")
	assert.Contains(t, out, "Predicts:  silent (the provider accepts the request and loses data: no error response tells)\n")
	assert.Contains(t, out, "\nSources:\n  - StackOne docs, ATS Connector Errors (docs.stackone.com/ats/common-guide/connector-errors)")
	assert.NotContains(t, out, "shared/") // users do not have atslint's research notes

	// Several rules, separated by a blank line.
	out, _, code = atslint(t, "", "explain", "lever/updated-at-filter", "stackone/page-size")
	require.Equal(t, exitOK, code)
	assert.Equal(t, 2, strings.Count(out, "\nSources:\n"))

	for _, tc := range []struct{ arg, want string }{
		{"bullhorn/note-candidate", `atslint explain: unknown rule "bullhorn/note-candidate"; did you mean "bullhorn/note-candidate-id"?`},
		{"note-candidate-id", `atslint explain: unknown rule "note-candidate-id"; did you mean "bullhorn/note-candidate-id"?`},
		{"lever/updated-at", `atslint explain: unknown rule "lever/updated-at"; did you mean "lever/updated-at-filter"?`},
		{"nothing/like-it-at-all", `atslint explain: unknown rule "nothing/like-it-at-all"; run 'atslint rules' to list them`},
	} {
		out, errOut, code := atslint(t, "", "explain", "stackone/page-size", tc.arg)
		assert.Equal(t, exitUsage, code, tc.arg)
		assert.Empty(t, out, "nothing is printed when an ID is unknown")
		assert.Equal(t, tc.want+"\n", errOut)
	}
	_, _, code = atslint(t, "", "explain")
	assert.Equal(t, exitUsage, code)
}

// checkJSON runs atslint check with --format json and returns the
// diagnostics as "rule provider severity line:col pointer".
func checkJSON(t *testing.T, args ...string) ([]string, int) {
	t.Helper()
	out, errOut, code := atslint(t, "", append([]string{"check", "--format", "json"}, args...)...)
	require.Empty(t, errOut)
	var rep struct {
		Diagnostics []struct {
			Rule, Provider, Severity, Pointer string
			Line, Column                      int
		} `json:"diagnostics"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	var got []string
	for _, d := range rep.Diagnostics {
		got = append(got, strings.Join([]string{d.Rule, d.Provider, d.Severity, strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column), d.Pointer}, " "))
	}
	return got, code
}

func TestCheckProviderFlag(t *testing.T) {
	t.Chdir("../..")
	file := "testdata/requests/candidates/list-filter-updated-at.json"
	got, code := checkJSON(t, "--provider", "lever", file)
	assert.Equal(t, exitFindings, code)
	// At the filter key, inside the url (line 3, column 59); Lever's rule
	// supersedes the generic stackone/unknown-filter there.
	assert.Equal(t, []string{
		"lever/updated-at-filter lever error 3:59 /url",
	}, got)

	got, code = checkJSON(t, "--provider", "greenhouse", file)
	assert.Equal(t, exitOK, code)
	assert.Equal(t, []string{"stackone/unknown-filter  warning 3:59 /url"}, got)

	// The text output of the lever run.
	out, _, _ := atslint(t, "", "check", "--provider", "lever_ats", file)
	assert.Equal(t, file+":3:59: error: Lever cannot filter on updated_at, so StackOne rejects filter[updated_at] (400) or returns unfiltered records; use filter[updated_after], which matches any change to the record [lever/updated-at-filter]\n", out)
}

func TestCheckConfigProviders(t *testing.T) {
	dir := t.TempDir()
	req := filepath.Join(dir, "note.json")
	require.NoError(t, os.WriteFile(req, []byte(`{
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/candidates/12345/notes",
  "headers": {"x-account-id": "acc_1"},
  "body": {"content": [{"body": "Strong systems design round"}]}
}
`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".atslint.yaml"), []byte("providers: [bullhorn, workable]\n"), 0o644))
	t.Chdir(dir)

	got, code := checkJSON(t, "note.json")
	assert.Equal(t, exitOK, code) // warnings only
	assert.Equal(t, []string{
		"bullhorn/note-missing-author bullhorn warning 5:11 /body",
		"workable/acting-user workable warning 5:11 /body",
	}, got)
	out, _, _ := atslint(t, "", "check", "note.json")
	assert.Equal(t, "note.json:5:11: warning: note has no author_id, so Bullhorn silently attributes it to the API user; set author_id to the Bullhorn user who wrote it [bullhorn/note-missing-author]\n"+
		"note.json:5:11: warning: note has no author_id, but Workable requires the acting member on every comment, so the note is rejected or attributed to another member; set author_id to the Workable member who wrote it [workable/acting-user]\n", out)

	// The accounts map takes precedence over the list.
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".atslint.yaml"), []byte("providers: [bullhorn, workable]\naccounts: {acc_1: workable}\n"), 0o644))
	got, _ = checkJSON(t, "note.json")
	assert.Equal(t, []string{"workable/acting-user workable warning 5:11 /body"}, got)

	// An unknown provider in the config is a usage error naming the line.
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".atslint.yaml"), []byte("providers:\n  - bullhorn\n  - workabel\n"), 0o644))
	_, errOut, code := atslint(t, "", "check", "note.json")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `.atslint.yaml:3: unknown provider "workabel" (did you mean "workable"?); known providers: ashby,`)
}

func TestCheckUnknownDocumentProvider(t *testing.T) {
	doc := `{"provider": "bullhorm", "method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "a"}}`
	out, _, code := atslint(t, doc, "check", "--stdin-filename", "req.json", "-")
	assert.Equal(t, exitFindings, code)
	assert.True(t, strings.HasPrefix(out, `req.json:1:14: error: unknown provider "bullhorm" (did you mean "bullhorn"?), so no provider rule runs for this request; use one of: ashby, `), out)
	assert.True(t, strings.HasSuffix(out, " [input/unknown-provider]\n"), out)
}
