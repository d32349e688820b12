package schemas

import (
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// specPath is the StackOne ATS document, outside this repository.
const specPath = "../../shared/stackone/ats-openapi.json"

func mustSub(t testing.TB) fs.FS {
	t.Helper()
	sub, err := fs.Sub(generated, "generated")
	require.NoError(t, err)
	return sub
}

func readSpec(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(specPath)
	if os.IsNotExist(err) {
		t.Skipf("%s not present", specPath)
	}
	require.NoError(t, err)
	return data
}

// readTree returns the files under dir by slash-separated relative name.
func readTree(t *testing.T, fsys fs.FS) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		files[path] = string(data)
		return err
	})
	require.NoError(t, err)
	return files
}

// TestGeneratedUpToDate regenerates the files from the spec and compares
// them byte for byte with the committed ones.
func TestGeneratedUpToDate(t *testing.T) {
	s, err := Convert(readSpec(t))
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, s.WriteFiles(dir))

	got := readTree(t, os.DirFS(dir))
	want := readTree(t, os.DirFS("generated"))
	require.Equal(t, sortedKeys(want), sortedKeys(got), "generated file names; run go generate ./schemas")
	for name := range want {
		if got[name] != want[name] {
			t.Errorf("generated/%s is stale; run go generate ./schemas", name)
		}
	}
	for name, data := range got {
		assert.True(t, strings.HasSuffix(data, "}\n"), "%s ends with a newline", name)
		assert.Contains(t, data, `"$comment": "`+generatedMarker+`"`, name)
	}
}

// TestConvertMatchesDefault checks that a Set built by Convert behaves like
// the embedded one.
func TestConvertMatchesDefault(t *testing.T) {
	s, err := Convert(readSpec(t))
	require.NoError(t, err)
	assert.Equal(t, Default().Operations(), s.Operations())
	assert.Equal(t, Default().SourceOperations(), s.SourceOperations())
	assert.Equal(t, Default().BodySchemas(), s.BodySchemas())
	for _, name := range s.BodySchemas() {
		assert.Equal(t, Default().Shape(name), s.Shape(name), name)
	}
	body := map[string]any{"visibility": "public", "content": []any{map[string]any{"body": json.Number("1")}}}
	want, err := Default().Validate(notes, body)
	require.NoError(t, err)
	got, err := s.Validate(notes, body)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Len(t, got, 2)
}

func TestWriteFilesIdempotent(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, bodiesDir, "Removed.json")
	other := filepath.Join(dir, bodiesDir, "notes.txt")
	require.NoError(t, os.MkdirAll(filepath.Dir(stale), 0o755))
	require.NoError(t, os.WriteFile(stale, []byte("{}"), 0o644))
	require.NoError(t, os.WriteFile(other, []byte("keep"), 0o644))

	require.NoError(t, Default().WriteFiles(dir))
	assert.NoFileExists(t, stale, "body schemas the set no longer has are removed")
	assert.FileExists(t, other, "only .json files are managed")
	first := readTree(t, os.DirFS(dir))

	info, err := os.Stat(filepath.Join(dir, catalogueFile))
	require.NoError(t, err)
	require.NoError(t, Default().WriteFiles(dir))
	assert.Equal(t, first, readTree(t, os.DirFS(dir)))
	again, err := os.Stat(filepath.Join(dir, catalogueFile))
	require.NoError(t, err)
	assert.Equal(t, info.ModTime(), again.ModTime(), "unchanged files are not rewritten")

	// What was written is what is embedded.
	delete(first, bodiesDir+"/notes.txt")
	assert.Equal(t, readTree(t, mustSub(t)), first)
}

// miniSpec is a small OpenAPI 3.0 document exercising the conversions.
const miniSpec = `{
  "openapi": "3.0.3",
  "info": {"title": "Mini", "version": "2"},
  "paths": {
    "/things/{id}": {
      "parameters": [
        {"name": "x-account-id", "in": "header", "required": true, "schema": {"type": "string"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}}
      ],
      "patch": {
        "operationId": "update_thing",
        "parameters": [
          {"name": "limit", "in": "query", "deprecated": true, "schema": {"type": "integer"}},
          {"$ref": "#/components/parameters/Filter"},
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}
        ],
        "requestBody": {"$ref": "#/components/requestBodies/Thing"}
      },
      "get": {
        "parameters": [{"name": "mode", "in": "query", "schema": {"type": "string", "enum": ["a", "b", null], "nullable": true}}]
      }
    },
    "/inline": {
      "post": {
        "operationId": "post.inline",
        "requestBody": {"content": {"application/vnd.api+json": {"schema": {
          "type": "object", "required": ["n"], "additionalProperties": false,
          "properties": {"n": {"type": "integer", "minimum": 0, "exclusiveMinimum": true, "description": "dropped", "x-internal": 1}}
        }}}}
      }
    }
  },
  "components": {
    "parameters": {
      "Filter": {"name": "filter", "in": "query", "style": "deepObject", "explode": true,
        "schema": {"$ref": "#/components/schemas/ThingFilter"}}
    },
    "requestBodies": {
      "Thing": {"required": false, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}
    },
    "schemas": {
      "ThingFilter": {"allOf": [{"$ref": "#/components/schemas/BaseFilter"}],
        "properties": {"kind": {"$ref": "#/components/schemas/Kind"}}},
      "BaseFilter": {"type": "object", "properties": {"since": {"type": "string", "format": "date-time", "deprecated": true}}},
      "Kind": {"type": "string", "enum": ["x", "y"]},
      "Unused": {"type": "string"},
      "Thing": {"type": "object", "title": "dropped", "example": {"kind": "nope"}, "properties": {
        "kind": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/Kind"}], "deprecated": true, "example": "z"},
        "tags": {"type": "array", "items": {"type": "string"}, "nullable": true},
        "email": {"type": "string"},
        "site": {"type": "string", "format": "uri"},
        "choice": {"oneOf": [{"type": "string"}, {"type": "string", "format": "date"}], "nullable": true},
        "level": {"type": "string", "enum": ["low", "high"], "nullable": true}
      }}
    }
  }
}`

func TestConvertMini(t *testing.T) {
	s, err := Convert([]byte(miniSpec))
	require.NoError(t, err)
	assert.Equal(t, 3, s.SourceOperations())
	ops := s.Operations()
	require.Len(t, ops, 4)
	var ids []string
	for _, op := range ops {
		ids = append(ids, op.Method+" "+op.Path+" "+op.ID)
	}
	assert.Equal(t, []string{
		"POST /inline post.inline",
		"GET /things/{id} get_things__id",
		"PATCH /things/{id} update_thing",
		"POST /unified/proxy stackone_proxy_request",
	}, ids)

	op, ok := s.Operation("update_thing")
	require.True(t, ok)
	one, hundred := 1.0, 100.0
	assert.Equal(t, []Param{
		{Name: "limit", Type: "integer", Deprecated: true},
		{Name: "filter", Type: "object", DeepObject: true},
	}, op.Query, "operation parameters override path-level ones; path params are left out")
	assert.Equal(t, []Param{{Name: "x-account-id", Type: "string", Required: true}}, op.Headers)
	assert.Equal(t, []Filter{
		{Name: "kind", Type: "string", Enum: []string{"x", "y"}},
		{Name: "since", Type: "string", Format: "date-time", Deprecated: true},
	}, op.Filters)
	assert.Equal(t, "Thing", op.Body)
	assert.False(t, op.BodyRequired)

	get, ok := s.Operation("get_things__id")
	require.True(t, ok)
	assert.Equal(t, []Param{
		{Name: "limit", Type: "integer", Minimum: &one, Maximum: &hundred},
		{Name: "mode", Type: "string", Enum: []string{"a", "b"}},
	}, get.Query)

	inline, ok := s.Operation("post.inline")
	require.True(t, ok)
	assert.Equal(t, "post_inlineRequestBody", inline.Body)

	thing := bodyDoc(t, s, "Thing")
	assert.Equal(t, []any{"Kind"}, keysOf(thing["$defs"]), "only reachable defs")
	props := thing["properties"].(map[string]any)
	assert.Equal(t, map[string]any{
		"deprecated": true,
		"anyOf":      []any{map[string]any{"$ref": "#/$defs/Kind"}, map[string]any{"type": "null"}},
	}, props["kind"])
	assert.Equal(t, map[string]any{"type": []any{"array", "null"}, "items": map[string]any{"type": "string"}}, props["tags"])
	assert.Equal(t, map[string]any{"type": []any{"string", "null"}, "enum": []any{"low", "high", nil}}, props["level"])
	assert.Equal(t, "email", props["email"].(map[string]any)["format"])
	assert.Equal(t, map[string]any{"anyOf": []any{
		map[string]any{"type": "string"}, map[string]any{"type": "string", "format": "date"}, map[string]any{"type": "null"},
	}}, props["choice"])
	assert.NotContains(t, thing, "title")
	assert.NotContains(t, thing, "example")

	in := bodyDoc(t, s, "post_inlineRequestBody")
	assert.Equal(t, map[string]any{"type": "integer", "exclusiveMinimum": json.Number("0")}, in["properties"].(map[string]any)["n"])
	assert.Equal(t, false, in["additionalProperties"])

	cases := []struct {
		schema, body string
		want         []Violation
	}{
		{"Thing", `{"kind":null,"tags":null,"level":null,"choice":null}`, nil},
		{"Thing", `{"choice":"2024-01-01"}`, nil}, // would match both oneOf branches
		{"Thing", `{"kind":"z"}`, []Violation{{"/kind", "enum", "value is not one of the allowed values: x, y"}}},
		{"Thing", `{"kind":5}`, []Violation{{"/kind", "type", "expected string, got number"}}},
		{"Thing", `{"choice":5}`, []Violation{{"/choice", "type", "expected string, got number"}}},
		{"Thing", `{"site":"not a uri","level":"mid"}`, []Violation{
			{"/level", "enum", "value is not one of the allowed values: low, high"},
			{"/site", "format", "not a valid absolute URI"}}},
		{"post_inlineRequestBody", `{"n":0,"extra":1,"a/b":2}`, []Violation{
			{"/a~1b", "additionalProperties", "property is not allowed here"},
			{"/extra", "additionalProperties", "property is not allowed here"},
			{"/n", "exclusiveMinimum", "must be greater than 0"}}},
		{"post_inlineRequestBody", `{}`, []Violation{{"", "required", `missing required property "n"`}}},
		{"post_inlineRequestBody", `{"n":1.5}`, []Violation{{"/n", "type", "expected integer, got number"}}},
	}
	for _, c := range cases {
		vs, err := s.Validate(c.schema, decode(t, c.body))
		require.NoError(t, err)
		assert.Equal(t, c.want, vs, "%s %s", c.schema, c.body)
	}
}

func bodyDoc(t *testing.T, s *Set, name string) map[string]any {
	t.Helper()
	data, err := s.read(bodiesDir + "/" + name + ".json")
	require.NoError(t, err)
	return decode(t, string(data)).(map[string]any)
}

func keysOf(v any) []any {
	var out []any
	for _, k := range sortedKeys(v.(map[string]any)) {
		out = append(out, k)
	}
	return out
}

func TestConvertYAML(t *testing.T) {
	yamlSpec := `
openapi: 3.1.0
info: {title: Y, version: "1"}
paths:
  /unified/proxy:
    post:
      operationId: own_proxy
      parameters:
        - {name: page_size, in: query, schema: {type: integer, maximum: 100}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/P'}
components:
  schemas:
    P: {type: object, properties: {n: {type: [integer, "null"], minimum: 1.5}}}
`
	s, err := Convert([]byte(yamlSpec))
	require.NoError(t, err)
	assert.Equal(t, 1, s.SourceOperations())
	require.Len(t, s.Operations(), 1, "a document's own POST /unified/proxy replaces the synthetic one")
	op := s.Operations()[0]
	assert.Equal(t, "own_proxy", op.ID)
	hundred := 100.0
	assert.Equal(t, []Param{{Name: "page_size", Type: "integer", Maximum: &hundred}}, op.Query)
	vs, err := s.Validate("P", decode(t, `{"n":1}`))
	require.NoError(t, err)
	assert.Equal(t, []Violation{{"/n", "minimum", "must be at least 1.5"}}, vs)
}

func TestConvertErrors(t *testing.T) {
	cases := map[string]string{
		`[]`:                               "top level is not an object",
		`{"swagger":"2.0","paths":{}}`:     "Swagger 2.0",
		`{"openapi":"3.0.0"}`:              `no "paths"`,
		`{"openapi":"3.0.0","paths":{}} x`: "after the top-level",
		`{"openapi":"3.0.0","paths":{"/a":{"get":{"operationId":"a"},"post":{"operationId":"a"}}}}`:                                                    `operationId "a" is used by both`,
		`{"openapi":"3.0.0","paths":{"/a":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Nope"}}}}}}}}`: "unresolvable",
		`{"openapi":"3.0.0","paths":{"/a":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"other.json#/X"}}}}}}}}`:             "unsupported $ref",
		"openapi: [": "yaml",
	}
	for spec, want := range cases {
		_, err := Convert([]byte(spec))
		if assert.Error(t, err, spec) {
			assert.Contains(t, err.Error(), want, spec)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	_, err := Load(os.DirFS(t.TempDir()))
	assert.Error(t, err)
	_, err = newSet([]byte(`{"operations":[{"id":"a"},{"id":"a"}]}`), nil)
	assert.ErrorContains(t, err, "duplicate operation id")
	_, err = newSet([]byte(`{"operations":[{"id":"a","body":"../x"}]}`), nil)
	assert.ErrorContains(t, err, "bad body schema name")
	s, err := newSet([]byte(`{"operations":[{"id":"a","body":"X"}]}`), func(string) ([]byte, error) { return []byte("{"), nil })
	require.NoError(t, err)
	_, err = s.Validate("X", nil)
	assert.Error(t, err, "a broken schema file is an error, not a panic")
	assert.Nil(t, s.Shape("X"))
}
