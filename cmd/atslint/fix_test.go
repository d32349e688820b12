package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = string(data)
		return err
	}))
	return out
}

type jsonOut struct {
	Diagnostics []struct {
		File, Rule, Provider, Message string
		Fix                           *struct{ Safety string }
	}
}

func fixCheckJSON(t *testing.T, args ...string) jsonOut {
	t.Helper()
	out, errOut, code := atslint(t, "", append([]string{"check", "--format", "json"}, args...)...)
	require.NotEqual(t, exitUsage, code, errOut)
	var r jsonOut
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	return r
}

// TestFixRequestsCorpus is the "done when" of fixes on a copy of
// testdata/requests: --diff prints a diff that git apply accepts and exits
// 1; --fix --unsafe-fixes removes every fixable finding and leaves the
// others; a second --fix changes no byte.
func TestFixRequestsCorpus(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	repo, err := filepath.Abs("../..")
	require.NoError(t, err)
	dir := t.TempDir()
	copyTree(t, filepath.Join(repo, "testdata", "requests"), filepath.Join(dir, "requests"))
	t.Chdir(dir)
	git := func(args ...string) {
		t.Helper()
		out, err := exec.Command("git", args...).CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	git("init", "-q")
	git("add", "-A")
	git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "corpus")
	orig := snapshot(t, "requests")

	before := fixCheckJSON(t, "requests")
	var fixable, others []string
	for _, d := range before.Diagnostics {
		k := d.File + " " + d.Rule + " " + d.Provider + " " + d.Message
		if d.Fix != nil {
			fixable = append(fixable, k)
		} else {
			others = append(others, k)
		}
	}
	require.NotEmpty(t, fixable)

	// --diff: a diff git accepts, nothing written, exit 1.
	diff, errOut, code := atslint(t, "", "check", "--diff", "--unsafe-fixes", "requests")
	assert.Equal(t, exitFindings, code, errOut)
	assert.Contains(t, diff, "diff --git a/requests/")
	assert.Equal(t, orig, snapshot(t, "requests"), "--diff writes nothing")
	patch := filepath.Join(t.TempDir(), "fixes.diff")
	require.NoError(t, os.WriteFile(patch, []byte(diff), 0o644))
	git("apply", "--check", patch)
	git("apply", patch)
	applied := snapshot(t, "requests")
	git("checkout", "-q", "--", ".")
	assert.Equal(t, orig, snapshot(t, "requests"))

	// --fix --unsafe-fixes: every fixable finding gone, the others left,
	// and the same bytes as the diff gave.
	_, errOut, code = atslint(t, "", "check", "--fix", "--unsafe-fixes", "requests")
	assert.Equal(t, exitFindings, code, "errors are left, so the exit code is still 1")
	assert.Contains(t, errOut, "atslint: fixed ")
	after := fixCheckJSON(t, "requests")
	var left []string
	for _, d := range after.Diagnostics {
		assert.Nil(t, d.Fix, "still fixable after --fix: %s %s", d.File, d.Message)
		left = append(left, d.File+" "+d.Rule+" "+d.Provider+" "+d.Message)
	}
	sort.Strings(others)
	sort.Strings(left)
	assert.Equal(t, others, left)
	fixedOnce := snapshot(t, "requests")
	assert.NotEqual(t, orig, fixedOnce)
	assert.Equal(t, applied, fixedOnce, "--diff and --fix make the same change")

	// A second --fix changes no byte, and --diff has nothing to say.
	_, _, _ = atslint(t, "", "check", "--fix", "--unsafe-fixes", "requests")
	assert.Equal(t, fixedOnce, snapshot(t, "requests"))
	diff, _, code = atslint(t, "", "check", "--diff", "--unsafe-fixes", "requests")
	assert.Empty(t, diff)
	assert.Equal(t, exitOK, code)
}

func TestFixDiffGolden(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := atslint(t, "", "check", "--diff", "--unsafe-fixes", "testdata/requests")
	assert.Equal(t, exitFindings, code, errOut)
	golden(t, "requests.diff", out)
	// Safe fixes only: a smaller diff.
	safe, _, code := atslint(t, "", "check", "--diff", "testdata/requests")
	assert.Equal(t, exitFindings, code)
	golden(t, "requests-safe.diff", safe)
	assert.Less(t, len(safe), len(out))
}

func TestFixSafeOnly(t *testing.T) {
	dir := t.TempDir()
	req := filepath.Join(dir, "req.json")
	doc := "{\n  \"method\": \"GET\",\n  \"url\": \"http://api.stackone.com/unified/ats/jobs?page_size=500\",\n  \"headers\": {\"x-account-id\": \"a\"}\n}\n"
	require.NoError(t, os.WriteFile(req, []byte(doc), 0o600))

	out, errOut, code := atslint(t, "", "check", req)
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, req+":3:10: error: [*] url uses http://; credentials and candidate data would travel unencrypted [security/insecure-url]\n"+
		req+":3:62: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)
	assert.Equal(t, "2 problems (2 errors, 0 warnings) in 1 file, 1 fixable with --fix (1 more with --unsafe-fixes)\n", errOut)

	_, errOut, _ = atslint(t, "", "check", "--unsafe-fixes", req)
	assert.Equal(t, "2 problems (2 errors, 0 warnings) in 1 file, 2 fixable with --fix --unsafe-fixes\n", errOut)

	// --fix applies the safe fix only; the report and exit code show what is left.
	out, errOut, code = atslint(t, "", "check", "--fix", req)
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, req+":3:63: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)
	assert.Equal(t, "atslint: fixed 1 problem in 1 file\n1 problem (1 error, 0 warnings) in 1 file, 1 fixable with --fix --unsafe-fixes\n", errOut)
	got, err := os.ReadFile(req)
	require.NoError(t, err)
	assert.Equal(t, strings.Replace(doc, "http://", "https://", 1), string(got))
	st, err := os.Stat(req)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "the file keeps its permissions")

	out, errOut, code = atslint(t, "", "check", "--fix", "--unsafe-fixes", req)
	assert.Equal(t, exitOK, code, "nothing is left")
	assert.Empty(t, out)
	assert.Equal(t, "atslint: fixed 1 problem in 1 file\n", errOut)
	got, err = os.ReadFile(req)
	require.NoError(t, err)
	assert.Equal(t, strings.NewReplacer("http://", "https://", "=500", "=100").Replace(doc), string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left behind")
}

func TestFixStdin(t *testing.T) {
	doc := `{"method": "GET", "url": "http://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"}}`
	out, errOut, code := atslint(t, doc, "check", "--fix", "--stdin-filename", "req.json", "-")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, strings.Replace(doc, "http://", "https://", 1), out, "stdout is the fixed document")
	assert.Equal(t, "atslint: fixed 1 problem in 1 file\n"+
		"req.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n"+
		"1 problem (1 error, 0 warnings) in 1 file, 1 fixable with --fix --unsafe-fixes\n", errOut, "the report goes to stderr")

	// Nothing to fix: stdout is the document as it was.
	clean := `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "a"}}`
	out, errOut, code = atslint(t, clean, "check", "--fix", "-")
	assert.Equal(t, exitOK, code, errOut)
	assert.Equal(t, clean, out)

	out, _, code = atslint(t, doc, "check", "--diff", "--stdin-filename", "req.json", "-")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "diff --git a/req.json b/req.json\n--- a/req.json\n+++ b/req.json\n@@ -1 +1 @@\n-"+doc+
		"\n\\ No newline at end of file\n+"+strings.Replace(doc, "http://", "https://", 1)+"\n\\ No newline at end of file\n", out)
}

// TestFixNeverRewritesHAR: a recording is what was sent; its findings
// carry no fix and --fix leaves its bytes alone, under any name.
func TestFixNeverRewritesHAR(t *testing.T) {
	repo, err := filepath.Abs("../..")
	require.NoError(t, err)
	dir := t.TempDir()
	copyTree(t, filepath.Join(repo, "testdata", "har"), dir)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".har" {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "as-json-"+e.Name()+".json"), data, 0o644))
		}
	}
	orig := snapshot(t, dir)
	for _, d := range fixCheckJSON(t, dir).Diagnostics {
		assert.Nil(t, d.Fix, "%s: %s", d.File, d.Message)
	}
	_, _, _ = atslint(t, "", "check", "--fix", "--unsafe-fixes", dir)
	assert.Equal(t, orig, snapshot(t, dir))
	diff, _, _ := atslint(t, "", "check", "--diff", "--unsafe-fixes", dir)
	assert.Empty(t, diff)
}

func TestFixFlagsUsage(t *testing.T) {
	_, errOut, code := atslint(t, "", "check", "--fix", "--baseline", "b.json", "x.json")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--fix and --diff do not go with --baseline")
}

// TestVetFix: atslint vet -fix applies the analyzer's safe suggested fixes
// to the Go files, -unsafe-fixes the rest, giving the analyzer's golden
// file; the report then shows what is left.
func TestVetFix(t *testing.T) {
	repo, err := filepath.Abs("../..")
	require.NoError(t, err)
	src, err := os.ReadFile(filepath.Join(repo, "analyzer", "testdata", "src", "fixes", "fixes.go"))
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(repo, "analyzer", "testdata", "src", "fixes", "fixes.go.golden"))
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/fixes\n\ngo 1.22\n"), 0o644))
	file := filepath.Join(dir, "fixes.go")
	require.NoError(t, os.WriteFile(file, src, 0o644))

	_, errOut, code := atslintIn(t, dir, "vet", "-fix", ".")
	assert.Equal(t, exitFindings, code, errOut)
	assert.Contains(t, errOut, "atslint: fixed 3 problems in 1 file\n")
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	safe := strings.NewReplacer(
		`"http://api.stackone.com/unified/ats/candidates?`, `"https://api.stackone.com/unified/ats/candidates?`,
		`"visibility": "public", "auther_id"`, `"visibility": {"value": "public"}, "auther_id"`,
		`\"visibility\": \"public\"}"`, `\"visibility\": {\"value\": \"public\"}}"`,
	).Replace(string(src))
	assert.Equal(t, safe, string(got), "only the safe fixes")

	out, errOut, code := atslintIn(t, dir, "vet", "-fix", "-unsafe-fixes", ".")
	assert.Equal(t, exitOK, code, errOut)
	got, err = os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	assert.Equal(t, "fixes.go:67:99: warning: GET request has a body, which the API ignores [stackone/unexpected-body]\n", out, "what has no fix is left")
}
