package schemas

import (
	"maps"
	"math/bits"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestTokenEscaping(t *testing.T) {
	for _, c := range []struct{ raw, esc string }{
		{"", ""}, {"name", "name"}, {"a/b", "a~1b"}, {"a~b", "a~0b"}, {"~1", "~01"}, {"/~/", "~1~0~1"},
	} {
		if got := escapeToken(c.raw); got != c.esc {
			t.Errorf("escapeToken(%q) = %q, want %q", c.raw, got, c.esc)
		}
		if got := unescapeToken(c.esc); got != c.raw {
			t.Errorf("unescapeToken(%q) = %q, want %q", c.esc, got, c.raw)
		}
	}
}

func TestPointerGet(t *testing.T) {
	doc := map[string]any{
		"$defs": map[string]any{"a/b": map[string]any{"x": []any{true, "y"}}, "": 1.0, "m~n": "z"},
	}
	for ptr, want := range map[string]any{
		"/$defs/a~1b/x/1": "y",
		"/$defs/":         1.0,
		"/$defs/m~0n":     "z",
	} {
		if got, ok := pointerGet(doc, ptr); !ok || got != want {
			t.Errorf("pointerGet(%q) = %v, %v; want %v", ptr, got, ok, want)
		}
	}
	for _, ptr := range []string{"$defs", "/nope", "/$defs/a~1b/x/2", "/$defs/a~1b/x/01", "/$defs/a~1b/x/-1", "/$defs/m~0n/q", "/$defs//"} {
		if got, ok := pointerGet(doc, ptr); ok {
			t.Errorf("pointerGet(%q) = %v, want none", ptr, got)
		}
	}
}

func FuzzTokenEscaping(f *testing.F) {
	f.Add("a/b~c")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := escapeToken(s), strings.NewReplacer("~", "~0", "/", "~1").Replace(s); got != want {
			t.Fatalf("escapeToken(%q) = %q, want %q", s, got, want)
		}
		if got, want := unescapeToken(s), tokenUnescaper.Replace(s); got != want {
			t.Fatalf("unescapeToken(%q) = %q, want %q", s, got, want)
		}
		if unescapeToken(escapeToken(s)) != s {
			t.Fatalf("round trip of %q", s)
		}
	})
}

func TestKeywordReaders(t *testing.T) {
	table := keywordReaders()
	// Only compileCounts runs for every schema, wherever it is listed.
	var always []int
	for i := range table.list {
		if table.always&(1<<i) != 0 {
			always = append(always, i)
		}
	}
	if len(always) != 1 || reflect.ValueOf(table.list[always[0]]).Pointer() != reflect.ValueOf(compileCounts).Pointer() {
		t.Errorf("readers run for every schema: %v, want compileCounts' index alone", always)
	}
	// So a schema without a count keyword has the defaults, not zeros
	// (which would mean maxLength 0, and a contains that needs no match).
	p, err := compileSchema(map[string]any{"type": "string"})
	if err != nil {
		t.Fatal(err)
	}
	n := p.root
	if got := []int{n.minProps, n.maxProps, n.minItems, n.maxItems, n.minLen, n.maxLen, n.minContains, n.maxContains}; !slices.Equal(got, []int{-1, -1, -1, -1, -1, -1, 1, -1}) {
		t.Errorf("count defaults %v", got)
	}
	if len(table.list) > 32 {
		t.Errorf("%d readers do not fit the uint32 mask", len(table.list))
	}
	// Every keyword the converter writes has its reader.
	for _, kw := range []string{"type", "enum", "const", "format", "pattern", "required", "properties", "additionalProperties",
		"items", "prefixItems", "$ref", "allOf", "anyOf", "oneOf", "not", "if", "minLength", "maxItems", "minimum", "multipleOf",
		"uniqueItems", "dependentRequired", "dependentSchemas", "propertyNames", "contains", "unevaluatedProperties",
		"unevaluatedItems", "patternProperties", "minContains", "maxContains", "exclusiveMaximum"} {
		if table.of[kw] == 0 {
			t.Errorf("no reader for %s", kw)
		}
	}
}

// TestTypeBits pins the seven type names of JSON Schema to their bits: one
// bit each, together all of typeMask's, and compileType accepts exactly
// these names.
func TestTypeBits(t *testing.T) {
	want := map[string]typeMask{
		"null": nullType, "boolean": booleanType, "object": objectType, "array": arrayType,
		"number": numberType, "string": stringType, "integer": integerType,
	}
	if !maps.Equal(typeBits, want) {
		t.Fatalf("typeBits %v, want %v", typeBits, want)
	}
	var all typeMask
	for name, b := range typeBits {
		if bits.OnesCount8(uint8(b)) != 1 || all&b != 0 {
			t.Errorf("%s: bit %08b is not a bit of its own", name, b)
		}
		all |= b
		p, err := compileSchema(map[string]any{"type": name})
		if err != nil {
			t.Errorf("type %s: %v", name, err)
			continue
		}
		if p.root.typeMask != b {
			t.Errorf("type %s: mask %08b, want %08b", name, p.root.typeMask, b)
		}
	}
	if all != 1<<len(want)-1 {
		t.Errorf("the names cover %08b", all)
	}
	p, err := compileSchema(map[string]any{"type": []any{"string", "null"}})
	if err != nil || p.root.typeMask != stringType|nullType {
		t.Errorf("a list of types: %v, %v", p, err)
	}
	for _, bad := range []string{"int", "Object", "float", "any", ""} {
		if _, err := compileSchema(map[string]any{"type": bad}); err == nil || !strings.Contains(err.Error(), "unknown type") {
			t.Errorf("type %q: %v, want unknown type", bad, err)
		}
	}
}
