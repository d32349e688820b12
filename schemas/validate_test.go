package schemas

import (
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"encoding/json"
	"strings"
	"sync"
	"testing"
)

// decode decodes JSON as the request package does: numbers as json.Number.
func decode(t testing.TB, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v))
	return v
}

func validate(t *testing.T, schema, body string) []Violation {
	t.Helper()
	vs, err := Default().Validate(schema, decode(t, body))
	require.NoError(t, err)
	return vs
}

const (
	notes     = "AtsCreateNotesRequestDto"
	candidate = "AtsCreateCandidateRequestDto"
)

func TestValidateValid(t *testing.T) {
	cases := []struct{ schema, body string }{
		{notes, `{"content":[{"body":"x"}],"author_id":null}`},
		{notes, `{"content":[{"body":"x"}],"visibility":{"value":"private","source_value":"Private"},"passthrough":{"a":1}}`},
		{notes, `{"visibility":null,"content":null}`},
		{notes, `{"visibility":{"value":null,"source_value":{"any":["thing"]}}}`},
		{notes, `{}`},
		{notes, `{"unknown_field":1}`}, // unknown fields are a rule's business, not the schema's
		{candidate, `{"email":"jane.doe@example.com","hired_at":"2024-01-01T10:00:00Z","phone_numbers":[{"type":"mobile","phone":"+44"}]}`},
		{candidate, `{"custom_fields":[{"id":"1","value":"2024-01-01T00:00:00Z"},{"value":3},{"value":["a"]},{"value":null}]}`},
		{"AtsCreateOfferRequestDto", `{"salary":1200.5,"start_date":"2024-02-29T00:00:00.000Z"}`},
		{"AtsCreateJobRequestDto", `{"confidential":"true","job_status":{"value":"open"},"status":"open"}`},
	}
	for _, c := range cases {
		assert.Empty(t, validate(t, c.schema, c.body), "%s %s", c.schema, c.body)
	}
}

func TestValidateViolations(t *testing.T) {
	cases := []struct {
		schema, body string
		want         []Violation
	}{
		{notes, `{"visibility":"public"}`, []Violation{
			{"/visibility", "type", "expected object, got string"}}},
		{notes, `{"visibility":{"value":"secret"}}`, []Violation{
			{"/visibility/value", "enum", "value is not one of the allowed values: private, public, unmapped_value"}}},
		{notes, `{"content":"x"}`, []Violation{
			{"/content", "type", "expected array, got string"}}},
		{notes, `{"content":[{"body":1},{"body":"ok"},{"body":true}],"author_id":7}`, []Violation{
			{"/author_id", "type", "expected string, got number"},
			{"/content/0/body", "type", "expected string, got number"},
			{"/content/2/body", "type", "expected string, got boolean"}}},
		{notes, `[]`, []Violation{
			{"", "type", "expected object, got array"}}},
		{candidate, `{"email":"not-an-email"}`, []Violation{
			{"/email", "format", "not a valid email address"}}},
		{candidate, `{"hired_at":"yesterday"}`, []Violation{
			{"/hired_at", "format", "not a valid date-time (RFC 3339)"}}},
		{candidate, `{"phone_numbers":[{"type":"fax"}],"social_links":"x"}`, []Violation{
			{"/phone_numbers/0/type", "enum", "value is not one of the allowed values: personal, work, mobile, home, unknown, other, unmapped_value"},
			{"/social_links", "type", "expected array, got string"}}},
		{candidate, `{"custom_fields":[{"value":"x"},{"id":5}]}`, []Violation{
			{"/custom_fields/1/id", "type", "expected string, got number"}}},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, validate(t, c.schema, c.body), "%s %s", c.schema, c.body)
	}
}

func TestValidateNeverQuotesValues(t *testing.T) {
	secrets := []string{"not-an-email", "yesterday", "secret-visibility", "4111111111111111"}
	body := `{"email":"not-an-email","hired_at":"yesterday","phone_numbers":[{"type":"secret-visibility"}],"custom_fields":[{"id":4111111111111111}]}`
	vs := validate(t, candidate, body)
	require.Len(t, vs, 4)
	for _, v := range vs {
		for _, s := range secrets {
			assert.NotContains(t, v.Message, s)
		}
		assert.Equal(t, strings.ToLower(v.Message[:1]), v.Message[:1], "lowercase fragment")
		assert.False(t, strings.HasSuffix(v.Message, "."), "no trailing period")
	}
}

func TestValidateLongEnum(t *testing.T) {
	vs := validate(t, "AtsDocumentsUploadRequestDto", `{"file_format":{"value":"nope"},"category":{"value":"resume"}}`)
	require.Len(t, vs, 1)
	assert.Equal(t, "/file_format/value", vs[0].Pointer)
	assert.Regexp(t, `^value is not one of the allowed values: (\S+, ){29}\S+ and \d{3,} more$`, vs[0].Message)
}

func TestValidateDeepAlternatives(t *testing.T) {
	// A nested application candidate: errors inside a nullable $ref.
	vs := validate(t, "AtsCreateApplicationRequestDto",
		`{"candidate":{"email":"nope","phone_numbers":[{"type":"fax"}]},"application_status":{"value":"maybe"}}`)
	assert.Equal(t, []Violation{
		{"/application_status/value", "enum", "value is not one of the allowed values: active, assessment, background_check, converted, declined_by_candidate, hired, interview, lead, offer, reference_check, rejected, review, screen, new, onboarding, created, accepted, short_list, approved, unmapped_value"},
		{"/candidate/email", "format", "not a valid email address"},
		{"/candidate/phone_numbers/0/type", "enum", "value is not one of the allowed values: personal, work, mobile, home, unknown, other, unmapped_value"},
	}, vs)
}

func TestValidateErrors(t *testing.T) {
	_, err := Default().Validate("NoSuchDto", map[string]any{})
	assert.ErrorContains(t, err, "unknown body schema")
	_, err = Default().Validate("../catalogue", map[string]any{})
	assert.Error(t, err)
	_, err = Default().Validate(notes, map[string]any{"content": struct{}{}})
	assert.Error(t, err, "not a JSON tree")
	vs, err := Default().Validate(notes, map[string]any{"author_id": 3.5})
	require.NoError(t, err, "float64 is accepted too")
	assert.Equal(t, []Violation{{"/author_id", "type", "expected string, got number"}}, vs)
}

func TestValidateConcurrent(t *testing.T) {
	s, err := Load(mustSub(t))
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			schema := []string{notes, candidate}[i%2]
			vs, err := s.Validate(schema, map[string]any{"email": "x", "visibility": "public"})
			assert.NoError(t, err)
			assert.Len(t, vs, 1)
			assert.NotNil(t, s.Shape(schema))
		}()
	}
	wg.Wait()
}

func TestComparePointers(t *testing.T) {
	assert.Negative(t, comparePointers("/a/2", "/a/10"))
	assert.Negative(t, comparePointers("", "/a"))
	assert.Negative(t, comparePointers("/a", "/a/0"))
	assert.Negative(t, comparePointers("/a", "/b"))
	assert.Zero(t, comparePointers("/a/1", "/a/1"))
	assert.Negative(t, comparePointers("/0", "/0000000"))
	assert.Positive(t, comparePointers("/00", "/0"))
}

func BenchmarkValidateNotes(b *testing.B) {
	s := Default()
	body := decode(b, `{"content":[{"body":"Strong systems design round"},{"body":"x"}],"author_id":"123","visibility":{"value":"private"},"passthrough":{"k":"v"}}`)
	bad := decode(b, `{"content":"x","visibility":"public","author_id":1}`)
	if _, err := s.Validate(notes, body); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if vs, _ := s.Validate(notes, body); len(vs) != 0 {
			b.Fatal(vs)
		}
		if vs, _ := s.Validate(notes, bad); len(vs) != 3 {
			b.Fatal(vs)
		}
	}
}

// BenchmarkFirstBodyCheck is the schema work of the first body check of a
// run (issue 12: start-up cost): a fresh Set each time, so the body schema
// is decoded, compiled and simplified to a Shape again, then one body is
// validated. One sub-benchmark per schema size: the notes schema (1.7 KB),
// an application (36 KB), a document upload (27 KB, long enums).
func BenchmarkFirstBodyCheck(b *testing.B) {
	for _, c := range []struct{ name, schema, body string }{
		{"notes", notes, `{"content":[{"body":"Strong systems design round"}],"author_id":"user_12","visibility":{"value":"private"}}`},
		{"application", "AtsCreateApplicationRequestDto", `{"job_id":"job_42","candidate_id":"cand_7","application_status":{"value":"new"}}`},
		{"upload", "AtsDocumentsUploadRequestDto", `{"name":"cv.pdf","file_format":{"value":"pdf"},"content":"JVBERi0xLjQK","category":{"value":"resume"}}`},
	} {
		b.Run(c.name, func(b *testing.B) {
			body := decode(b, c.body)
			read := Default().read
			b.ReportAllocs()
			for b.Loop() {
				s, err := setFromDoc(catalogueData, read)
				if err != nil {
					b.Fatal(err)
				}
				if vs, err := s.Validate(c.schema, body); err != nil || len(vs) != 0 {
					b.Fatal(vs, err)
				}
				if s.Shape(c.schema) == nil {
					b.Fatal("no shape")
				}
			}
		})
	}
}

func BenchmarkDefaultCatalogue(b *testing.B) {
	sub := mustSub(b)
	b.ReportAllocs()
	for b.Loop() {
		s, err := Load(sub)
		if err != nil || len(s.Operations()) != 77 {
			b.Fatal(err)
		}
	}
}

func TestValidateEmptyKey(t *testing.T) {
	// The empty key is a token of its own: "/" is the member named "".
	s, err := compileSchema(map[string]any{"additionalProperties": map[string]any{"type": "string"}})
	require.NoError(t, err)
	v, err := valueFromAny(map[string]any{"": map[string]any{}})
	require.NoError(t, err)
	st := validation{}
	verr, err := st.run(s, v)
	require.NoError(t, err)
	r := reporter{doc: map[string]any{"additionalProperties": map[string]any{"type": "string"}}, body: v}
	assert.Equal(t, []Violation{{"/", "type", "expected string, got object"}}, finish(r.collect(verr)))
}

// TestBodyDocumentsDecodeAsEncodingJSON: body schemas are read with
// decodeSchemaJSON (jsontext); the tree is what encoding/json with UseNumber
// gives.
func TestBodyDocumentsDecodeAsEncodingJSON(t *testing.T) {
	s := Default()
	for _, name := range s.BodySchemas() {
		b, err := s.bodyFor(name)
		require.NoError(t, err)
		doc, err := b.document()
		require.NoError(t, err)
		raw, err := s.read(bodiesDir + "/" + name + ".json")
		require.NoError(t, err)
		assert.Equal(t, decode(t, string(raw)), any(doc), name)
	}
}
