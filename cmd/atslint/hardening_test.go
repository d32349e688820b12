package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageSize500 is a request with one finding (page-size, an error).
const pageSize500 = `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"}}`

// runGuarded runs the CLI in-process and fails the test, instead of
// hanging it, if the run blocks (on a named pipe, say).
func runGuarded(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	type result struct {
		out, err string
		code     int
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, dir: t.TempDir()}, args)
		done <- result{out.String(), errb.String(), code}
	}()
	select {
	case r := <-done:
		return r.out, r.err, r.code
	case <-time.After(time.Minute):
		t.Fatalf("atslint %s did not finish: blocked", strings.Join(args, " "))
	}
	return "", "", 0
}

func write(t testing.TB, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// TestCheckMaxSize: a file over --max-size is reported as input/too-large
// without being read (only its first 4 KiB are looked at, in case it is a
// HAR recording under another name).
func TestCheckMaxSize(t *testing.T) {
	dir := t.TempDir()
	big, small := filepath.Join(dir, "big.json"), filepath.Join(dir, "small.json")
	write(t, big, `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "padding": "`+strings.Repeat("x", 200)+`"}`)
	write(t, small, `{"method": "GET", "path": "/unified/ats/jobs"}`)
	var mu sync.Mutex
	var opened []string
	testHookReadAll = func(path string) {
		mu.Lock()
		opened = append(opened, filepath.Base(path))
		mu.Unlock()
	}
	defer func() { testHookReadAll = nil }()

	out, errOut, code := runGuarded(t, "check", "--max-size", "100", big, small)
	assert.Equal(t, exitFindings, code, errOut)
	assert.Equal(t, "2 problems (2 errors, 0 warnings) in 2 files\n", errOut)
	d := filepath.ToSlash(dir)
	assert.Equal(t, []string{
		d + "/big.json: error: file is 284 bytes, over the 100 bytes limit (--max-size) [input/too-large]",
		d + "/small.json:1:27: error: missing x-account-id header; StackOne cannot tell which linked account to call [stackone/missing-account-id]",
	}, lines(out))
	assert.Equal(t, []string{"small.json"}, opened, "the large file must not be read")

	// Standard input is read up to the limit only.
	var stdout, stderr bytes.Buffer
	code = run(&env{stdin: io.MultiReader(strings.NewReader(pageSize500), strings.NewReader(strings.Repeat(" ", 1<<20))),
		stdout: &stdout, stderr: &stderr, dir: dir}, []string{"check", "--max-size", "1000", "-"})
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "<stdin>: error: file is 1001 bytes, over the 1000 bytes limit (--max-size) [input/too-large]\n", stdout.String())
}

// TestCheckDeepNesting: ten million unclosed brackets are one input/too-deep
// diagnostic, not a stack overflow or a long hang.
func TestCheckDeepNesting(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "arrays.json"), strings.Repeat("[", 10_000_000))
	write(t, filepath.Join(dir, "objects.json"), strings.Repeat(`{"a":`, 2_000_000))
	write(t, filepath.Join(dir, "closed.json"), strings.Repeat("[", 1_000_000)+strings.Repeat("]", 1_000_000))
	out, errOut, code := runGuarded(t, "check", dir)
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "3 problems (3 errors, 0 warnings) in 3 files\n", errOut)
	d := filepath.ToSlash(dir)
	assert.Equal(t, []string{
		d + "/arrays.json:1:1001: error: nesting deeper than 1000 levels [input/too-deep]",
		d + "/closed.json:1:1001: error: nesting deeper than 1000 levels [input/too-deep]",
		d + "/objects.json:1:5001: error: nesting deeper than 1000 levels [input/too-deep]",
	}, lines(out))
}

// TestCheckDeterministic: the same input gives the same output, byte for
// byte, at any -j.
func TestCheckDeterministic(t *testing.T) {
	t.Chdir("../..")
	for _, format := range formatNames() {
		var outs, errs []string
		var codes []int
		for _, j := range []string{"1", "8", "3"} {
			out, errOut, code := atslint(t, "", "check", "-j", j, "--format", format, "testdata")
			outs, errs, codes = append(outs, out), append(errs, errOut), append(codes, code)
		}
		require.NotEmpty(t, outs[0], format)
		for i := 1; i < len(outs); i++ {
			assert.Equal(t, outs[0], outs[i], "format %s: stdout differs between -j 1 and another -j", format)
			assert.Equal(t, errs[0], errs[i], "format %s: stderr differs", format)
			assert.Equal(t, codes[0], codes[i], "format %s: exit code differs", format)
		}
	}
	// Sanity: the run covered many files.
	out, _, _ := atslint(t, "", "check", "--format", "json", "testdata")
	assert.True(t, slices.ContainsFunc(lines(out), func(l string) bool { return strings.Contains(l, `"files": `) }))
}
