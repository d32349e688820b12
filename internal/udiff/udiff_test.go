package udiff

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
	new := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	require.NoError(t, Write(&b, "x.json", []byte(old), []byte(new)))
	assert.Equal(t, `diff --git a/x.json b/x.json
--- a/x.json
+++ b/x.json
@@ -1,5 +1,5 @@
 a
-b
+B
 c
 d
 e
@@ -10,3 +10,4 @@
 j
 k
 l
+m
`, b.String())

	b.Reset()
	require.NoError(t, Write(&b, "y.json", []byte(`{"a": 1}`), []byte(`{"b": 1}`)))
	assert.Equal(t, "diff --git a/y.json b/y.json\n--- a/y.json\n+++ b/y.json\n@@ -1 +1 @@\n-{\"a\": 1}\n\\ No newline at end of file\n+{\"b\": 1}\n\\ No newline at end of file\n", b.String())

	b.Reset()
	require.NoError(t, Write(&b, "z", []byte("same\n"), []byte("same\n")))
	assert.Empty(t, b.String())
}

// TestGitApply: git applies every diff to give the new text, whatever the
// edits.
func TestGitApply(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	cases := [][2]string{
		{"1\n2\n3\n", "1\n2\n3\n4"},
		{"1\n2\n3", "1\n2\n3\n"},
		{"", "a\n"},
		{"a\n", ""},
		{"a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "x\nb\nc\nd\ne\nf\ng\nh\ni\ny\n"},
		{"a\nb\nc\nd\ne\nf\ng\n", "a\nc\nd\nb\ne\nf\nz\ng\n"},
		{strings.Repeat("same\n", 20) + "old\n" + strings.Repeat("same\n", 20), strings.Repeat("same\n", 20) + "new\nnewer\n" + strings.Repeat("same\n", 19)},
	}
	for i, c := range cases {
		dir := t.TempDir()
		git := func(args ...string) string {
			cmd := exec.Command("git", args...)
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "git %v: %s", args, out)
			return string(out)
		}
		git("init", "-q")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "f.txt"), []byte(c[0]), 0o644))
		var b bytes.Buffer
		require.NoError(t, Write(&b, "f.txt", []byte(c[0]), []byte(c[1])))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "p.diff"), b.Bytes(), 0o644))
		git("apply", "p.diff")
		got, err := os.ReadFile(filepath.Join(dir, "f.txt"))
		require.NoError(t, err)
		assert.Equal(t, c[1], string(got), "case %d:\n%s", i, b.String())
	}
}
