package schemas

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// emailHint is the $comment on a format the converter adds (see bodyConverter.property).
const emailHint = "format email added by atslint: the OpenAPI document declares no format for this e-mail field"

// bodyFile converts a request-body schema into a self-contained JSON Schema
// (draft 2020-12): the body's own schema at the root and every component
// schema it reaches, and only those, under $defs.
func (c *converter) bodyFile(schema any) ([]byte, error) {
	bc := &bodyConverter{c: c, defs: map[string]any{}}
	root, err := bc.schema(schema)
	if err != nil {
		return nil, err
	}
	for len(bc.queue) > 0 {
		name := bc.queue[0]
		bc.queue = bc.queue[1:]
		src, _ := c.component(name) // bc.ref checked that it exists
		def, err := bc.schema(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		bc.defs[name] = def
	}
	doc, ok := root.(map[string]any)
	if !ok { // a boolean schema
		doc = map[string]any{}
		if root == false {
			doc["not"] = map[string]any{}
		}
	}
	doc["$schema"] = draft2020
	doc["$comment"] = generatedMarker
	if len(bc.defs) > 0 {
		doc["$defs"] = bc.defs
	}
	return marshal(doc)
}

// bodyConverter rewrites OpenAPI schemas (3.0 or 3.1) as draft 2020-12,
// keeping only keywords that carry facts and collecting referenced components.
type bodyConverter struct {
	c     *converter
	defs  map[string]any // component name → converted schema (nil while queued)
	queue []string
}

// How the converter treats a keyword.
type keywordKind uint8

const (
	kwOther  keywordKind = iota
	kwPlain              // copied unchanged
	kwSchema             // the value is one schema
	kwList               // the value is a list of schemas
	kwMap                // the value maps names to schemas
)

// convertKeywords gives the kind of each keyword the converter knows. It is
// made on first use: only --openapi and the generator convert (issue 12).
var convertKeywords = sync.OnceValue(func() map[string]keywordKind {
	m := map[string]keywordKind{}
	for kind, kws := range map[keywordKind]string{
		kwPlain: "type enum const format pattern required multipleOf minimum maximum minLength maxLength minItems maxItems " +
			"uniqueItems minProperties maxProperties dependentRequired minContains maxContains",
		kwSchema: "additionalProperties not contains propertyNames if then else unevaluatedProperties unevaluatedItems",
		kwList:   "allOf anyOf oneOf prefixItems",
		kwMap:    "properties patternProperties dependentSchemas",
	} {
		for _, kw := range strings.Fields(kws) {
			m[kw] = kind
		}
	}
	return m
})

// schema converts one schema. Everything not listed above is dropped:
// description, title, example(s), default, readOnly, writeOnly,
// discriminator, xml, externalDocs and x-* extensions.
func (b *bodyConverter) schema(v any) (any, error) {
	in, ok := v.(map[string]any)
	if !ok {
		if bv, ok := v.(bool); ok {
			return bv, nil
		}
		return nil, fmt.Errorf("schema is a %T, not an object", v)
	}
	out := map[string]any{}
	var (
		oneOf []any
		moved []string // bounds that became exclusive
	)
	for _, k := range sortedKeys(in) { // sorted: errors are deterministic
		val := in[k]
		kind := convertKeywords()[k]
		switch {
		case kind == kwPlain:
			out[k] = val
		case k == "deprecated":
			if val == true {
				out[k] = true
			}
		case k == "$ref":
			ref, err := b.ref(val)
			if err != nil {
				return nil, err
			}
			out[k] = ref
		case k == "exclusiveMinimum" || k == "exclusiveMaximum":
			// OpenAPI 3.0 spells these as booleans beside minimum/maximum.
			if flag, isBool := val.(bool); isBool {
				bound := strings.ToLower(strings.TrimPrefix(k, "exclusive"))
				if n, ok := in[bound]; ok && flag {
					out[k] = n
					moved = append(moved, bound)
				}
			} else {
				out[k] = val
			}
		case k == "items":
			if list, isList := val.([]any); isList { // tuple form
				conv, err := b.list(list)
				if err != nil {
					return nil, fmt.Errorf("items: %v", err)
				}
				out["prefixItems"] = conv
				continue
			}
			s, err := b.schema(val)
			if err != nil {
				return nil, fmt.Errorf("items: %v", err)
			}
			out[k] = s
		case kind == kwSchema:
			s, err := b.schema(val)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", k, err)
			}
			out[k] = s
		case kind == kwList:
			list, _ := val.([]any)
			conv, err := b.list(list)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", k, err)
			}
			if k == "oneOf" {
				oneOf = conv
			} else {
				out[k] = conv
			}
		case kind == kwMap:
			m, _ := val.(map[string]any)
			conv := make(map[string]any, len(m))
			for _, name := range sortedKeys(m) {
				s, err := b.schema(m[name])
				if err != nil {
					return nil, fmt.Errorf("%s.%s: %v", k, name, err)
				}
				if k == "properties" && name == "email" {
					s = withEmailFormat(s)
				}
				conv[name] = s
			}
			out[k] = conv
		}
	}
	for _, k := range moved {
		delete(out, k)
	}
	if oneOf != nil {
		// oneOf becomes anyOf. The document uses oneOf for plain type unions
		// that overlap: CustomFields.value is oneOf [{type: string},
		// {type: string, format: date-time}, ...], which no date-time string
		// could pass under "exactly one".
		if out["anyOf"] == nil {
			out["anyOf"] = oneOf
		} else {
			out["allOf"] = append(asList(out["allOf"]), map[string]any{"anyOf": oneOf})
		}
	}
	// allOf: [{$ref}] is how OpenAPI 3.0 puts siblings beside a $ref;
	// 2020-12 allows them directly.
	if all := asList(out["allOf"]); len(all) == 1 && out["$ref"] == nil {
		if m, ok := all[0].(map[string]any); ok && len(m) == 1 && m["$ref"] != nil {
			out["$ref"] = m["$ref"]
			delete(out, "allOf")
		}
	}
	if in["nullable"] == true {
		out = makeNullable(out)
	}
	return out, nil
}

func (b *bodyConverter) list(in []any) ([]any, error) {
	out := make([]any, len(in))
	for i, v := range in {
		s, err := b.schema(v)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %v", i, err)
		}
		out[i] = s
	}
	return out, nil
}

// ref rewrites "#/components/schemas/X" to "#/$defs/X" and queues X.
func (b *bodyConverter) ref(v any) (string, error) {
	ref, _ := v.(string)
	name, ok := strings.CutPrefix(ref, componentSchemas)
	if !ok || !validSchemaName(name) {
		return "", fmt.Errorf("unsupported $ref %q: only %sName is", ref, componentSchemas)
	}
	if _, ok := b.c.component(name); !ok {
		return "", fmt.Errorf("unresolvable $ref %q", ref)
	}
	if _, seen := b.defs[name]; !seen {
		b.defs[name] = nil
		b.queue = append(b.queue, name)
	}
	return "#/$defs/" + name, nil
}

// makeNullable makes a converted schema accept null, as OpenAPI 3.0's
// nullable: true asks.
func makeNullable(s map[string]any) map[string]any {
	if len(s) == 0 || slices.Contains(typeList(s["type"]), "null") {
		return s // already accepts null
	}
	composed := false
	for _, k := range []string{"$ref", "allOf", "anyOf", "not", "const", "if"} {
		if s[k] != nil {
			composed = true
		}
	}
	if s["type"] != nil && !composed {
		// A plain typed schema: add "null" to its type, and to its enum,
		// which would otherwise still reject null.
		s["type"] = append(typeListAny(s["type"]), "null")
		if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, nil) {
			s["enum"] = append(slices.Clone(enum), nil)
		}
		return s
	}
	null := map[string]any{"type": "null"}
	if any, ok := s["anyOf"].([]any); ok && len(s) == 1 {
		s["anyOf"] = append(slices.Clone(any), null)
		return s
	}
	// Otherwise wrap (typically a $ref): anyOf [schema, {type: null}], with
	// annotations on the outside where readers of the schema look for them.
	outer := map[string]any{}
	for _, k := range []string{"deprecated", "$comment"} {
		if v, ok := s[k]; ok {
			outer[k] = v
			delete(s, k)
		}
	}
	outer["anyOf"] = []any{s, null}
	return outer
}

// withEmailFormat adds format: email to a string schema that has no format.
// The ATS document declares no format on any e-mail field, but atslint checks
// them (DESIGN.md §5: a bad e-mail is reported as such); the $comment marks
// the format as atslint's addition, not the document's.
func withEmailFormat(s any) any {
	m, ok := s.(map[string]any)
	if !ok || m["format"] != nil || !slices.Contains(typeList(m["type"]), "string") {
		return s
	}
	m["format"] = "email"
	m["$comment"] = emailHint
	return m
}

// typeList returns the value of a "type" keyword as a list.
func typeList(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func typeListAny(v any) []any {
	var out []any
	for _, t := range typeList(v) {
		out = append(out, t)
	}
	return out
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
