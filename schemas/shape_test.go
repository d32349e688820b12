package schemas

import (
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"testing"
)

func TestShapeNotes(t *testing.T) {
	for _, name := range []string{"AtsCreateNotesRequestDto", "AtsUpdateNotesRequestDto"} {
		sh := Default().Shape(name)
		require.NotNil(t, sh, name)
		assert.Equal(t, []string{"object"}, sh.Types)
		assert.False(t, sh.Open, "a DTO lists its fields")
		assert.Equal(t, []string{"author_id", "content", "passthrough", "visibility"}, sh.PropertyNames())

		assert.True(t, sh.Properties["passthrough"].Open)
		assert.Equal(t, []string{"null", "string"}, sh.Properties["author_id"].Types)

		content := sh.Properties["content"]
		assert.Equal(t, []string{"array", "null"}, content.Types)
		require.NotNil(t, content.Items)
		assert.Equal(t, []string{"body"}, content.Items.PropertyNames())
		assert.False(t, content.Items.Open)

		vis := sh.Properties["visibility"]
		assert.Equal(t, []string{"null", "object"}, vis.Types, "nullable $ref merged")
		assert.Equal(t, []string{"source_value", "value"}, vis.PropertyNames())
		assert.False(t, vis.Open)
		sv := vis.Properties["source_value"]
		assert.True(t, sv.Open, "source_value may be any object")
		assert.Equal(t, []string{"array", "boolean", "null", "number", "object", "string"}, sv.Types)
	}
}

func TestShapeDeprecated(t *testing.T) {
	cases := []struct{ schema, field string }{
		{"AtsCreateCandidateRequestDto", "phone_number"},
		{"AtsUpdateCandidateRequestDto", "phone"},
		{"AtsCreateJobRequestDto", "status"},
		{"AtsUpdateJobRequestDto", "status"},
	}
	for _, c := range cases {
		sh := Default().Shape(c.schema)
		require.NotNil(t, sh, c.schema)
		p := sh.Properties[c.field]
		require.NotNil(t, p, "%s.%s", c.schema, c.field)
		assert.True(t, p.Deprecated, "%s.%s", c.schema, c.field)
	}
	create := Default().Shape("AtsCreateCandidateRequestDto")
	assert.False(t, create.Properties["phone_numbers"].Deprecated)
	assert.NotContains(t, create.PropertyNames(), "phone")
	assert.True(t, create.Properties["unified_custom_fields"].Open)
	update := Default().Shape("AtsUpdateCandidateRequestDto")
	assert.NotContains(t, update.PropertyNames(), "phone_number")
	assert.Contains(t, update.PropertyNames(), "emails")

	// The nested candidate of create-application carries the same deprecation.
	app := Default().Shape("AtsCreateApplicationRequestDto")
	cand := app.Properties["candidate"]
	require.NotNil(t, cand)
	assert.True(t, cand.Properties["phone_number"].Deprecated)
	assert.False(t, app.Deprecated)
}

func TestShapeUnknown(t *testing.T) {
	assert.Nil(t, Default().Shape("NoSuchDto"))
	var nilShape *Shape
	assert.Empty(t, nilShape.PropertyNames())
}

func TestShapeComposition(t *testing.T) {
	// allOf and $ref merge in place; anyOf objects merge their properties;
	// a recursive schema terminates.
	spec := `{"openapi":"3.0.3","paths":{"/x":{"post":{"operationId":"x",
	  "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Body"}}}}}}},
	  "components":{"schemas":{
	    "Base":{"type":"object","properties":{"a":{"type":"string"}}},
	    "Node":{"type":"object","properties":{"child":{"$ref":"#/components/schemas/Node"},"n":{"type":"integer"}}},
	    "Body":{"allOf":[{"$ref":"#/components/schemas/Base"},{"properties":{"b":{"type":"number","deprecated":true}},"required":["b"]}],
	      "properties":{"either":{"oneOf":[{"type":"object","properties":{"p":{}}},{"type":"object","properties":{"q":{}}}]},
	        "tree":{"$ref":"#/components/schemas/Node"}}}}}}`
	s, err := Convert([]byte(spec))
	require.NoError(t, err)
	sh := s.Shape("Body")
	require.NotNil(t, sh)
	assert.Equal(t, []string{"a", "b", "either", "tree"}, sh.PropertyNames())
	assert.False(t, sh.Open, "a required-only allOf branch does not open the object")
	assert.True(t, sh.Properties["b"].Deprecated)
	assert.Equal(t, []string{"p", "q"}, sh.Properties["either"].PropertyNames())
	tree := sh.Properties["tree"]
	assert.Same(t, tree, tree.Properties["child"], "recursion shares the shape")
	assert.Equal(t, []string{"integer"}, tree.Properties["n"].Types)

	vs, err := s.Validate("Body", map[string]any{})
	require.NoError(t, err)
	assert.Equal(t, []Violation{{"", "required", `missing required property "b"`}}, vs)
}
