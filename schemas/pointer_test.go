package schemas

import (
	"reflect"
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
	if reflect.ValueOf(table.list[countsReader]).Pointer() != reflect.ValueOf(compileCounts).Pointer() {
		t.Errorf("countsReader is not compileCounts' index")
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
