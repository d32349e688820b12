package main

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests run without the result cache unless they ask for one, so that no
// test reads what another stored.
func TestMain(m *testing.M) {
	if os.Getenv("ATSLINT_CACHE") == "" {
		os.Setenv("ATSLINT_CACHE", "off")
	}
	os.Exit(m.Run())
}

// cacheEntries returns the files of the result cache.
func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*"))
	require.NoError(t, err)
	return names
}

// A second run over unchanged inputs replays the stored report, byte for
// byte in every format; a changed Go file or config file, or a cache
// entry that cannot be read, makes the run again.
func TestVetCache(t *testing.T) {
	mod := t.TempDir()
	require.NoError(t, os.CopyFS(mod, os.DirFS(filepath.Join("testdata", "vetmod"))))
	cache := t.TempDir()

	uncached := map[string]string{}
	for _, format := range []string{"text", "json", "sarif"} {
		out, errOut, code := atslintIn(t, mod, "vet", "--format", format, "./...")
		require.Equal(t, 0, code, errOut)
		uncached[format] = out + errOut
	}
	assert.Contains(t, uncached["text"], "auther_id")

	t.Setenv("ATSLINT_CACHE", cache)
	for _, format := range []string{"text", "json", "sarif"} {
		for run := 0; run < 2; run++ {
			out, errOut, code := atslintIn(t, mod, "vet", "--format", format, "./...")
			assert.Equal(t, 0, code, errOut)
			assert.Equal(t, uncached[format], out+errOut, "%s, run %d", format, run)
		}
	}
	entries := cacheEntries(t, cache)
	require.Len(t, entries, 3, "one slot per command line")

	// The second run is a replay: a stored report edited by hand is what
	// the next run prints.
	slot := ""
	for _, name := range entries {
		var e vetCacheEntry
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		require.NoError(t, gob.NewDecoder(bytes.NewReader(data)).Decode(&e))
		if len(e.Report.Diagnostics) > 0 && strings.Contains(uncached["text"], e.Report.Diagnostics[0].Message) {
			for i := range e.Report.Diagnostics {
				e.Report.Diagnostics[i].Message = "replayed"
			}
			var buf bytes.Buffer
			require.NoError(t, gob.NewEncoder(&buf).Encode(e))
			require.NoError(t, os.WriteFile(name, buf.Bytes(), 0o644))
			slot = name
		}
	}
	require.NotEmpty(t, slot)
	out, _, _ := atslintIn(t, mod, "vet", "--format", "text", "./...")
	assert.Contains(t, out, "replayed")

	// A changed source file is a new key.
	notes := filepath.Join(mod, "notes", "notes.go")
	src, err := os.ReadFile(notes)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(notes, bytes.ReplaceAll(src, []byte(`json:"auther_id"`), []byte(`json:"author_id"`)), 0o644))
	out, _, _ = atslintIn(t, mod, "vet", "--format", "text", "./...")
	assert.NotContains(t, out, "replayed")
	assert.NotContains(t, out, "auther_id")
	require.NoError(t, os.WriteFile(notes, src, 0o644))
	out, _, _ = atslintIn(t, mod, "vet", "--format", "text", "./...")
	assert.Contains(t, out, "auther_id")
	assert.NotContains(t, out, "replayed")

	// A config file found from a package's directory is part of the key.
	require.NoError(t, os.WriteFile(filepath.Join(mod, "notes", ".atslint.yaml"), []byte("rules:\n  stackone/unknown-field: off\n"), 0o644))
	out, _, _ = atslintIn(t, mod, "vet", "--format", "text", "./...")
	assert.NotContains(t, out, "auther_id")

	// An entry that cannot be decoded is a miss.
	require.NoError(t, os.Remove(filepath.Join(mod, "notes", ".atslint.yaml")))
	for _, name := range cacheEntries(t, cache) {
		require.NoError(t, os.WriteFile(name, []byte("not gob"), 0o644))
	}
	out, errOut, code := atslintIn(t, mod, "vet", "--format", "text", "./...")
	assert.Equal(t, 0, code)
	assert.Equal(t, uncached["text"], out+errOut)
}

// Storing an entry removes those written more than a week ago.
func TestVetCacheRemovesOldEntries(t *testing.T) {
	cache := t.TempDir()
	old, recent := filepath.Join(cache, "0123"), filepath.Join(cache, "4567")
	for _, name := range []string{old, recent} {
		require.NoError(t, os.WriteFile(name, []byte("x"), 0o644))
	}
	require.NoError(t, os.Chtimes(old, time.Now().Add(-8*24*time.Hour), time.Now().Add(-8*24*time.Hour)))
	require.NoError(t, os.Chtimes(recent, time.Now().Add(-6*24*time.Hour), time.Now().Add(-6*24*time.Hour)))
	t.Setenv("ATSLINT_CACHE", cache)
	mod := t.TempDir()
	require.NoError(t, os.CopyFS(mod, os.DirFS(filepath.Join("testdata", "vetmod"))))
	_, errOut, code := atslintIn(t, mod, "vet", "./...")
	require.Equal(t, 0, code, errOut)
	assert.NoFileExists(t, old)
	assert.FileExists(t, recent)
	assert.Len(t, cacheEntries(t, cache), 2, "the recent entry and the new one")
}

// A run that fails to type-check is never stored: its errors come from
// the packages, not from the cache.
func TestVetCacheSkipsFailedRuns(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("ATSLINT_CACHE", cache)
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/broken\n\ngo 1.22\n",
		"b.go":   "package broken\n\nimport \"net/http\"\n\nvar _ = http.MethodGet\n\nfunc f() int { return \"x\" }\n",
	})
	for run := 0; run < 2; run++ {
		_, errOut, code := atslintIn(t, dir, "vet", "./...")
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, "cannot use \"x\"")
	}
	assert.Empty(t, cacheEntries(t, cache))
}
