package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/rules"
)

func TestParseFull(t *testing.T) {
	c, err := Parse("a.yaml", []byte(`providers: [lever, Bullhorn_ATS]
accounts: { acc_9f2: bullhorn }
fail_on: warning
rules:
  stackone/unknown-query-param: off
  stackone/page-size: info
ignore: ["testdata/legacy/**"]
overrides:
  - files: ["fixtures/**"]
    rules: { security/hardcoded-credential: off }
`))
	require.NoError(t, err)
	assert.Equal(t, []string{"lever", "bullhorn"}, c.Providers)
	assert.Equal(t, map[string]string{"acc_9f2": "bullhorn"}, c.Accounts)
	assert.Equal(t, rules.Warning, c.FailOn)
	assert.Equal(t, rules.Off, c.Rules["stackone/unknown-query-param"])
	assert.Equal(t, rules.Info, c.Rules["stackone/page-size"])
	require.Len(t, c.Overrides, 1)
	assert.Equal(t, []string{"fixtures/**"}, c.Overrides[0].Files)
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"providers: [lever]\nrulez: {}\n", `a.yaml:2: unknown key "rulez"; did you mean "rules"? (want providers, accounts, fail_on, rules, ignore or overrides)`},
		{"rules:\n  stackone/page-sise: off\n", `a.yaml:2: unknown rule "stackone/page-sise"; did you mean "stackone/page-size"? (atslint rules lists them)`},
		{"providers:\n  - lever\n  - levr\n", `a.yaml:3: unknown provider "levr" (did you mean "lever"?); known providers: ashby,`},
		{"accounts: {a: nope}\n", `a.yaml:1: unknown provider "nope"`},
		{"fail_on: loud\n", `a.yaml:1: invalid severity "loud" (want info, warning or error)`},
		{"rules: {stackone/page-size: maybe}\n", `a.yaml:1: invalid severity "maybe" (want off, info, warning or error)`},
		{"overrides:\n  - rules: {}\n", `a.yaml:2: override has no files`},
		{"providers: [lever\n", `a.yaml:`},
		{"- a\n", `a.yaml:1: config must be a mapping`},
		{"rules: {stackone/page-size: off}\nfail_on: error\nrules: {}\n", `a.yaml:3: duplicate key "rules" (first at line 1)`},
		{"rules:\n  stackone/page-size: off\n  stackone/page-size: error\n", `a.yaml:3: duplicate key "stackone/page-size" (first at line 2)`},
		{"accounts:\n  acc_1: lever\n  acc_1: bullhorn\n", `a.yaml:3: duplicate key "acc_1" (first at line 2)`},
		{"accounts: {[a]: lever}\n", `a.yaml:1: keys must be strings`},
		{"overrides:\n  - files: [a]\n    files: [b]\n", `a.yaml:3: duplicate key "files" (first at line 2)`},
	} {
		_, err := Parse("a.yaml", []byte(tc.src))
		require.Error(t, err, tc.src)
		assert.Contains(t, err.Error(), tc.want, tc.src)
	}
}

func TestEmptyConfig(t *testing.T) {
	c, err := Parse("a.yaml", nil)
	require.NoError(t, err)
	assert.Empty(t, c.Providers)
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	assert.Equal(t, "", Find(sub))
	require.NoError(t, os.WriteFile(filepath.Join(root, ".atslint.yaml"), nil, 0o644))
	assert.Equal(t, filepath.Join(root, ".atslint.yaml"), Find(sub))
}

func TestGlobsAndOverrides(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"testdata/legacy/**", "testdata/legacy/a/b.json", true},
		{"testdata/legacy/**", "testdata/new/a.json", false},
		{"*.har", "x/y/z.har", true},
		{"fixtures/*.json", "fixtures/a.json", true},
		{"fixtures/*.json", "fixtures/a/b.json", false},
		// A bare name means what it means in .gitignore: that file or
		// directory at any depth, and everything under the directory.
		{"legacy", "legacy/a.json", true},
		{"legacy", "api/legacy/a/b.json", true},
		{"legacy", "legacy.json", false},
		{"legacy", "notlegacy/a.json", false},
		{"legacy/", "legacy/a.json", true},
		{"legacy/", "legacy", false}, // a trailing slash: directories only
		{"/legacy", "api/legacy/a.json", false},
		{"/legacy", "legacy/a.json", true},
		{"./api/legacy", "api/legacy/a.json", true},
		{"api/legacy", "x/api/legacy/a.json", false}, // a slash inside anchors it
		// Braces work (they silently matched nothing before).
		{"{fixtures,samples}/**", "samples/a.json", true},
		{"{fixtures,samples}/**", "other/a.json", false},
		{"**/*.{json,har}", "a/b/c.har", true},
		{"*-[0-9].json", "x/run-7.json", true},
	} {
		assert.Equal(t, tc.want, MatchGlob(tc.pattern, tc.name), "%s ~ %s", tc.pattern, tc.name)
	}

	dir := t.TempDir()
	c, err := Parse(filepath.Join(dir, ".atslint.yaml"), []byte("rules: {stackone/page-size: warning}\nignore: [\"legacy\"]\noverrides:\n  - files: [\"fixtures/**\"]\n    rules: {stackone/page-size: off}\n"))
	require.NoError(t, err)
	assert.True(t, c.Ignored(filepath.Join(dir, "legacy", "x.json")))
	assert.True(t, c.IgnoredDir(filepath.Join(dir, "a", "legacy")))
	assert.False(t, c.Ignored(filepath.Join(dir, "x.json")))
	assert.Equal(t, rules.Off, c.Severities(filepath.Join(dir, "fixtures", "a.json"))["stackone/page-size"])
	assert.Equal(t, rules.Warning, c.Severities(filepath.Join(dir, "a.json"))["stackone/page-size"])
}

func TestBadGlobsNameTheLine(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"ignore:\n  - ok/**\n  - \"{a,b\"\n", `a.yaml:3: invalid glob "{a,b" in ignore (syntax: * ? [abc] {a,b} and ** for any number of directories)`},
		{"ignore: [\"x[\"]\n", `a.yaml:1: invalid glob "x[" in ignore`},
		{"overrides:\n  - files:\n      - \"a/[b\"\n    rules: {}\n", `a.yaml:3: invalid glob "a/[b" in files`},
		{"ignore: [\"\"]\n", `a.yaml:1: invalid glob "" in ignore`},
		{"overrides:\n  - file: [a]\n", `a.yaml:2: unknown key "file" in override; did you mean "files"? (want files or rules)`},
	} {
		_, err := Parse("a.yaml", []byte(tc.src))
		require.Error(t, err, tc.src)
		assert.Contains(t, err.Error(), tc.want, tc.src)
	}
}

func TestResolvedIsAValidConfig(t *testing.T) {
	c, err := Parse("a.yaml", []byte(`providers: [Bullhorn_ATS, lever]
accounts: {acc_9f2: bullhorn}
rules:
  stackone/unknown-query-param: off
  stackone/page-size: warn
ignore: ["legacy"]
overrides:
  - files: ["fixtures/**"]
    rules: {security/hardcoded-credential: off}
`))
	require.NoError(t, err)
	got, err := c.Resolved()
	require.NoError(t, err)
	assert.Equal(t, `providers:
  - bullhorn
  - lever
accounts:
  acc_9f2: bullhorn
fail_on: error
rules:
  stackone/page-size: warning
  stackone/unknown-query-param: "off"
ignore:
  - legacy
overrides:
  - files:
      - fixtures/**
    rules:
      security/hardcoded-credential: "off"
`, string(got))
	again, err := Parse("b.yaml", got)
	require.NoError(t, err)
	again.Path = c.Path
	assert.Equal(t, c.Providers, again.Providers)
	assert.Equal(t, c.Rules, again.Rules)
	assert.Equal(t, c.Overrides, again.Overrides)
	assert.Equal(t, rules.Error, again.FailOn)

	empty, err := (&Config{}).Resolved()
	require.NoError(t, err)
	assert.Equal(t, "providers: []\naccounts: {}\nfail_on: error\nrules: {}\nignore: []\noverrides: []\n", string(empty))
	_, err = Parse("c.yaml", empty)
	require.NoError(t, err)
}

// StackOne's provider keys, exactly as its docs spell them, work in
// accounts: and providers:, and map to atslint's canonical keys.
func TestStackOneProviderKeys(t *testing.T) {
	c, err := Parse("a.yaml", []byte(`providers: [workdayats, sapsuccessfactors_ats, bullhorn_ats, jobadder, vincere, eploy, oraclehcm, breezyhr]
accounts:
  acc_wd: workdayats
  acc_sf: sapsuccessfactors_ats
  acc_bh: bullhorn_ats
  acc_ukg: UKG Pro ATS
  acc_old: successfactors
`))
	require.NoError(t, err)
	assert.Equal(t, []string{"workday", "successfactors", "bullhorn", "jobadder", "vincere", "eploy", "oracle", "breezy"}, c.Providers)
	assert.Equal(t, map[string]string{"acc_wd": "workday", "acc_sf": "successfactors", "acc_bh": "bullhorn", "acc_ukg": "ukgpro", "acc_old": "successfactors"}, c.Accounts)

	_, err = Parse("a.yaml", []byte("accounts: {acc_1: sapsucessfactors_ats}\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `a.yaml:1: unknown provider "sapsucessfactors_ats" (did you mean "sapsuccessfactors_ats"?)`)
}
