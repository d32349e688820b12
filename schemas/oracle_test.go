package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/request"
)

// The validator (validator.go, formats.go) replaced
// github.com/santhosh-tekuri/jsonschema/v5 in the binary. These tests keep
// that library as an oracle: for the catalogue's schemas, for schemas
// using every keyword the converter can write, and for every format, the
// two must agree on every value, down to the Violations reported.

// oracle is a schema compiled by both validators.
type oracle struct {
	name string
	doc  map[string]any
	v5   *jsonschema.Schema
	ours *program
}

func newOracle(t testing.TB, name string, raw []byte) *oracle {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(s string) (io.ReadCloser, error) { return nil, fmt.Errorf("no loading %s", s) }
	u := "atslint:///" + name + ".json"
	require.NoError(t, c.AddResource(u, bytes.NewReader(raw)), name)
	v5, err := c.Compile(u)
	require.NoError(t, err, name)
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc), name)
	ours, err := compileSchema(doc)
	require.NoError(t, err, name)
	return &oracle{name: name, doc: doc, v5: v5, ours: ours}
}

// check validates body with both and reports a difference.
func (o *oracle) check(t testing.TB, body any) {
	t.Helper()
	value, err := valueFromAny(body)
	require.NoError(t, err)
	o.checkValue(t, value, body)
}

// checkValue validates value with ours and body, the same value decoded
// as encoding/json would, with the oracle.
func (o *oracle) checkValue(t testing.TB, value *request.Value, body any) {
	t.Helper()
	if hasEmptyKey(value) {
		// v5 leaves the "" token out of instance locations ({"": 1}
		// fails at "" instead of "/"); the validator gets it right.
		return
	}
	if hasUnratNumber(value) {
		// v5 reads numbers with big.Rat.SetString and dereferences its
		// nil result when the exponent is too large (1E1010000). Such a
		// body is left out whole; the validator itself, for a number
		// big.Rat cannot read, skips minimum/maximum and calls it no
		// integer.
		return
	}
	st := validation{track: o.ours.track}
	verr, err := st.run(o.ours, value)
	require.NoError(t, err)
	var got []Violation
	if verr != nil {
		r := reporter{doc: o.doc, body: value}
		got = finish(r.collect(verr))
	}
	var want []Violation
	if e := o.v5.Validate(body); e != nil {
		ve, ok := e.(*jsonschema.ValidationError)
		require.True(t, ok, "%v", e)
		r := reporter{doc: o.doc, body: value}
		want = finish(r.collect(fromV5(o.doc, ve)))
	}
	if !assert.Equal(t, want, got, "schema %s, body %s", o.name, mustJSON(body)) {
		t.FailNow()
	}
}

// fromV5 reads jsonschema/v5's error tree the way atslint's reporter did
// before the validator replaced it.
func fromV5(doc map[string]any, e *jsonschema.ValidationError) *vError {
	kloc := e.KeywordLocation
	kw := unescapeToken(kloc[strings.LastIndexByte(kloc, '/')+1:])
	frag := v5Pointer(e.AbsoluteKeywordLocation[strings.IndexByte(e.AbsoluteKeywordLocation, '#')+1:])
	inst := v5Pointer(e.InstanceLocation)
	if len(e.Causes) > 0 && kw != "minContains" && kw != "maxContains" {
		out := &vError{kind: errWrapper, inst: inst}
		if kw == "anyOf" || kw == "oneOf" {
			out.kind, out.kw = errAlternatives, kw
		}
		for _, c := range e.Causes {
			out.causes = append(out.causes, fromV5(doc, c))
		}
		return out
	}
	if kw == "additionalProperties" {
		return &vError{kind: errKeyword, kw: kw, schema: frag, inst: inst}
	}
	if sv, _ := pointerGet(doc, frag); sv == false {
		return &vError{kind: errFalse, schema: frag, inst: inst}
	}
	if toks := strings.Split(frag, "/"); len(toks) >= 3 && toks[len(toks)-3] == "dependentRequired" {
		kw = "dependentRequired"
	}
	return &vError{kind: errKeyword, kw: kw, schema: frag, inst: inst}
}

// v5Pointer turns v5's locations, whose tokens are also percent-encoded,
// into RFC 6901 pointers.
func v5Pointer(loc string) string {
	toks := strings.Split(loc, "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			toks[i] = u
		}
	}
	return strings.Join(toks, "/")
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// gen makes values for a schema: mostly what it asks for, sometimes
// something else (a wrong type, a value outside an enum, an unknown
// property, a bad format), so that both valid and invalid paths run.
type gen struct {
	r   *rand.Rand
	doc map[string]any
}

var formatSamples = map[string][]string{
	"date-time": {"2024-01-01T00:00:00Z", "2024-02-29T23:59:60Z", "2024-01-01t10:00:00.5+01:00", "2024-13-01T00:00:00Z", "yesterday", "2024-01-01 00:00:00Z", "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T23:59:60+01:00", "+1:00:00Z"},
	"email":     {"ada@example.com", "a.b+c@sub.example.org", "ada-at-example.com", "ada@", "@example.com", `"quoted name"@example.com`, "a..b@example.com", "ada@example.com.", "ada@[127.0.0.1]", "ada@[IPv6:::1]", "é@example.com", "a b@example.com", " ada@example.com", `""@x.com`, `"a\"b"@x.com`},
}

func (g *gen) resolve(s map[string]any) map[string]any {
	for range 10 {
		ref, ok := s["$ref"].(string)
		if !ok || len(s) > 1 {
			return s
		}
		ptr, _ := fragmentPointer(ref)
		t, _ := pointerGet(g.doc, ptr)
		m, ok := t.(map[string]any)
		if !ok {
			return s
		}
		s = m
	}
	return s
}

func (g *gen) value(schema any, depth int) any {
	s, ok := schema.(map[string]any)
	if !ok || depth > 6 {
		return g.scalar()
	}
	s = g.resolve(s)
	if g.r.IntN(12) == 0 {
		return g.scalar() // anything at all
	}
	for _, kw := range []string{"anyOf", "oneOf", "allOf"} {
		if l, ok := s[kw].([]any); ok && len(l) > 0 && g.r.IntN(2) == 0 {
			return g.value(l[g.r.IntN(len(l))], depth+1)
		}
	}
	if e, ok := s["enum"].([]any); ok && len(e) > 0 {
		if g.r.IntN(6) == 0 {
			return "not-in-enum"
		}
		return e[g.r.IntN(len(e))]
	}
	if c, ok := s["const"]; ok && g.r.IntN(3) > 0 {
		return c
	}
	types := typeList(s["type"])
	typ := "object"
	if len(types) > 0 {
		typ = types[g.r.IntN(len(types))]
	} else if _, ok := s["items"]; ok {
		typ = "array"
	} else if _, ok := s["properties"]; !ok {
		typ = []string{"string", "number", "object", "array", "null", "boolean"}[g.r.IntN(6)]
	}
	switch typ {
	case "null":
		return nil
	case "boolean":
		return g.r.IntN(2) == 0
	case "integer":
		return json.Number(fmt.Sprint(g.r.IntN(300) - 50))
	case "number":
		return json.Number([]string{"0", "1.5", "-3", "1e2", "100", "7.0", "0.25"}[g.r.IntN(7)])
	case "string":
		if f, ok := s["format"].(string); ok && len(formatSamples[f]) > 0 {
			return formatSamples[f][g.r.IntN(len(formatSamples[f]))]
		}
		return []string{"", "a", "hello world", "ABC", "x1", "ünïcödé"}[g.r.IntN(6)]
	case "array":
		n := g.r.IntN(4)
		out := make([]any, n)
		prefix, _ := s["prefixItems"].([]any)
		for i := range out {
			if i < len(prefix) {
				out[i] = g.value(prefix[i], depth+1)
			} else {
				out[i] = g.value(s["items"], depth+1)
			}
		}
		return out
	}
	out := map[string]any{}
	props, _ := s["properties"].(map[string]any)
	for _, name := range sortedKeys(props) {
		if g.r.IntN(3) > 0 {
			out[name] = g.value(props[name], depth+1)
		}
	}
	if g.r.IntN(5) == 0 {
		out["unknown_field"] = g.scalar()
	}
	return out
}

func (g *gen) scalar() any {
	switch g.r.IntN(7) {
	case 0:
		return nil
	case 1:
		return true
	case 2:
		return json.Number("42")
	case 3:
		return "text"
	case 4:
		return []any{json.Number("1"), "a"}
	case 5:
		return map[string]any{"value": "x"}
	}
	return json.Number("-0.5")
}

func catalogueOracles(t testing.TB) []*oracle {
	s := Default()
	var out []*oracle
	for _, name := range s.BodySchemas() {
		raw, err := s.read(bodiesDir + "/" + name + ".json")
		require.NoError(t, err)
		out = append(out, newOracle(t, name, raw))
	}
	return out
}

func TestValidatorMatchesOracleOnCatalogue(t *testing.T) {
	for _, o := range catalogueOracles(t) {
		g := &gen{r: rand.New(rand.NewPCG(1, uint64(len(o.name)))), doc: o.doc}
		for range 400 {
			o.check(t, g.value(o.doc, 0))
		}
	}
}

// keywordSchemas use every keyword the converter can write.
var keywordSchemas = []string{
	`{"type": "object", "properties": {"a": {"type": "integer", "minimum": 0, "maximum": 10, "multipleOf": 2},
	  "b": {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$"},
	  "c": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1.5},
	  "d": {"const": {"k": [1, 2]}}, "e": {"enum": [1, "one", null, true, {"x": 1}]},
	  "f": {"type": "array", "minItems": 1, "maxItems": 3, "uniqueItems": true, "items": {"type": ["string", "integer"]}}},
	  "required": ["a", "b"], "minProperties": 1, "maxProperties": 4, "additionalProperties": false}`,
	`{"type": "object", "properties": {"x": {"type": "string"}}, "patternProperties": {"^p_": {"type": "number"}, "[0-9]$": {"type": "boolean"}},
	  "additionalProperties": {"type": "string", "format": "email"}, "propertyNames": {"maxLength": 6},
	  "dependentRequired": {"x": ["y", "z"]}, "dependentSchemas": {"y": {"required": ["w"]}}}`,
	`{"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}], "items": false,
	  "contains": {"type": "string", "format": "date-time"}, "minContains": 1, "maxContains": 1}`,
	`{"anyOf": [{"type": "string", "format": "uuid"}, {"type": "integer"}, {"$ref": "#/$defs/obj"}, {"type": "null"}],
	  "$defs": {"obj": {"type": "object", "properties": {"value": {"enum": ["a", "b", null], "type": ["string", "null"]}, "n": {"$ref": "#/$defs/obj"}}}}}`,
	`{"oneOf": [{"type": "string", "maxLength": 3}, {"type": "string", "minLength": 2}, {"type": "number"}]}`,
	`{"allOf": [{"$ref": "#/$defs/base"}, {"properties": {"kind": {"enum": ["a", "b"]}}}], "not": {"required": ["forbidden"]},
	  "if": {"properties": {"kind": {"const": "a"}}, "required": ["kind"]}, "then": {"required": ["a_only"]}, "else": {"properties": {"a_only": false}},
	  "$defs": {"base": {"type": "object", "properties": {"id": {"type": "string", "format": "uri"}}}}}`,
	`{"type": "object", "properties": {"a": {"type": "string"}}, "allOf": [{"properties": {"b": {"type": "number"}}}],
	  "unevaluatedProperties": {"type": "boolean"}}`,
	`{"type": "array", "prefixItems": [{"type": "string"}], "contains": {"type": "number"}, "minContains": 0, "unevaluatedItems": false}`,
	`{"type": "object", "properties": {"t": {"type": "string", "format": "time"}, "d": {"type": "string", "format": "date"},
	  "du": {"format": "duration"}, "h": {"format": "hostname"}, "i4": {"format": "ipv4"}, "i6": {"format": "ipv6"},
	  "u": {"format": "uri-reference"}, "ut": {"format": "uri-template"}, "re": {"format": "regex"}, "jp": {"format": "json-pointer"},
	  "rjp": {"format": "relative-json-pointer"}, "p": {"format": "period"}, "x": {"format": "not-a-known-format"}}}`,
	`{"not": {}}`,
	`{"type": "object", "properties": {"t": true, "f": false, "n": {"not": {"type": "string"}}}}`,
	`{"type": ["object", "null"], "properties": {"deep": {"anyOf": [{"anyOf": [{"type": "string", "format": "email"}, {"type": "number"}]}, {"type": "null"}]}}}`,
}

func keywordOracles(t testing.TB) []*oracle {
	var out []*oracle
	for i, s := range keywordSchemas {
		out = append(out, newOracle(t, fmt.Sprint("keywords", i), []byte(s)))
	}
	return out
}

func TestValidatorMatchesOracleOnKeywords(t *testing.T) {
	instances := []string{
		`{"a": 4, "b": "abc"}`, `{"a": 3, "b": "ABCDE", "c": 0, "d": {"k": [1, 2.0]}, "e": {"x": 1.0}, "f": ["a", "a"], "g": 1}`,
		`{"a": 12.0, "b": "ab", "c": 1.5, "f": []}`, `{}`, `[]`, `"x"`, `null`, `1e400`, `-0`,
		`{"x": "1", "p_a": 1, "p_b": "x", "k1": true, "k2": 3, "other": "a@b.co", "longname_x": "no"}`,
		`{"x": 1, "y": 2}`, `{"y": 1, "w": 2}`,
		`["a", 1]`, `["a", 1, 2]`, `["2024-01-01T00:00:00Z", 1]`, `[1, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"]`,
		`"123e4567-e89b-12d3-a456-426614174000"`, `5`, `5.5`, `{"value": "c", "n": {"value": 1}}`, `{"value": "a", "n": {"n": {"value": "z"}}}`,
		`"ab"`, `"abcd"`, `"a"`, `7`,
		`{"id": "https://x", "kind": "a"}`, `{"id": "not a uri", "kind": "a", "a_only": 1}`, `{"kind": "b", "a_only": 1}`, `{"kind": "c", "forbidden": 1}`,
		`{"a": "x", "b": 1, "c": true}`, `{"a": "x", "b": 1, "c": "no"}`,
		`["s", 1]`, `["s", "t"]`, `[1]`,
		`{"t": "23:59:60Z", "d": "2024-02-30", "du": "P1Y2M", "h": "-bad.example", "i4": "01.2.3.4", "i6": "fe80::1%eth0",
		  "u": "http://[::1]:80/x", "ut": "http://x/{a}/{{b}}", "re": "(", "jp": "/a~2", "rjp": "0#", "p": "2024-01-01T00:00:00Z/P1D", "x": "anything"}`,
		`{"deep": "ada@example.com"}`, `{"t": 1, "f": 2, "n": "s"}`, `{"f": null}`, `{"deep": "nope"}`, `{"deep": true}`, `{"deep": null}`,
	}
	oracles := keywordOracles(t)
	for _, o := range oracles {
		for _, inst := range instances {
			o.check(t, decodeNumber(t, inst))
		}
		g := &gen{r: rand.New(rand.NewPCG(7, uint64(len(o.name)))), doc: o.doc}
		for range 400 {
			o.check(t, g.value(o.doc, 0))
		}
	}
}

func hasEmptyKey(v *request.Value) bool {
	for _, m := range v.Members {
		if m.Key == "" || hasEmptyKey(m.Value) {
			return true
		}
	}
	for _, e := range v.Elems {
		if hasEmptyKey(e) {
			return true
		}
	}
	return false
}

// hasUnratNumber reports whether a number in v is one big.Rat cannot
// read, which jsonschema/v5 does not survive.
func hasUnratNumber(v *request.Value) bool {
	if v.Kind == request.Number {
		if _, ok := new(big.Rat).SetString(v.Str); !ok {
			return true
		}
	}
	for _, m := range v.Members {
		if hasUnratNumber(m.Value) {
			return true
		}
	}
	for _, e := range v.Elems {
		if hasUnratNumber(e) {
			return true
		}
	}
	return false
}

func decodeNumber(t testing.TB, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v))
	return v
}

// FuzzValidator compares the validator with the oracle on any JSON body
// and every schema.
func FuzzValidator(f *testing.F) {
	for _, s := range []string{`{"content":[{"body":"x"}],"visibility":{"value":"private"}}`, `{"email":"a@b.c","phone_numbers":[{"type":"fax"}]}`,
		`{"candidate":{"custom_fields":[{"value":"2024-01-01T00:00:00Z"}]}}`, `[1,"a",null]`, `{"a":4,"b":"abc","f":[1,1]}`,
		`{"visibility":"x","visibility":{"value":"public"},"content":[{"body":1,"body":"a"}]}`, `{"f":[{"a":1,"a":2},{"a":2}],"a":2,"b":"ab"}`} {
		for i := range 3 {
			f.Add([]byte(s), uint8(i*7))
		}
	}
	var oracles []*oracle
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		if oracles == nil {
			oracles = append(catalogueOracles(t), keywordOracles(t)...)
		}
		// The request reader keeps duplicate keys; encoding/json keeps
		// the last, and so must the validator.
		value, err := request.Parse(data, request.Options{})
		if err != nil {
			return
		}
		oracles[int(which)%len(oracles)].checkValue(t, value, valueToAny(value))
	})
}

func TestFormatsMatchOracle(t *testing.T) {
	samples := []string{"", " ", "a", "-", ".", "@", "a@b", "a@b.c", "a@-b.c", "-a@b.c", "a@b-.c", "a@b..c", "a@b.c.", ".a@b.c", "a.@b.c",
		`"a"@b.c`, `"a@b"@c.d`, `"a"@b@c.d`, `"\é"@b.c`, "\"a\xff\"@b.c", "a\xff@b.c", "(c)a@b.c", "a@b.c (c)", "a<b>@c.d", "<a@b.c>", "Ada <a@b.c>",
		"a@[1.2.3.4]", "a@[01.2.3.4]", "a@[IPv6:::1]", "a@[::1]", "a@[IPv6:1.2.3.4]", "\ta@b.c", " a @b.c", strings.Repeat("a", 65) + "@b.c",
		"a@" + strings.Repeat("b", 64) + ".c", "a@" + strings.Repeat("b.", 127) + "c", "x@y_z.com", "x@1.2.3.4", "é@ü.com",
		"2024-01-01T00:00:00Z", "2024-01-01T00:00:00.123456789+14:00", "2024-01-01T23:59:60Z", "2024-01-01T00:59:60+01:00", "2024-01-01T23:59:60-00:01",
		"2024-01-01T00:00:00", "2024-01-01T00:00:00.Z", "2024-1-01T00:00:00Z", "+024-01-01T00:00:00Z", "2024-01-01T+1:00:00Z", "2024-01-01T00:00:00+24:00",
		"2024-01-01", "2024-02-30", "0000-01-01", "00:00:00Z", "23:59:60Z", "12:00:00+01:00", "12:00:00+01", "12:00", "1:00:00Z",
		"P1D", "P1Y2M3D", "PT1H", "P1DT", "P1W", "P1W2D", "PT", "P", "P1H", "PT1D", "P1M1Y", "PT1H2M3S", "P0D",
		"2024-01-01T00:00:00Z/P1D", "P1D/2024-01-01T00:00:00Z", "P1D/P2D", "a/b",
		"example.com", "EXAMPLE.com.", "-a.com", "a-.com", "a..com", "a_b.com", strings.Repeat("a", 64) + ".com", "é.com",
		"1.2.3.4", "255.255.255.255", "256.1.1.1", "01.1.1.1", "0.0.0.0", "+1.2.3.4", "-0.1.1.1", "1.2.3", "1.2.3.4.5",
		"::1", "::", "1::2::3", "fe80::1%eth0", "::ffff:1.2.3.4", "2001:db8::1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::ffff:01.2.3.4", ":",
		"http://example.com", "https://[::1]:8080/a?b#c", "http://[::1", "http://::1/", "mailto:a@b.c", "/relative", "rel/ative", `a\b`, "%zz", "http://x/%zz",
		"http://x/{a}", "http://x/{{a}}", "http://x/%7Ba%7D/{b", "{a}", "urn:isbn:0451450523", "//host/path",
		"(", "a+", "[a-z", "\\p{L}", "(?<n>a)", "/a~0b", "/a~2", "a", "/a~", "0", "1/a", "01", "0#", "2#", "#", "-1",
		"123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000", "123e4567e89b12d3a456426614174000",
		"123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000", "g23e4567-e89b-12d3-a456-426614174000",
	}
	for name, ours := range formats {
		theirs := jsonschema.Formats[name]
		require.NotNil(t, theirs, name)
		for _, s := range samples {
			assert.Equal(t, theirs(s), ours(s), "format %s of %q", name, s)
		}
	}
	for name := range jsonschema.Formats {
		assert.Contains(t, formats, name, "format the oracle knows")
	}
}

func FuzzFormats(f *testing.F) {
	for _, s := range []string{"a@b.c", `"a"@b.c`, "2024-01-01T00:00:00Z", "2024-01-01t00:00:00z", "1990-12-31T15:59:60-08:00", "P1D", "::1", "1.2.3.4", "http://x/{a}", "/a~0", "0#", "example.com"} {
		f.Add(s)
	}
	names := sortedKeys(formats)
	f.Fuzz(func(t *testing.T, s string) {
		for _, name := range names {
			if want, got := jsonschema.Formats[name](s), formats[name](s); want != got {
				t.Fatalf("format %s of %q: oracle %v, ours %v", name, s, want, got)
			}
		}
	})
}
