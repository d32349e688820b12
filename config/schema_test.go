package config

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

func readSchemaFile(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(SchemaFile)))
	require.NoError(t, err)
	return data
}

func TestSchemaUpToDate(t *testing.T) {
	assert.Equal(t, string(JSONSchema()), string(readSchemaFile(t)), "%s is stale; run: go generate ./rules", SchemaFile)
}

func sortedKeys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The schema declares exactly the keys the reader accepts.
func TestSchemaMatchesReader(t *testing.T) {
	var s struct {
		Properties map[string]any `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(readSchemaFile(t), &s))
	want := append([]string(nil), Keys...)
	sort.Strings(want)
	assert.Equal(t, want, sortedKeys(s.Properties))
	ov := s.Properties["overrides"].(map[string]any)["items"].(map[string]any)["properties"].(map[string]any)
	want = append([]string(nil), OverrideKeys...)
	sort.Strings(want)
	assert.Equal(t, want, sortedKeys(ov))
}

// The schema and the reader agree on what is a valid config: every key
// and value kind the reader accepts, and the mistakes it rejects.
func TestSchemaAgreesWithReader(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	require.NoError(t, c.AddResource("config.json", bytes.NewReader(readSchemaFile(t))))
	schema, err := c.Compile("config.json")
	require.NoError(t, err)
	for _, tc := range []struct {
		src   string
		valid bool
	}{
		{"providers: [lever, bullhorn_ats]\naccounts: {acc_9f2: bullhorn}\nfail_on: warning\nrules:\n  stackone/unknown-query-param: off\nignore: [\"testdata/legacy/**\"]\noverrides:\n  - files: [\"fixtures/**\"]\n    rules: {security/hardcoded-credential: off}\n", true},
		{"providers: []\n", true},
		{"accounts: {}\n", true},
		{"fail_on: warn\n", true},
		{"fail_on: info\n", true},
		{"rules: {stackone/page-size: warn}\n", true},
		{"ignore: [legacy, \"{a,b}/**\"]\n", true},
		{"overrides: []\n", true},
		{"overrides:\n  - files: [a]\n", true},
		{"providers: [levr]\n", false},
		{"providers: lever\n", false},
		{"accounts: {a: nope}\n", false},
		{"accounts: [a]\n", false},
		{"fail_on: off\n", false},
		{"fail_on: loud\n", false},
		{"rules: {stackone/page-sise: off}\n", false},
		{"rules: {stackone/page-size: maybe}\n", false},
		{"rules: [stackone/page-size]\n", false},
		{"ignore: legacy\n", false},
		{"ignore: [\"\"]\n", false},
		{"ignore: [[a]]\n", false},
		{"overrides:\n  - rules: {}\n", false},
		{"overrides:\n  - files: []\n", false},
		{"overrides:\n  - files: [a]\n    severity: off\n", false},
		{"overrides: {files: [a]}\n", false},
		{"rulez: {}\n", false},
		{"version: 1\n", false},
	} {
		_, readErr := Parse("a.yaml", []byte(tc.src))
		var v any
		require.NoError(t, yaml.Unmarshal([]byte(tc.src), &v), tc.src)
		schemaErr := schema.Validate(v)
		assert.Equal(t, tc.valid, readErr == nil, "reader on %q: %v", tc.src, readErr)
		assert.Equal(t, tc.valid, schemaErr == nil, "schema on %q: %v", tc.src, schemaErr)
	}
}
