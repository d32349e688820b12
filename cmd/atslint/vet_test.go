package main

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

// vetModule is a small module of its own (no dependencies) with one
// package per scenario.
const vetModule = "cmd/atslint/testdata/vetmod"

// atslintIn runs the CLI in-process with dir as the working directory.
func atslintIn(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	code = run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, dir: abs}, args)
	return out.String(), errb.String(), code
}

func TestVetGolden(t *testing.T) {
	t.Chdir("../..")
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		// The stackone findings are warnings: below the default fail-on.
		{"vet.txt", []string{"vet", "./..."}, 0},
		{"vet.json", []string{"vet", "--format", "json", "./..."}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := atslintIn(t, vetModule, tc.args...)
			assert.Equal(t, tc.code, code, errOut)
			if tc.name == "vet.txt" {
				assert.Equal(t, "2 problems (0 errors, 2 warnings) in 2 files, 1 fixable with --fix --unsafe-fixes\n", errOut)
			} else {
				assert.Empty(t, errOut, "the summary line is for text output")
			}
			golden(t, tc.name, out)
		})
	}
}

func TestVetExitCodes(t *testing.T) {
	t.Chdir("../..")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"warning fails with --fail-on warning", []string{"vet", "--fail-on", "warning", "./notes"}, 1, ""},
		{"silent package", []string{"vet", "--fail-on", "info", "./notesok"}, 0, ""},
		{"flags after packages", []string{"vet", "./notes", "--fail-on=warning"}, 1, ""},
		{"unknown provider", []string{"vet", "--provider", "nope", "./notes"}, 2, `unknown provider "nope"; known providers: ashby,`},
		{"unknown provider in list", []string{"vet", "--providers", "lever,nope", "./notes"}, 2, `-providers: unknown provider "nope"`},
		{"unknown format", []string{"vet", "--format", "xml", "./notes"}, 2, `unknown format "xml"`},
		{"bad fail-on", []string{"vet", "--fail-on", "never", "./notes"}, 2, `invalid --fail-on "never"`},
		{"missing config", []string{"vet", "--config", "nope.yaml", "./notes"}, 2, "config file not found"},
		{"no such package", []string{"vet", "./nothere"}, 2, "nothere"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := atslintIn(t, vetModule, tc.args...)
			assert.Equal(t, tc.code, code, errOut)
			assert.Contains(t, errOut, tc.stderr)
		})
	}
}

// writeModule writes a module of files (name → source) into a new
// directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	}
	return dir
}

// A package that can hold a request but does not type-check could hide
// requests: exit 2, naming the error.
func TestVetTypeErrorIsExit2(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/broken\n\ngo 1.22\n",
		"b.go":   "package broken\n\nimport \"net/http\"\n\nvar _ = http.MethodGet\n\nfunc f() int { return \"x\" }\n",
	})
	_, errOut, code := atslintIn(t, dir, "vet", "./...")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "atslint: b.go:7:23: cannot use \"x\"")
}

// Only packages whose imports reach net/http, and the packages they
// import (helpers whose summaries they may need), are type-checked; a
// package that can hold no request is not read at all, so its type error
// is go build's to report.
func TestVetChecksOnlyPackagesThatCanHoldRequests(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod":         "module example.com/app\n\ngo 1.22\n",
		"paths/paths.go": "package paths\n\nconst Jobs = \"https://api.stackone.com/unified/ats/jobz\"\n",
		"client/client.go": "package client\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/app/paths\"\n)\n\n" +
			"func List() (*http.Response, error) {\n\treq, err := http.NewRequest(http.MethodGet, paths.Jobs, nil)\n" +
			"\tif err != nil {\n\t\treturn nil, err\n\t}\n\treq.Header.Set(\"x-account-id\", \"acc_1\")\n\treturn http.DefaultClient.Do(req)\n}\n",
		"other/other.go": "package other\n\nfunc f() int { return \"x\" }\n",
	})
	out, errOut, code := atslintIn(t, dir, "vet", "--format", "json", "./...")
	assert.Equal(t, 1, code, errOut)
	assert.NotContains(t, errOut, "other.go")
	assert.Contains(t, out, `"rule": "stackone/unknown-operation"`)
	assert.Contains(t, out, `"files": 2,`) // client and the paths it imports
}

func TestIsVettoolInvocation(t *testing.T) {
	for args, want := range map[string]bool{
		"-V=full":                      true,
		"-flags":                       true,
		"/tmp/go-build1/b001/vet.cfg":  true,
		"-atslint.provider=x vet.cfg":  true,
		"vet ./...":                    false,
		"check testdata/requests.json": false,
		"version":                      false,
	} {
		assert.Equal(t, want, isVettoolInvocation(strings.Fields(args)), args)
	}
}

// TestGoVetVettool builds the binary and runs it the way CI does:
// go vet -vettool=$(command -v atslint) on a module.
func TestGoVetVettool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs go vet")
	}
	goBin, bin := buildBinary(t)
	mod, err := filepath.Abs(filepath.Join("testdata", "vetmod"))
	require.NoError(t, err)
	vet := func(pkg string) (string, int) {
		cmd := exec.Command(goBin, "vet", "-vettool="+bin, pkg)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		return stderr.String(), code
	}

	t.Run("finding", func(t *testing.T) {
		stderr, code := vet("./notes/...")
		assert.NotZero(t, code, stderr)
		assert.Equal(t, []string{
			`notes/notes.go:31:3: warning: unknown field "auther_id"; StackOne drops it silently; did you mean "author_id"? [stackone/unknown-field]`,
		}, diagnosticLines(stderr))
	})
	t.Run("silent", func(t *testing.T) {
		stderr, code := vet("./notesok/...")
		assert.Zero(t, code, stderr)
		assert.Empty(t, stderr)
	})
	t.Run("bullhorn", func(t *testing.T) {
		// At the struct literal that leaves author_id out.
		stderr, code := vet("./bullhorn/...")
		assert.NotZero(t, code, stderr)
		assert.Equal(t, []string{
			`bullhorn/notes.go:25:28: warning: note has no author_id, so Bullhorn silently attributes it to the API user; set author_id to the Bullhorn user who wrote it [bullhorn/note-missing-author]`,
		}, diagnosticLines(stderr))
		stderr, code = vet("./bullhornok/...")
		assert.Zero(t, code, stderr)
		assert.Empty(t, stderr)
	})
}

// diagnosticLines drops go vet's "# package" headers.
func diagnosticLines(stderr string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// An unknown provider in a directive is a usage error, like --provider.
func TestVetUnknownProviderDirective(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/p\n\ngo 1.22\n"), 0o644))
	src := "package p\n\nimport \"net/http\"\n\n//atslint:provider bulhorn\nfunc F() { http.Get(\"https://api.stackone.com/unified/ats/jobs\") }\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644))
	_, errOut, code := atslintIn(t, dir, "vet", ".")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `p.go:5:1: //atslint:provider: unknown provider "bulhorn" (did you mean "bullhorn"?); known providers: ashby,`)
}
