package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeTree writes files (slash paths → contents) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

const badPageSize = `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"}}`

// Item 1: a directory with no request file is exit 2, with a message.
func TestCheckNoRequestFileIsExit2(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"README.md":    "# hi\n",
		"package.json": `{"name": "web", "repository": {"type": "git", "url": "https://example.com/x.git"}}`,
	})
	t.Chdir(dir)
	for _, args := range [][]string{{"check", "."}, {"check"}} {
		out, errOut, code := atslint(t, "", args...)
		assert.Equal(t, exitUsage, code)
		assert.Empty(t, out)
		assert.Equal(t, "atslint check: no request file found under . (no file there holds a StackOne request; 'atslint help check' says what is read)\n", errOut)
	}
	require.NoError(t, os.Mkdir("empty", 0o755))
	_, errOut, code := atslint(t, "", "check", "empty", "--format", "json")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "atslint check: no request file found under empty (no file there holds a StackOne request; 'atslint help check' says what is read)\n", errOut)
}

// Item 2: the walk skips hidden and ignored directories, .gitignored files
// and JSON that holds no request; a file named explicitly is reported.
func TestWalkSkipsNonRequests(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".git/HEAD":             "ref: refs/heads/main\n",
		".gitignore":            "# build output\nbuild/\n*.local.json\n!keep.local.json\n",
		"package.json":          `{"name": "web", "repository": {"type": "git", "url": "https://example.com/x.git"}}`,
		"tsconfig.json":         "{\n  // comments make this JSONC\n  \"compilerOptions\": {\"strict\": true}\n}\n",
		"list.json":             `["a", "b"]`,
		".vscode/settings.json": badPageSize,
		".github/req.json":      badPageSize,
		"node_modules/x/r.json": badPageSize,
		"vendor/r.json":         badPageSize,
		"build/r.json":          badPageSize,
		"a.local.json":          badPageSize,
		"keep.local.json":       badPageSize,
		"api/jobs.json":         badPageSize,
		"api/no-method.json":    `{"url": "https://api.stackone.com/unified/ats/jobs"}`,
		"api/broken.json":       `{"method": "GET", "url": `,
		"api/.gitignore":        "scratch.json\n",
		"api/scratch.json":      badPageSize,
		"other/scratch.json":    badPageSize,
	})
	t.Chdir(dir)
	out, errOut, code := atslint(t, "", "check")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "api/broken.json:1:26: error: unexpected end of input [input/syntax]\n"+
		"api/jobs.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n"+
		"api/no-method.json:1:1: error: request document has no \"method\" [input/not-a-request]\n"+
		"keep.local.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n"+
		"other/scratch.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)
	assert.Equal(t, "5 problems (5 errors, 0 warnings) in 5 files, 3 fixable with --fix --unsafe-fixes\n", errOut)

	// Named explicitly, a file that holds no request is reported, and so is
	// a hidden or ignored one.
	out, _, code = atslint(t, "", "check", "package.json", "build/r.json")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "build/r.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n"+
		"package.json:1:1: error: expected a request document (an object with \"method\" and \"url\" or \"path\") or an array of them, got an object without any of these keys [input/not-a-request]\n", out)

	// A walk that starts inside a hidden directory walks it.
	out, _, _ = atslint(t, "", "check", ".github")
	assert.Equal(t, ".github/req.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)
}

// Item 3: check with no path checks the current directory.
func TestCheckDefaultsToCurrentDirectory(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"jobs/list.json": badPageSize})
	t.Chdir(dir)
	out, _, code := atslint(t, "", "check")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "jobs/list.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)
}

// Item 4: help CMD, CMD --help and CMD -h print the same usage on stdout,
// exit 0, with --flag spelling.
func TestHelpForEveryCommand(t *testing.T) {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	singleDashLong := regexp.MustCompile(`(?m)^\s+-[a-z][a-z-]+`)
	for _, name := range names {
		want, errOut, code := atslint(t, "", "help", name)
		assert.Equal(t, exitOK, code, name)
		assert.Empty(t, errOut, name)
		assert.True(t, strings.HasPrefix(want, "usage: atslint "+name), name+": "+want)
		assert.NotRegexp(t, singleDashLong, want, name)
		for _, flag := range []string{"--help", "-h", "-help"} {
			out, errOut, code := atslint(t, "", name, flag)
			assert.Equal(t, exitOK, code, name+" "+flag)
			assert.Empty(t, errOut, name+" "+flag)
			assert.Equal(t, want, out, name+" "+flag)
		}
	}
	out, _, code := atslint(t, "", "help", "check")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "\nFlags:\n")
	assert.Contains(t, out, "\n  --format string\n      output format: github, json, sarif, text (default \"text\")\n")
	assert.Contains(t, out, "\n  -j int\n      number of files, and of requests of one file, checked in parallel\n")

	top, errOut, code := atslint(t, "", "help")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, errOut)
	assert.True(t, strings.HasPrefix(top, "atslint finds requests"), top)
	assert.Contains(t, top, "Run 'atslint help <command>'")
	for _, flag := range []string{"--help", "-h"} {
		out, _, code := atslint(t, "", flag)
		assert.Equal(t, exitOK, code)
		assert.Equal(t, top, out)
	}
	// No command at all is a usage error: the usage goes to stderr.
	out, errOut, code = atslint(t, "")
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, out)
	assert.Equal(t, top, errOut)
}

// Item 5: did-you-mean for commands, flags, --fail-on values and
// providers; an unknown flag does not dump the usage.
func TestTypos(t *testing.T) {
	t.Chdir("../..")
	good := "testdata/requests/notes/create-good.json"
	warn := "testdata/requests/jobs/create-deprecated-status.json"
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"chek", "."}, "atslint: unknown command \"chek\"; did you mean \"check\"?\nRun 'atslint help' for the list of commands.\n"},
		{[]string{"help", "expain"}, "atslint: unknown command \"expain\"; did you mean \"explain\"?\nRun 'atslint help' for the list of commands.\n"},
		{[]string{"frobnicate"}, "atslint: unknown command \"frobnicate\"\nRun 'atslint help' for the list of commands.\n"},
		{[]string{"check", "--fromat", "json", good}, "atslint check: unknown flag --fromat; did you mean --format?\nRun 'atslint help check' for usage.\n"},
		{[]string{"vet", "--provder", "lever"}, "atslint vet: unknown flag --provder; did you mean --provider?\nRun 'atslint help vet' for usage.\n"},
		{[]string{"rules", "-formt=json"}, "atslint rules: unknown flag --formt; did you mean --format?\nRun 'atslint help rules' for usage.\n"},
		{[]string{"check", "--zzz", good}, "atslint check: unknown flag --zzz\nRun 'atslint help check' for usage.\n"},
		{[]string{"check", "--format"}, "atslint check: flag --format needs a value\nRun 'atslint help check' for usage.\n"},
		{[]string{"check", "-j", "many", good}, "atslint check: invalid value \"many\" for flag -j: parse error\nRun 'atslint help check' for usage.\n"},
		{[]string{"check", "--fail-on", "eror", good}, "atslint: invalid --fail-on \"eror\"; did you mean \"error\"? (want error, warning or info)\n"},
		{[]string{"check", "--format", "sarf", good}, "atslint: unknown format \"sarf\"; did you mean \"sarif\"? (want github, json, sarif, text)\n"},
		{[]string{"check", "--provider", "levr", good}, "atslint: unknown provider \"levr\" (did you mean \"lever\"?); known providers: ashby, "},
		{[]string{"rules", "--provider", "bulhorn"}, "atslint: unknown provider \"bulhorn\" (did you mean \"bullhorn\"?); known providers: ashby, "},
	} {
		out, errOut, code := atslint(t, "", tc.args...)
		assert.Equal(t, exitUsage, code, tc.args)
		assert.Empty(t, out, tc.args)
		assert.True(t, strings.HasPrefix(errOut, tc.stderr), "%v:\n%s", tc.args, errOut)
	}
	// warn is warning, as other linters spell it.
	_, _, code := atslint(t, "", "check", "--fail-on", "warn", warn)
	assert.Equal(t, exitFindings, code)
	_, _, code = atslint(t, "", "check", "--fail-on", "warn", good)
	assert.Equal(t, exitOK, code)
}

// Item 5: a mistyped rule ID in an x-atslint ignore names the rule.
func TestIgnoreRuleTypo(t *testing.T) {
	doc := `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"},
 "x-atslint": {"ignore": [{"rule": "stackone/pagesize", "reason": "capped upstream"}, {"rule": "page-size", "reason": "capped upstream"}]}}`
	out, _, code := atslint(t, doc, "check", "--stdin-filename", "r.json", "-")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "r.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n"+
		"r.json:2:27: warning: ignore names unknown rule \"stackone/pagesize\"; did you mean stackone/page-size? [atslint/ignore]\n"+
		"r.json:2:87: warning: ignore names no rule ID (ruleset/name); did you mean stackone/page-size? [atslint/ignore]\n", out)
}

// Item 6: version names the Go version, module sum or revision, and the
// catalogue's spec date.
func TestVersion(t *testing.T) {
	out, errOut, code := atslint(t, "", "version")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, errOut)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.GreaterOrEqual(t, len(lines), 3, out)
	assert.Equal(t, "atslint "+versionString(), lines[0])
	assert.Equal(t, "  go:        "+runtime.Version(), lines[1])
	assert.Equal(t, "  catalogue: StackOne ATS OpenAPI 1.0.0 of 2025-12-03 (sha256 8db72d37018f)", lines[len(lines)-1])

	var b strings.Builder
	writeVersion(&b, &debug.BuildInfo{
		Main:     debug.Module{Path: "github.com/atslint/atslint", Version: "v0.2.0", Sum: "h1:abc="},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abc"}, {Key: "vcs.modified", Value: "true"}},
	})
	assert.Equal(t, "atslint "+versionString()+"\n"+
		"  go:        "+runtime.Version()+"\n"+
		"  module:    github.com/atslint/atslint v0.2.0 h1:abc=\n"+
		"  revision:  0123abc (modified)\n"+
		"  catalogue: StackOne ATS OpenAPI 1.0.0 of 2025-12-03 (sha256 8db72d37018f)\n", b.String())
}

// Items 11 and 12: ignore globs with gitignore meaning, applied to named
// files and to --stdin-filename, and overrides for --stdin-filename.
func TestConfigGlobsAndStdinFilename(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".atslint.yaml":         "ignore: [legacy, \"{tmp,scratch}/**\"]\noverrides:\n  - files: [\"fixtures/**\"]\n    rules: {stackone/page-size: warning}\n",
		"legacy/a.json":         badPageSize,
		"api/legacy/b.json":     badPageSize,
		"scratch/c.json":        badPageSize,
		"fixtures/list.json":    badPageSize,
		"api/jobs.json":         badPageSize,
		"api/legacy-notes.json": badPageSize,
	})
	t.Chdir(dir)
	out, _, code := atslint(t, "", "check")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "api/jobs.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n"+
		"api/legacy-notes.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n"+
		"fixtures/list.json:1:79: warning: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)

	// An ignored file named explicitly (as pre-commit names them) is not
	// checked, and that is no empty-run error.
	out, errOut, code := atslint(t, "", "check", "legacy/a.json")
	assert.Equal(t, exitOK, code, errOut)
	assert.Empty(t, out+errOut)

	// Standard input under a file's name is checked as that file.
	out, _, code = atslint(t, badPageSize, "check", "--stdin-filename", "fixtures/list.json", "-")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "fixtures/list.json:1:79: warning: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)
	out, errOut, code = atslint(t, badPageSize, "check", "--stdin-filename", "legacy/new.json", "-")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out+errOut)
	out, _, code = atslint(t, badPageSize, "check", "--stdin-filename", "api/new.json", "-")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "api/new.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n", out)

	// A glob that cannot match is a config error naming its line.
	writeTree(t, dir, map[string]string{".atslint.yaml": "ignore:\n  - legacy\n  - \"{tmp,scratch/**\"\n"})
	_, errOut, code = atslint(t, "", "check")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "atslint: "+filepath.Join(dir, ".atslint.yaml")+":3: invalid glob \"{tmp,scratch/**\" in ignore (syntax: * ? [abc] {a,b} and ** for any number of directories)\n", errOut)
}

// Item 13: rules shows the severity in force; config prints the resolved
// config.
func TestRulesAndConfigFollowTheConfig(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".atslint.yaml": "providers: [Lever]\nrules:\n  stackone/page-size: warn\n  stackone/unknown-filter: off\noverrides:\n  - files: [\"fixtures/**\"]\n    rules: {stackone/page-size: off}\n",
	})
	t.Chdir(dir)
	out, _, code := atslint(t, "", "rules", "--provider", "lever")
	require.Equal(t, exitOK, code)
	assert.Regexp(t, `(?m)^stackone/page-size +warning \(default error\) +any +page_size is not an integer from 1 to 100$`, out)
	assert.Regexp(t, `(?m)^stackone/unknown-filter +off \(default warning\) +any +`, out)
	assert.Regexp(t, `(?m)^lever/updated-at-filter +error +lever +`, out)
	out, _, _ = atslint(t, "", "rules", "--for", "fixtures/a.json")
	assert.Regexp(t, `(?m)^stackone/page-size +off \(default error\) +any +`, out)

	out, _, _ = atslint(t, "", "rules", "--format", "json")
	assert.Contains(t, out, "\"id\": \"stackone/page-size\",\n      \"severity\": \"warning\",\n      \"default_severity\": \"error\",\n")

	out, errOut, code := atslint(t, "", "config")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, "# from "+filepath.Join(dir, ".atslint.yaml")+"\n"+`providers:
  - lever
accounts: {}
fail_on: error
rules:
  stackone/page-size: warning
  stackone/unknown-filter: "off"
ignore: []
overrides:
  - files:
      - fixtures/**
    rules:
      stackone/page-size: "off"
`, out)

	empty := t.TempDir()
	t.Chdir(empty)
	out, _, code = atslint(t, "", "config")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "# no .atslint.yaml found here or in a parent directory: defaults in force\nproviders: []\naccounts: {}\nfail_on: error\nrules: {}\nignore: []\noverrides: []\n", out)
}

// Item 20: colour with --color and NO_COLOR; the summary line on stderr.
func TestColorAndSummary(t *testing.T) {
	const red = "\x1b[1;31merror\x1b[0m"
	runWith := func(terminal bool, noColor string, args ...string) (string, string, int) {
		var out, errb strings.Builder
		e := &env{stdin: strings.NewReader(badPageSize), stdout: &out, stderr: &errb, dir: t.TempDir(),
			getenv:           func(k string) string { return map[string]string{"NO_COLOR": noColor}[k] },
			stdoutIsTerminal: func() bool { return terminal }}
		code := run(e, append([]string{"check", "--stdin-filename", "r.json"}, append(args, "-")...))
		return out.String(), errb.String(), code
	}
	plain := "r.json:1:79: error: page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n"
	colored := "r.json:1:79: " + red + ": page_size must be an integer from 1 to 100, got 500 [stackone/page-size]\n"
	for _, tc := range []struct {
		terminal bool
		noColor  string
		args     []string
		want     string
	}{
		{true, "", nil, colored},
		{false, "", nil, plain},
		{true, "1", nil, plain},
		{true, "1", []string{"--color=always"}, colored},
		{false, "", []string{"--color", "always"}, colored},
		{true, "", []string{"--color=never"}, plain},
		{true, "", []string{"--color=auto"}, colored},
	} {
		out, errOut, code := runWith(tc.terminal, tc.noColor, tc.args...)
		assert.Equal(t, exitFindings, code)
		assert.Equal(t, tc.want, out, "%v %q %v", tc.terminal, tc.noColor, tc.args)
		assert.Equal(t, "1 problem (1 error, 0 warnings) in 1 file, 1 fixable with --fix --unsafe-fixes\n", errOut)
	}
	// Colour is for text; JSON on a terminal stays JSON, with no summary.
	out, errOut, _ := runWith(true, "", "--format", "json")
	assert.NotContains(t, out, "\x1b")
	assert.Empty(t, errOut)
	_, errOut, code := runWith(true, "", "--color", "sometimes")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "atslint: invalid --color \"sometimes\" (want auto, always or never)\n", errOut)
}
