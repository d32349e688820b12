package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/internal/benchdata"
)

// TestLargeArraySameOutput: an array document over streamAbove is read
// from its file one request at a time and checked by several workers; its
// report is the one of the same bytes read whole (standard input), in
// JSON and SARIF (UTF-16 columns and value hashes read the file again),
// at any -j. A file that turns out to be broken at its end
// is reported as when read whole.
func TestLargeArraySameOutput(t *testing.T) {
	data := benchdata.Array(3400)
	require.Greater(t, len(data), streamAbove)
	broken := append(append([]byte(nil), data[:len(data)-3]...), ",\n]\n"...)
	dir := t.TempDir()
	for name, content := range map[string][]byte{"large.json": data, "broken.json": broken} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, content, 0o644))
		for _, format := range []string{"json", "sarif"} {
			want, wantErr, wantCode := atslint(t, string(content), "check", "-j", "1", "--format", format, "--stdin-filename", path, "-")
			require.NotEmpty(t, want)
			for _, j := range []string{"1", "3"} {
				out, errOut, code := atslint(t, "", "check", "-j", j, "--format", format, path)
				assert.Equal(t, want, out, "%s %s -j %s", name, format, j)
				assert.Equal(t, wantErr, errOut)
				assert.Equal(t, wantCode, code)
			}
		}
	}
}

// -j reaches the engines, which split one file's requests between workers.
func TestJobsReachEngines(t *testing.T) {
	f := checkFlags{jobs: 3, format: "text"}
	s, err := f.prepare(t.TempDir())
	require.NoError(t, err)
	assert.Equal(t, 3, s.engine("a.json").Jobs())
}

// Files that finish out of order (-j 2, the first file held back) are
// reported in the order of their names, as at -j 1, in every format: a
// large array read one request at a time among small files.
func TestFilesFinishingOutOfOrder(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"a.json":   benchdata.Document(1),
		"m.json":   benchdata.Array(3400), // streamed from its file
		"c/z.json": benchdata.Array(40),
		"b.json":   benchdata.Document(3),
	}
	var paths []string
	for _, name := range []string{"m.json", "c/z.json", "b.json", "a.json"} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, files[name], 0o644))
		paths = append(paths, path)
	}
	require.Greater(t, len(files["m.json"]), streamAbove)
	testHookBeforeRead = func(path string) {
		if filepath.Base(path) == "a.json" {
			time.Sleep(100 * time.Millisecond) // the others finish first
		}
	}
	defer func() { testHookBeforeRead = nil }()
	for _, format := range []string{"text", "json", "sarif", "github"} {
		want, wantErr, wantCode := atslint(t, "", append([]string{"check", "-j", "1", "--format", format}, paths...)...)
		out, errOut, code := atslint(t, "", append([]string{"check", "-j", "2", "--format", format}, paths...)...)
		assert.Equal(t, want, out, format)
		assert.Equal(t, wantErr, errOut, format)
		assert.Equal(t, wantCode, code, format)
		if format == "text" {
			// a.json, b.json, c/z.json, m.json, each file's lines together.
			var order []string
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				file, _, _ := strings.Cut(strings.TrimPrefix(line, dir+"/"), ":")
				if len(order) == 0 || order[len(order)-1] != file {
					order = append(order, file)
				}
			}
			assert.Equal(t, []string{"a.json", "b.json", "c/z.json", "m.json"}, order)
		}
	}
}
