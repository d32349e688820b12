package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckOutputFile(t *testing.T) {
	t.Chdir("../..")
	want, _, code := atslint(t, "", "check", "--format", "sarif", "testdata/requests")
	require.Equal(t, exitFindings, code)

	out := filepath.Join(t.TempDir(), "atslint.sarif")
	stdout, stderr, code := atslint(t, "", "check", "--format", "sarif", "--output", out, "testdata/requests")
	assert.Equal(t, exitFindings, code, "the exit code does not depend on where the report goes")
	assert.Empty(t, stdout)
	assert.Empty(t, stderr)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, want, string(got))

	_, stderr, code = atslint(t, "", "check", "--output", filepath.Join(t.TempDir(), "no", "such", "dir", "x.txt"), "testdata/requests")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "atslint: --output: open ")
}

// copyTree copies the directory src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	}))
}

// baselineProject copies testdata/requests and testdata/inputs into a
// temporary directory, makes it the working directory and returns the path
// of the golden baseline file.
func baselineProject(t *testing.T) (golden string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata", "requests"), filepath.Join(dir, "requests"))
	copyTree(t, filepath.Join(root, "testdata", "inputs"), filepath.Join(dir, "inputs"))
	t.Chdir(dir)
	return filepath.Join(root, "testdata", "golden", "requests.baseline")
}

func TestBaselineRoundTrip(t *testing.T) {
	golden := baselineProject(t)

	// How many diagnostics there are without a baseline.
	out, _, _ := atslint(t, "", "check", "--format", "json", "requests", "inputs")
	var plain struct {
		Diagnostics []any `json:"diagnostics"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &plain))
	total := len(plain.Diagnostics)
	require.Greater(t, total, 20)

	_, stderr, code := atslint(t, "", "check", "--write-baseline", "atslint-baseline.json", "requests", "inputs")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, fmt.Sprintf("atslint: wrote %d baseline entries to atslint-baseline.json\n", total), stderr)
	written, err := os.ReadFile("atslint-baseline.json")
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(golden, written, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run: go test ./cmd/atslint -update")
	assert.Equal(t, string(want), string(written), "baseline file; if the change is intended run: go test ./cmd/atslint -update")

	// Deterministic: the same bytes at any -j.
	_, _, code = atslint(t, "", "check", "-j", "1", "--write-baseline", "b1.json", "requests", "inputs")
	require.Equal(t, exitOK, code)
	b1, err := os.ReadFile("b1.json")
	require.NoError(t, err)
	assert.Equal(t, string(written), string(b1))

	// Read back: nothing to report, exit 0, at any fail-on, in any format.
	for _, format := range []string{"text", "json", "sarif", "github"} {
		out, stderr, code := atslint(t, "", "check", "--baseline", "atslint-baseline.json", "--fail-on", "info", "--format", format, "requests", "inputs")
		assert.Equal(t, exitOK, code, format+": "+stderr)
		assert.Empty(t, stderr)
		switch format {
		case "text", "github":
			assert.Empty(t, out, format)
		case "json":
			var rep struct {
				Diagnostics []any          `json:"diagnostics"`
				Summary     map[string]int `json:"summary"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &rep))
			assert.Empty(t, rep.Diagnostics)
			assert.Equal(t, total, rep.Summary["baselined"])
			assert.Equal(t, 0, rep.Summary["error"])
		}
	}

	// One new bad request: exactly that one is reported.
	require.NoError(t, os.WriteFile(filepath.Join("requests", "jobs", "new-bad.json"),
		[]byte(`{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "acc_1"}}`), 0o644))
	out, _, code = atslint(t, "", "check", "--baseline", "atslint-baseline.json", "requests", "inputs")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "requests/jobs/new-bad.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)
}

func TestBaselineSurvivesMovedLinesNotChangedValues(t *testing.T) {
	baselineProject(t)
	const file = "requests/jobs/list-bad.json"
	orig, err := os.ReadFile(file)
	require.NoError(t, err)
	_, _, code := atslint(t, "", "check", "--write-baseline", "b.json", "requests")
	require.Equal(t, exitOK, code)
	before, _, _ := atslint(t, "", "check", file)
	require.NotEmpty(t, before, "the file has findings")

	// Blank lines before the request and re-indentation move every
	// diagnostic: the baseline still holds them all.
	moved := "\n\n\n" + strings.ReplaceAll(string(orig), "\n  ", "\n      ")
	require.NoError(t, os.WriteFile(file, []byte(moved), 0o644))
	after, _, _ := atslint(t, "", "check", file)
	require.NotEqual(t, before, after, "positions moved")
	out, _, code := atslint(t, "", "check", "--baseline", "b.json", "requests")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)

	// The baseline also works from another directory: paths in it are
	// relative to the baseline file.
	t.Chdir("requests")
	out, _, code = atslint(t, "", "check", "--baseline", "../b.json", ".")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)
	t.Chdir("..")

	// A changed offending value is a new finding.
	changed := strings.Replace(moved, "page_size=0\"", "page_size=1000\"", 1)
	require.NotEqual(t, moved, changed, "the fixture has page_size=0")
	require.NoError(t, os.WriteFile(file, []byte(changed), 0o644))
	out, _, code = atslint(t, "", "check", "--baseline", "b.json", "requests")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, "got 1000 [stackone/page-size]")
	assert.Equal(t, 1, strings.Count(out, "\n"), out)
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	require.NoError(t, os.WriteFile("a.json", []byte(`{"method": "GET", "url": "/unified/ats/jobs", "headers": {"x-account-id": "a"}}`), 0o644))
	for _, tc := range []struct{ content, want string }{
		{"", "atslint: baseline missing.json: no such file or directory"},
		{`{"version": 2, "entries": []}`, "unsupported baseline version 2 (this atslint reads version 1; rewrite it with --write-baseline)"},
		{`{"version": 1, "entries": [], "extra": true}`, `not a baseline file: json: unknown field "extra"`},
		{`[1, 2]`, "not a baseline file"},
	} {
		name := "missing.json"
		if tc.content != "" {
			name = "b.json"
			require.NoError(t, os.WriteFile(name, []byte(tc.content), 0o644))
		}
		_, stderr, code := atslint(t, "", "check", "--baseline", name, "a.json")
		assert.Equal(t, exitUsage, code, tc.content)
		assert.Contains(t, stderr, tc.want, tc.content)
	}

	// Unreadable inputs: no baseline is written.
	_, stderr, code := atslint(t, "", "check", "--write-baseline", "new.json", "a.json", "gone.json")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "atslint: not writing new.json: some inputs could not be read")
	assert.NoFileExists(t, "new.json")
}

// The done-when, on the repository's own testdata folder.
func TestBaselineTestdata(t *testing.T) {
	t.Chdir("../..")
	b := filepath.Join(t.TempDir(), "baseline.json")
	_, stderr, code := atslint(t, "", "check", "--write-baseline", b, "testdata")
	require.Equal(t, exitOK, code, stderr)
	out, stderr, code := atslint(t, "", "check", "--baseline", b, "--fail-on", "info", "testdata")
	assert.Equal(t, exitOK, code, stderr)
	assert.Empty(t, out)
}

// The config is found in the working directory or a parent; its fail_on,
// ignore globs and overrides apply, relative to the config's directory.
func TestCheckConfigDiscoveryAndScopes(t *testing.T) {
	root := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	// A warning (deprecated query parameter) and an error (page size).
	warn := `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page=2", "headers": {"x-account-id": "a"}}`
	bad := `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"}}`
	write("ats/warn.json", warn)
	write("ats/legacy/bad.json", bad)
	write("ats/fixtures/bad.json", bad)
	write(".atslint.yaml", "fail_on: warning\nignore: [\"ats/legacy/**\"]\noverrides:\n  - files: [\"ats/fixtures/**\"]\n    rules: {stackone/page-size: off}\n")
	t.Chdir(filepath.Join(root, "ats"))

	out, stderr, code := atslint(t, "", "check", ".")
	assert.Equal(t, exitFindings, code, "fail_on: warning from the parent directory's config; "+stderr)
	assert.Equal(t, "warn.json:1:69: warning: query parameter page is deprecated; use the next cursor from the previous response [stackone/deprecated-query-param]\n", out,
		"legacy/ is ignored and page-size is off under fixtures/")

	// --config names another file, which replaces the discovered one.
	write("other.yaml", "rules: {stackone/deprecated-query-param: off}\n")
	out, _, code = atslint(t, "", "check", "--config", filepath.Join(root, "other.yaml"), "warn.json", "legacy/bad.json")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "legacy/bad.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)

	// A broken config is exit 2 naming the line, whatever the inputs.
	write(".atslint.yaml", "fail_on: warning\nrules:\n  stackone/page-size: off\n  stackone/page-size: error\n")
	_, stderr, code = atslint(t, "", "check", "warn.json")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, filepath.Join(root, ".atslint.yaml")+`:4: duplicate key "stackone/page-size" (first at line 3)`)
}

// atslint vet's SARIF and GitHub output count columns in UTF-16 code units
// too: the Go file is read again for them.
func TestVetUTF16Columns(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/p\n\ngo 1.22\n"), 0o644))
	src := "package p\n\nimport \"net/http\"\n\nfunc F() { /* café ☕ */ http.Get(\"https://api.stackone.com/unified/ats/jobs?page_size=500\") }\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644))
	text, _, code := atslintIn(t, dir, "vet", ".")
	require.Equal(t, exitFindings, code)
	// é is 2 bytes and ☕ 3 bytes, one UTF-16 unit each: 3 columns fewer.
	assert.Equal(t, "p.go:5:37: error: missing x-account-id header; StackOne cannot tell which linked account to call [stackone/missing-account-id]\n"+
		"p.go:5:90: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", text)
	gh, _, _ := atslintIn(t, dir, "vet", "--format", "github", ".")
	assert.Equal(t, "::error file=p.go,line=5,col=34,endLine=5,endColumn=91,title=stackone/missing-account-id::missing x-account-id header; StackOne cannot tell which linked account to call\n"+
		"::error file=p.go,line=5,col=87,endLine=5,endColumn=90,title=stackone/page-size::page_size must be an integer from 1 to 100, got 500\n", gh)
}

// failAfter is standard output that fails once n bytes are written.
type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errors.New("no space left on device")
	}
	f.n -= len(p)
	return len(p), nil
}

// The report is written as it is made: a write that fails part-way is a
// usage error, said once, in every format.
func TestCheckOutputWriteFails(t *testing.T) {
	t.Chdir("../..")
	for _, format := range formatNames() {
		var errb strings.Builder
		code := run(&env{stdin: strings.NewReader(""), stdout: &failAfter{n: 100}, stderr: &errb, dir: "."},
			[]string{"check", "--format", format, "testdata/requests"})
		assert.Equal(t, exitUsage, code, format)
		assert.Equal(t, 1, strings.Count(errb.String(), "atslint: writing output: no space left on device\n"), "%s: %s", format, errb.String())
	}
}
