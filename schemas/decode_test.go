package schemas

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"testing"

	"github.com/atslint/atslint/request"
)

// viaTree is how body schema documents were decoded before decodeSchemaJSON:
// the request reader's tree, converted.
func viaTree(data []byte) (any, error) {
	v, err := request.Parse(data, request.Options{MaxDepth: 10000})
	if err != nil {
		return nil, err
	}
	return valueToAny(v), nil
}

func TestDecodeSchemaJSONMatchesTree(t *testing.T) {
	paths, err := fs.Glob(generated, "generated/bodies/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no embedded body schemas: %v", err)
	}
	for _, p := range paths {
		data, err := fs.ReadFile(generated, p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeSchemaJSON(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want, _ := viaTree(data)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoded differently from the request tree", p)
		}
	}
	for in, want := range map[string]any{
		`{"a":1,"a":[true,null,"x",-0.5e3]}`: map[string]any{"a": []any{true, nil, "x", json.Number("-0.5e3")}},
		`{"e":{},"l":[]}`:                    map[string]any{"e": map[string]any{}, "l": []any{}},
		`"s\u00e9"`:                          "sé",
		"\ufeff {\"b\":false}\n":             map[string]any{"b": false},
	} {
		got, err := decodeSchemaJSON([]byte(in))
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("decodeSchemaJSON(%s) = %#v, %v; want %#v", in, got, err, want)
		}
	}
	for _, in := range []string{``, `{`, `{"a":}`, `{} {}`, `[1,]`, `{"a" 1}`} {
		if got, err := decodeSchemaJSON([]byte(in)); err == nil {
			t.Errorf("decodeSchemaJSON(%q) = %#v, want an error", in, got)
		}
	}
}

func FuzzDecodeSchemaJSON(f *testing.F) {
	f.Add([]byte(`{"a":1,"a":[true,null,"x",-0.5e3],"b":{"c":"\u00e9"}}`))
	f.Add([]byte(`[{}, [], "\ud800", 1e400]`))
	f.Add([]byte("{\"\xff\":\"\xfe\"}"))
	f.Add([]byte("\ufeff{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeSchemaJSON(data)
		want, werr := viaTree(data)
		if (err == nil) != (werr == nil) {
			t.Fatalf("%q: error %v, the request reader's %v", data, err, werr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: %#v, the request reader gives %#v", data, got, want)
		}
	})
}

// valueToAny converts a parsed value into the tree encoding/json decodes
// with UseNumber: numbers as json.Number, the last of duplicate keys.
func valueToAny(v *request.Value) any {
	switch v.Kind {
	case request.Bool:
		return v.Bool
	case request.Number:
		return json.Number(v.Str)
	case request.String:
		return v.Str
	case request.Object:
		m := make(map[string]any, len(v.Members))
		for _, mem := range v.Members {
			m[mem.Key] = valueToAny(mem.Value)
		}
		return m
	case request.Array:
		a := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			a[i] = valueToAny(e)
		}
		return a
	}
	return nil
}
