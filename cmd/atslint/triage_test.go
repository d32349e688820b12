package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/triage"
)

const accountsConfig = "testdata/har/accounts.atslint.yaml"

func TestTriageGolden(t *testing.T) {
	t.Chdir("../..")
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"triage.txt", []string{"triage", "testdata/triage"}},
		{"triage.json", []string{"triage", "--format", "json", "testdata/triage"}},
		{"triage-accounts.txt", []string{"triage", "--config", accountsConfig, "testdata/triage"}},
		{"triage-accounts.json", []string{"triage", "--format=json", "--config", accountsConfig, "testdata/triage/recording.har"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := atslint(t, "", tc.args...)
			assert.Equal(t, exitFindings, code, errOut)
			assert.Empty(t, errOut)
			golden(t, tc.name, out)
		})
	}
}

// TestTriageTeamtailor501: a Teamtailor 501 prints the re-authentication
// fix, from the error file's provider field or from the HAR request's
// account.
func TestTriageTeamtailor501(t *testing.T) {
	t.Chdir("../..")
	const fix = "  teamtailor: API key missing permissions; fix: ask the customer to re-authenticate per the Teamtailor guide (https://hub.stackone.com/en/articles/7727336-teamtailor)\n"
	out, _, code := atslint(t, "", "triage", "testdata/triage/providers/teamtailor-501.json")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, "501 Not Implemented: feature not supported for this provider")
	assert.Contains(t, out, fix)

	// The generic 501 names the provider with a known cause, and
	// --provider gives the fix.
	out, _, _ = atslint(t, "", "triage", "testdata/triage/reference/501-not-implemented.json")
	assert.NotContains(t, out, fix)
	assert.Contains(t, out, "provider-specific: teamtailor has a known cause for 501")
	out, _, _ = atslint(t, "", "triage", "--provider", "teamtailor", "testdata/triage/reference/501-not-implemented.json")
	assert.Contains(t, out, fix)

	out, _, _ = atslint(t, "", "triage", "--config", accountsConfig, "testdata/triage/recording.har")
	assert.Contains(t, out, "request: POST ats_create_candidate (/unified/ats/candidates), entry 2, provider teamtailor\n"+fix)
}

// TestTriageReferenceTable: every status code of the seed's reference
// table prints its meaning.
func TestTriageReferenceTable(t *testing.T) {
	t.Chdir("../..")
	files, err := filepath.Glob("testdata/triage/reference/*.json")
	require.NoError(t, err)
	require.Len(t, files, len(triage.Codes))
	for i, c := range triage.Codes {
		out, _, code := atslint(t, "", "triage", files[i])
		assert.Equal(t, exitFindings, code)
		want := files[i] + ":1:1: " + strings.Join([]string{itoa(c.Status), c.Name}, " ") + ": " + strings.ToLower(c.Description[:1]) + c.Description[1:]
		assert.True(t, strings.HasPrefix(out, want), "%d: got %q, want prefix %q", c.Status, out, want)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestTriagePredicted: a HAR request flagged by a rule that predicts the
// status its response had is linked to that rule.
func TestTriagePredicted(t *testing.T) {
	t.Chdir("../..")
	out, _, _ := atslint(t, "", "triage", "--format", "json", "--config", accountsConfig, "testdata/triage/recording.har")
	var rep struct {
		Responses []struct {
			Index       int
			Status      int
			Predicted   []struct{ Rule string } `json:"predicted_by"`
			AlsoFlagged []struct{ Rule string } `json:"also_flagged"`
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	predicted := map[int][]string{}
	for _, r := range rep.Responses {
		for _, p := range r.Predicted {
			predicted[r.Index] = append(predicted[r.Index], p.Rule)
		}
	}
	assert.Equal(t, []string{"stackone/page-size"}, predicted[0], "400 on page_size=500")
	assert.Equal(t, []string{"stackone/placeholder-id"}, predicted[1], "404 on /candidates/undefined")
	assert.Equal(t, []string{"teamtailor/missing-permissions"}, predicted[2], "501 on a Teamtailor write")
	assert.Equal(t, []string{"lever/updated-at-filter"}, predicted[8], "400 on a Lever filter[updated_at]")
}

func TestTriageExitCodes(t *testing.T) {
	t.Chdir("../..")
	// No failed response: nothing printed, exit 0.
	out, errOut, code := atslint(t, "", "triage", "testdata/har/smartrecruiters-polling.har")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)
	assert.Empty(t, errOut)
	out, _, code = atslint(t, "", "triage", "--format", "json", "testdata/har/smartrecruiters-polling.har")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, `"errors": 0`)

	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
		return p
	}
	ok := write("ok.json", `{"statusCode": 200, "message": "ok"}`)
	_, _, code = atslint(t, "", "triage", ok)
	assert.Equal(t, exitOK, code)

	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"triage", filepath.Join(dir, "missing.json")}, "missing.json: no such file or directory"},
		{[]string{"triage", write("bad.json", `{"statusCode": 4`)}, "bad.json:1:17: unexpected end of input"},
		{[]string{"triage", write("req.json", `{"method": "GET"}`)}, `req.json:1:1: expected a StackOne error response (an object with a numeric "statusCode"), got an object without a numeric "statusCode"`},
		{[]string{"triage", "--provider", "nope", ok}, `unknown provider "nope"`},
		{[]string{"triage", "--format", "sarif", ok}, `unknown format "sarif" (want json, text)`},
		{[]string{"triage"}, "no paths given"},
	} {
		_, errOut, code := atslint(t, "", tc.args...)
		assert.Equal(t, exitUsage, code, tc.args)
		assert.Contains(t, errOut, tc.err, tc.args)
	}
	// Problems and errors together: the errors are still printed, exit 2.
	out, _, code = atslint(t, "", "triage", filepath.Join(dir, "bad.json"), "testdata/triage/providers/lever-503.json")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, out, "lever: Lever maintenance downtime")
}

func TestTriageStdin(t *testing.T) {
	t.Chdir("../..")
	out, _, code := atslint(t, `{"statusCode": 404, "provider": "greenhouse"}`, "triage", "--stdin-filename", "err.json", "-")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, "err.json:1:1: 404 Not Found")
	assert.Contains(t, out, "greenhouse: Invalid Greenhouse user ID provided during account linking")

	har, err := os.ReadFile("testdata/triage/recording.har")
	require.NoError(t, err)
	want, _, _ := atslint(t, "", "triage", "testdata/triage/recording.har")
	out, _, code = atslint(t, string(har), "triage", "--stdin-filename", "testdata/triage/recording.har", "-")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, want, out)
}

// TestTriageNoPersonalData: the test data is full of e-mail addresses,
// phone numbers and names in messages and provider_errors; none of them
// is printed in any format.
func TestTriageNoPersonalData(t *testing.T) {
	t.Chdir("../..")
	for _, format := range []string{"text", "json"} {
		out, _, _ := atslint(t, "", "triage", "--format", format, "--config", accountsConfig, "testdata/triage")
		for _, s := range []string{"jane", "Jane", "example.com", "+44", "7946", "already exists", "page_size must not", "Forbidden for", "x-request-id", "x-rate-limit", "4711", "usr_42"} {
			assert.NotContains(t, out, s, format)
		}
	}
}
