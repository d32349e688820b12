package gitignore

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPatterns(t *testing.T) {
	var m Matcher
	m.Add("", Parse([]byte("# comment\n\nbuild/\n*.local.json\n!keep.local.json\n/root-only.json\ndocs/*.json\n\\#hash.json\n{braces}.json\ntrailing.json   \n")))
	m.Add("api", Parse([]byte("scratch.json\n!../escape.json\n")))
	for _, tc := range []struct {
		path  string
		isDir bool
		want  bool
	}{
		{"build", true, true},
		{"sub/build", true, true},
		{"build", false, false}, // a trailing slash: directories only
		{"a.local.json", false, true},
		{"x/y/a.local.json", false, true},
		{"keep.local.json", false, false}, // negated
		{"root-only.json", false, true},
		{"x/root-only.json", false, false}, // anchored by the leading slash
		{"docs/a.json", false, true},
		{"docs/x/a.json", false, false},
		{"x/docs/a.json", false, false}, // a slash inside anchors too
		{"#hash.json", false, true},
		{"{braces}.json", false, true}, // braces are literal in gitignore
		{"braces.json", false, false},
		{"trailing.json", false, true},
		{"api/scratch.json", false, true},
		{"other/scratch.json", false, false}, // api/.gitignore applies under api/ only
		{"api/deeper/scratch.json", false, true},
		{"plain.json", false, false},
	} {
		assert.Equal(t, tc.want, m.Ignored(tc.path, tc.isDir), tc.path)
	}
}

func TestForWalkFindsTheRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	for name, content := range map[string]string{
		".git/info/exclude": "excluded.json\n",
		".gitignore":        "*.tmp.json\n",
		"a/.gitignore":      "only-in-a.json\n",
		"a/b/x.json":        "{}",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	m, got := ForWalk(filepath.Join(root, "a", "b"))
	assert.Equal(t, root, got)
	assert.True(t, m.Ignored("a/b/x.tmp.json", false))
	assert.True(t, m.Ignored("a/b/only-in-a.json", false))
	assert.True(t, m.Ignored("a/b/excluded.json", false))
	assert.False(t, m.Ignored("a/b/x.json", false))

	// Outside any repository the walk's own directory is the root.
	plain := t.TempDir()
	_, got = ForWalk(plain)
	abs, _ := filepath.Abs(plain)
	assert.Equal(t, abs, got)
}

// FuzzParse: any .gitignore text parses, and matching never panics.
func FuzzParse(f *testing.F) {
	f.Add([]byte("build/\n!keep\n*.json\n/a/**/b\n[z-a]\n\\\n"), "a/b/c.json")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		var m Matcher
		m.Add("", Parse(data))
		m.Ignored(path, false)
		m.Ignored(path, true)
	})
}
