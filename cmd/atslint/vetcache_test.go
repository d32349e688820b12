package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"
)

// vetCached runs atslint vet in dir with ATSLINT_CACHE=cache in the
// command's environment (atslintIn runs it with none: no cache, so that no
// test reads what another stored).
func vetCached(t *testing.T, dir, cache string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	getenv := func(k string) string { return map[string]string{"ATSLINT_CACHE": cache}[k] }
	code = run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, dir: abs, getenv: getenv}, append([]string{"vet"}, args...))
	return out.String(), errb.String(), code
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

	for _, format := range []string{"text", "json", "sarif"} {
		for run := 0; run < 2; run++ {
			out, errOut, code := vetCached(t, mod, cache, "--format", format, "./...")
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
	out, _, _ := vetCached(t, mod, cache, "--format", "text", "./...")
	assert.Contains(t, out, "replayed")

	// A changed source file is a new key.
	notes := filepath.Join(mod, "notes", "notes.go")
	src, err := os.ReadFile(notes)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(notes, bytes.ReplaceAll(src, []byte(`json:"auther_id"`), []byte(`json:"author_id"`)), 0o644))
	out, _, _ = vetCached(t, mod, cache, "--format", "text", "./...")
	assert.NotContains(t, out, "replayed")
	assert.NotContains(t, out, "auther_id")
	require.NoError(t, os.WriteFile(notes, src, 0o644))
	out, _, _ = vetCached(t, mod, cache, "--format", "text", "./...")
	assert.Contains(t, out, "auther_id")
	assert.NotContains(t, out, "replayed")

	// A config file found from a package's directory is part of the key.
	require.NoError(t, os.WriteFile(filepath.Join(mod, "notes", ".atslint.yaml"), []byte("rules:\n  stackone/unknown-field: off\n"), 0o644))
	out, _, _ = vetCached(t, mod, cache, "--format", "text", "./...")
	assert.NotContains(t, out, "auther_id")

	// An entry that cannot be decoded is a miss.
	require.NoError(t, os.Remove(filepath.Join(mod, "notes", ".atslint.yaml")))
	for _, name := range cacheEntries(t, cache) {
		require.NoError(t, os.WriteFile(name, []byte("not gob"), 0o644))
	}
	out, errOut, code := vetCached(t, mod, cache, "--format", "text", "./...")
	assert.Equal(t, 0, code)
	assert.Equal(t, uncached["text"], out+errOut)
}

// ATSLINT_CACHE is read from the command's environment, not the process's:
// a run without an environment stores nothing, and one whose environment
// says off stores nothing, whatever the process's says.
func TestVetCacheFollowsCommandEnv(t *testing.T) {
	mod := t.TempDir()
	require.NoError(t, os.CopyFS(mod, os.DirFS(filepath.Join("testdata", "vetmod"))))
	cache := t.TempDir()
	t.Setenv("ATSLINT_CACHE", cache)
	_, errOut, code := atslintIn(t, mod, "vet", "./...")
	require.Equal(t, 0, code, errOut)
	_, errOut, code = vetCached(t, mod, "off", "./...")
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, cacheEntries(t, cache))
	_, errOut, code = vetCached(t, mod, cache, "./...")
	require.Equal(t, 0, code, errOut)
	assert.Len(t, cacheEntries(t, cache), 1)
}

// Files in the module cache are keyed by size and modification time, not
// read, and not by name alone: one can change in place under the same
// path@version. The module's own files, a local replacement's and a
// vendored module's are read.
func TestVetCacheModuleCacheByStat(t *testing.T) {
	modcache := filepath.Join(t.TempDir(), "pkg", "mod")
	dep := &packages.Module{Path: "example.com/dep", Version: "v1.2.3", Dir: filepath.Join(modcache, "example.com", "dep@v1.2.3")}
	depFile := filepath.Join(dep.Dir, "dep.go")
	require.NoError(t, os.MkdirAll(dep.Dir, 0o755))
	require.NoError(t, os.WriteFile(depFile, []byte("package dep\n"), 0o644))
	for _, tc := range []struct {
		name string
		m    *packages.Module
		file string
		want bool
	}{
		{"module cache", dep, depFile, true},
		{"module cache, replaced by another version", &packages.Module{Path: "example.com/old", Version: "v0.1.0", Replace: dep}, depFile, true},
		{"outside the module's directory", dep, filepath.Join(modcache, "example.com", "other.go"), false},
		{"main module", &packages.Module{Path: "example.com/app", Main: true, Dir: "/src/app"}, "/src/app/a.go", false},
		{"replaced by a local directory", &packages.Module{Path: "example.com/dep", Version: "v1.2.3",
			Replace: &packages.Module{Path: "../dep", Dir: "/src/dep"}}, "/src/dep/dep.go", false},
		{"vendored", &packages.Module{Path: "example.com/dep", Version: "v1.2.3"}, "/src/app/vendor/example.com/dep/dep.go", false},
		{"directory not named by its version", &packages.Module{Path: "example.com/dep", Version: "v1.2.3", Dir: "/src/dep"}, "/src/dep/dep.go", false},
		{"standard library", nil, "/usr/lib/go/src/net/http/client.go", false},
	} {
		assert.Equal(t, tc.want, inModuleCache(tc.m, tc.file), tc.name)
	}

	own := filepath.Join(t.TempDir(), "app.go")
	require.NoError(t, os.WriteFile(own, []byte("package app\n"), 0o644))
	keys, ok := fileKeys([]*packages.Package{
		{ID: "example.com/dep", Module: dep, GoFiles: []string{depFile}},
		{ID: "example.com/app", Module: &packages.Module{Path: "example.com/app", Main: true, Dir: filepath.Dir(own)}, GoFiles: []string{own}},
	})
	require.True(t, ok)
	stat, ok := statKey(depFile)
	require.True(t, ok)
	assert.Equal(t, stat, keys[depFile], "a module cache file is keyed by size and modification time")
	sum := sha256.Sum256([]byte("package app\n"))
	assert.Equal(t, sum[:], keys[own])
	// A module cache file edited in place (-modcacherw, root) changes the
	// key, though its path@version does not.
	require.NoError(t, os.WriteFile(depFile, []byte("package dep // edited\n"), 0o644))
	edited, ok := fileKeys([]*packages.Package{{ID: "example.com/dep", Module: dep, GoFiles: []string{depFile}}})
	require.True(t, ok)
	assert.NotEqual(t, keys[depFile], edited[depFile])
	// A file of the module's own that cannot be read fails the key.
	_, ok = fileKeys([]*packages.Package{{ID: "example.com/app", Module: &packages.Module{Path: "example.com/app", Main: true}, GoFiles: []string{own + ".gone"}}})
	assert.False(t, ok)
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
	mod := t.TempDir()
	require.NoError(t, os.CopyFS(mod, os.DirFS(filepath.Join("testdata", "vetmod"))))
	_, errOut, code := vetCached(t, mod, cache, "./...")
	require.Equal(t, 0, code, errOut)
	assert.NoFileExists(t, old)
	assert.FileExists(t, recent)
	assert.Len(t, cacheEntries(t, cache), 2, "the recent entry and the new one")
}

// A run that fails to type-check is never stored: its errors come from
// the packages, not from the cache.
func TestVetCacheSkipsFailedRuns(t *testing.T) {
	cache := t.TempDir()
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/broken\n\ngo 1.22\n",
		"b.go":   "package broken\n\nimport \"net/http\"\n\nvar _ = http.MethodGet\n\nfunc f() int { return \"x\" }\n",
	})
	for run := 0; run < 2; run++ {
		_, errOut, code := vetCached(t, dir, cache, "./...")
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, "cannot use \"x\"")
	}
	assert.Empty(t, cacheEntries(t, cache))
}

// BenchmarkVetCacheKey makes the result cache's key of `atslint vet ./...`
// on this repository, after its go list: the files of the packages kept
// and of their dependencies, the module cache's among them.
func BenchmarkVetCacheKey(b *testing.B) {
	dir, err := filepath.Abs("../..")
	require.NoError(b, err)
	_, listed, err := requestPackages(&packages.Config{Dir: dir}, []string{"./..."})
	require.NoError(b, err)
	in := vetInputs{args: []string{"./..."}, cache: b.TempDir()}
	for b.Loop() {
		if newVetCache(dir, in, listed) == nil {
			b.Fatal("no key")
		}
	}
}
