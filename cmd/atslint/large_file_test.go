package main

import (
	"os"
	"path/filepath"
	"testing"

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
