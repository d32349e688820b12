package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// atslint runs the CLI in-process from the repository root.
func atslint(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	dir, err := os.Getwd()
	require.NoError(t, err)
	code = run(&env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, dir: dir}, args)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run: go test ./cmd/atslint -update")
	assert.Equal(t, string(want), got, "golden file %s is stale; if the change is intended run: go test ./cmd/atslint -update", path)
}

func TestCheckGolden(t *testing.T) {
	t.Chdir("../..")
	// The bad inputs are named one by one: a walk skips the ones that hold
	// no request (TestWalkSkipsNonRequests), a named file is always reported.
	inputs, err := filepath.Glob("testdata/inputs/*.json")
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"requests.txt", []string{"check", "testdata/requests"}, 1},
		{"requests.json", []string{"check", "--format", "json", "testdata/requests"}, 1},
		{"inputs.txt", append([]string{"check"}, inputs...), 1},
		{"inputs.json", append([]string{"check", "--format=json"}, inputs...), 1},
		{"requests.sarif", []string{"check", "--format", "sarif", "testdata/requests"}, 1},
		{"inputs.sarif", append([]string{"check", "--format", "sarif"}, inputs...), 1},
		{"requests.github", []string{"check", "--format", "github", "testdata/requests"}, 1},
		{"inputs.github", append([]string{"check", "--format", "github"}, inputs...), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := atslint(t, "", tc.args...)
			assert.Equal(t, tc.code, code, errOut)
			golden(t, tc.name, out)
		})
	}
}

func TestCheckExitCodes(t *testing.T) {
	t.Chdir("../..")
	good := "testdata/requests/notes/create-good.json"
	_, _, code := atslint(t, "", "check", good)
	assert.Equal(t, exitOK, code)

	// Warnings only: 0 by default, 1 with --fail-on warning.
	warn := "testdata/requests/jobs/create-deprecated-status.json"
	_, _, code = atslint(t, "", "check", warn)
	assert.Equal(t, exitOK, code)
	_, _, code = atslint(t, "", "check", "--fail-on", "warning", warn)
	assert.Equal(t, exitFindings, code)

	_, errOut, code := atslint(t, "", "check", "testdata/requests/does-not-exist.json", good)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "atslint: testdata/requests/does-not-exist.json: no such file or directory")

	_, errOut, code = atslint(t, "", "check", "--provider", "nope", good)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown provider "nope"; known providers: ashby,`)

	_, _, code = atslint(t, "", "check", "--format", "xml", good)
	assert.Equal(t, exitUsage, code)
	_, _, code = atslint(t, "", "frobnicate")
	assert.Equal(t, exitUsage, code)
}

func TestCheckStdin(t *testing.T) {
	doc := `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"}}`
	out, _, code := atslint(t, doc, "check", "--stdin-filename", "req.json", "-")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "req.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)
}

func TestCheckQuietWhenClean(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := atslint(t, "", "check", "testdata/requests/notes/create-good.json", "testdata/requests/offers/create-good.json")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)
	assert.Empty(t, errOut)
}

func TestCheckConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".atslint.yaml")
	req := filepath.Join(dir, "req.json")
	require.NoError(t, os.WriteFile(req, []byte(`{"method": "GET", "url": "/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"}}`), 0o644))

	require.NoError(t, os.WriteFile(cfg, []byte("rules:\n  stackone/page-size: off\n"), 0o644))
	out, _, code := atslint(t, "", "check", "--config", cfg, req)
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)

	require.NoError(t, os.WriteFile(cfg, []byte("fail_on: warning\nrules:\n  stackone/page-sise: off\n"), 0o644))
	_, errOut, code := atslint(t, "", "check", "--config", cfg, req)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, cfg+`:3: unknown rule "stackone/page-sise"; did you mean "stackone/page-size"?`)
}

func TestCheckOpenAPIFlag(t *testing.T) {
	t.Chdir("../..")
	widgets := `{"method": "GET", "url": "/unified/ats/widgets?page_size=10", "headers": {"x-account-id": "a"}}`
	out, errOut, code := atslint(t, widgets, "check", "--openapi", "testdata/openapi/mini.yaml", "-")
	assert.Equal(t, exitOK, code, errOut)
	assert.Empty(t, out)

	// The built-in catalogue knows no widgets.
	out, _, code = atslint(t, widgets, "check", "-")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, "[stackone/unknown-operation]")

	_, errOut, code = atslint(t, widgets, "check", "--openapi", "testdata/requests/notes/create-good.json", "-")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--openapi: testdata/requests/notes/create-good.json:")
}

// --provider takes StackOne's key as its docs spell it.
func TestCheckStackOneProviderKey(t *testing.T) {
	doc := `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "a"}, "body": {"content": [{"body": "Great call"}]}}`
	out, errOut, code := atslint(t, doc, "check", "--provider", "bullhorn_ats", "--stdin-filename", "n.json", "-")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "[bullhorn/note-missing-author]")
	for _, key := range []string{"workdayats", "sapsuccessfactors_ats", "vincere", "Workday ATS"} {
		_, errOut, code := atslint(t, doc, "check", "--provider", key, "--stdin-filename", "n.json", "-")
		assert.Equal(t, exitOK, code, "%s: %s", key, errOut)
	}
	_, errOut, code = atslint(t, doc, "check", "--provider", "sapsuccesfactors", "--stdin-filename", "n.json", "-")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown provider "sapsuccesfactors" (did you mean "sapsuccessfactors"?)`)
}
