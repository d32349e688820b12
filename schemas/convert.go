package schemas

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/atslint/atslint/request"
)

// The synthetic passthrough operation. StackOne's public proxy endpoint is
// not part of the ATS document, but requests to it are linted too.
const (
	ProxyOperationID = "stackone_proxy_request"
	ProxyPath        = "/unified/proxy"
	ProxyBody        = "ProxyRequestBody"
)

// proxyBodySchema mirrors StackOne's ProxyRequestBody, written in the same
// OpenAPI dialect as the ATS document so that it goes through the same
// conversion as every other body.
const proxyBodySchema = `{
  "type": "object",
  "properties": {
    "url": {"type": "string", "nullable": true},
    "method": {"type": "string", "nullable": true,
      "enum": ["get", "post", "put", "delete", "patch", "GET", "POST", "PUT", "DELETE", "PATCH", null]},
    "path": {"type": "string", "nullable": true},
    "headers": {"type": "object", "additionalProperties": true, "nullable": true},
    "body": {}
  }
}`

// httpMethods are the operation keys of an OpenAPI path item.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

const componentSchemas = "#/components/schemas/"

// ConvertFile reads an OpenAPI document from a file and converts it; errors
// name the file.
func ConvertFile(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	set, err := Convert(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return set, nil
}

// Convert turns an OpenAPI 3.x document (JSON or YAML) into a Set: the
// catalogue of its operations plus the synthetic passthrough operation
// POST /unified/proxy, and a self-contained JSON Schema (draft 2020-12) for
// each request body. Only facts are kept: paths, methods, parameters, types,
// enums, formats and deprecations; prose, examples and extensions are dropped.
func Convert(openapi []byte) (*Set, error) {
	doc, err := decodeDocument(openapi)
	if err != nil {
		return nil, fmt.Errorf("openapi: %v", err)
	}
	c := &converter{doc: doc}
	files, err := c.convert(openapi)
	if err != nil {
		return nil, fmt.Errorf("openapi: %v", err)
	}
	return newSet(files[catalogueFile], func(name string) ([]byte, error) {
		if data, ok := files[name]; ok {
			return data, nil
		}
		return nil, fmt.Errorf("%s: file does not exist", name)
	})
}

// decodeDocument decodes JSON (numbers kept exact) or, failing a leading
// brace, YAML into the same tree of map[string]any, []any, string,
// json.Number, bool and nil.
func decodeDocument(data []byte) (map[string]any, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var v any
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, errors.New("unexpected data after the top-level JSON value")
		}
	} else {
		var y any
		if err := yaml.Unmarshal(data, &y); err != nil {
			return nil, err
		}
		var err error
		if v, err = fromYAML(y); err != nil {
			return nil, err
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("not an OpenAPI document: top level is not an object")
	}
	switch ver, _ := m["openapi"].(string); {
	case strings.HasPrefix(ver, "3."):
	case m["swagger"] != nil:
		return nil, errors.New("Swagger 2.0 is not supported; convert it to OpenAPI 3")
	default:
		return nil, errors.New(`not an OpenAPI 3 document: no "openapi": "3.x" field`)
	}
	if _, ok := m["paths"].(map[string]any); !ok {
		return nil, errors.New(`no "paths" object`)
	}
	return m, nil
}

// fromYAML turns a yaml.v3 tree into the tree encoding/json would produce.
func fromYAML(y any) (any, error) {
	switch y := y.(type) {
	case map[string]any:
		for k, v := range y {
			c, err := fromYAML(v)
			if err != nil {
				return nil, err
			}
			y[k] = c
		}
		return y, nil
	case map[any]any:
		m := make(map[string]any, len(y))
		for k, v := range y {
			c, err := fromYAML(v)
			if err != nil {
				return nil, err
			}
			m[fmt.Sprint(k)] = c
		}
		return m, nil
	case []any:
		for i, v := range y {
			c, err := fromYAML(v)
			if err != nil {
				return nil, err
			}
			y[i] = c
		}
		return y, nil
	case int:
		return json.Number(strconv.Itoa(y)), nil
	case uint64:
		return json.Number(strconv.FormatUint(y, 10)), nil
	case float64:
		if math.IsInf(y, 0) || math.IsNaN(y) {
			return nil, fmt.Errorf("number %v cannot be represented in JSON", y)
		}
		return json.Number(strconv.FormatFloat(y, 'g', -1, 64)), nil
	case string, bool, nil:
		return y, nil
	default:
		// Timestamps and binary scalars: keep their text, as JSON would.
		return fmt.Sprint(y), nil
	}
}

type converter struct {
	doc map[string]any
}

// convert returns the generated files by name ("catalogue.json",
// "bodies/<name>.json").
func (c *converter) convert(input []byte) (map[string][]byte, error) {
	paths := c.doc["paths"].(map[string]any)
	var (
		ops    []Operation
		bodies = map[string]any{} // body schema name → OpenAPI schema
		ids    = map[string]string{}
	)
	for _, path := range sortedKeys(paths) {
		item, err := c.deref(paths[path])
		if err != nil {
			return nil, fmt.Errorf("paths[%s]: %v", path, err)
		}
		for _, method := range httpMethods {
			raw, ok := item[method]
			if !ok {
				continue
			}
			o, ok := raw.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("paths[%s].%s: not an object", path, method)
			}
			op, body, err := c.operation(path, method, item, o)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %v", strings.ToUpper(method), path, err)
			}
			if prev, dup := ids[op.ID]; dup {
				return nil, fmt.Errorf("operationId %q is used by both %s and %s %s", op.ID, prev, op.Method, op.Path)
			}
			ids[op.ID] = op.Method + " " + op.Path
			if op.Body != "" {
				bodies[op.Body] = body
			}
			ops = append(ops, op)
		}
	}
	sourceOps := len(ops)

	// Add the passthrough operation unless the document declares it itself.
	if !slices.ContainsFunc(ops, func(op Operation) bool {
		return op.ID == ProxyOperationID || op.Method == "POST" && op.Path == ProxyPath
	}) {
		if _, clash := bodies[ProxyBody]; clash {
			return nil, fmt.Errorf("body schema name %s is taken by an operation of the document", ProxyBody)
		}
		var proxy any
		dec := json.NewDecoder(strings.NewReader(proxyBodySchema))
		dec.UseNumber()
		if err := dec.Decode(&proxy); err != nil {
			panic(err) // a constant
		}
		bodies[ProxyBody] = proxy
		ops = append(ops, Operation{
			ID:           ProxyOperationID,
			Method:       "POST",
			Path:         ProxyPath,
			Headers:      []Param{{Name: "x-account-id", Type: "string", Required: true}},
			Body:         ProxyBody,
			BodyRequired: true,
		})
	}
	slices.SortFunc(ops, func(a, b Operation) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return strings.Compare(a.Method, b.Method)
	})

	files := make(map[string][]byte, len(bodies)+1)
	for name, schema := range bodies {
		data, err := c.bodyFile(schema)
		if err != nil {
			return nil, fmt.Errorf("body schema %s: %v", name, err)
		}
		files[bodiesDir+"/"+name+".json"] = data
	}

	info, _ := c.doc["info"].(map[string]any)
	title, _ := info["title"].(string)
	version, _ := info["version"].(string)
	sum := sha256.Sum256(input)
	cat, err := marshal(catalogueDoc{
		Comment: generatedMarker,
		Source: sourceInfo{
			OpenAPI: c.doc["openapi"].(string),
			Title:   title,
			Version: version,
			SHA256:  hex.EncodeToString(sum[:]),
		},
		SourceOperations: sourceOps,
		Operations:       ops,
	})
	if err != nil {
		return nil, err
	}
	files[catalogueFile] = cat
	return files, nil
}

// operation converts one operation. It also returns the OpenAPI schema of its
// request body, if any.
func (c *converter) operation(path, method string, item, o map[string]any) (Operation, any, error) {
	op := Operation{Method: strings.ToUpper(method), Path: path}
	op.ID, _ = o["operationId"].(string)
	if op.ID == "" {
		op.ID = syntheticID(method, path)
	}

	params, err := c.parameters(item, o)
	if err != nil {
		return op, nil, err
	}
	for _, p := range params {
		name, _ := p["name"].(string)
		in, _ := p["in"].(string)
		schema, err := c.deref(p["schema"])
		if err != nil {
			return op, nil, fmt.Errorf("parameter %s: %v", name, err)
		}
		format, _ := schema["format"].(string)
		param := Param{
			Name:       name,
			Type:       c.schemaType(schema),
			Format:     format,
			Required:   p["required"] == true,
			Deprecated: p["deprecated"] == true,
			Enum:       enumStrings(schema["enum"]),
			Minimum:    number(schema["minimum"]),
			Maximum:    number(schema["maximum"]),
			DeepObject: p["style"] == "deepObject",
		}
		switch in {
		case "query":
			op.Query = append(op.Query, param)
			if name == "filter" {
				if op.Filters, err = c.filters(schema); err != nil {
					return op, nil, fmt.Errorf("parameter filter: %v", err)
				}
			}
		case "header":
			op.Headers = append(op.Headers, param)
		}
	}

	body, err := c.requestBody(&op, o)
	return op, body, err
}

// parameters merges path-level and operation-level parameters; an operation
// parameter overrides a path parameter with the same name and location.
func (c *converter) parameters(item, o map[string]any) ([]map[string]any, error) {
	var out []map[string]any
	index := map[string]int{}
	for _, list := range []any{item["parameters"], o["parameters"]} {
		raw, _ := list.([]any)
		for i, r := range raw {
			p, err := c.deref(r)
			if err != nil {
				return nil, fmt.Errorf("parameters[%d]: %v", i, err)
			}
			name, _ := p["name"].(string)
			in, _ := p["in"].(string)
			if name == "" || in == "" {
				return nil, fmt.Errorf("parameters[%d]: no name or in", i)
			}
			key := in + "\x00" + name
			if j, ok := index[key]; ok {
				out[j] = p
				continue
			}
			index[key] = len(out)
			out = append(out, p)
		}
	}
	return out, nil
}

// filters lists the keys of a filter parameter's object schema, sorted.
func (c *converter) filters(schema map[string]any) ([]Filter, error) {
	props, err := c.properties(schema, 0)
	if err != nil {
		return nil, err
	}
	var out []Filter
	for _, name := range sortedKeys(props) {
		s, err := c.deref(props[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		format, _ := s["format"].(string)
		out = append(out, Filter{
			Name:       name,
			Type:       c.schemaType(s),
			Format:     format,
			Enum:       enumStrings(s["enum"]),
			Deprecated: s["deprecated"] == true,
		})
	}
	return out, nil
}

// properties collects the properties of an object schema, following $ref
// and allOf.
func (c *converter) properties(schema map[string]any, depth int) (map[string]any, error) {
	if depth > 32 {
		return nil, errors.New("allOf nested too deeply")
	}
	out := map[string]any{}
	all, _ := schema["allOf"].([]any)
	for _, branch := range all {
		b, err := c.deref(branch)
		if err != nil {
			return nil, err
		}
		sub, err := c.properties(b, depth+1)
		if err != nil {
			return nil, err
		}
		for k, v := range sub {
			out[k] = v
		}
	}
	props, _ := schema["properties"].(map[string]any)
	for k, v := range props {
		out[k] = v
	}
	return out, nil
}

// requestBody fills op.Body and op.BodyRequired and returns the body schema.
func (c *converter) requestBody(op *Operation, o map[string]any) (any, error) {
	if o["requestBody"] == nil {
		return nil, nil
	}
	rb, err := c.deref(o["requestBody"])
	if err != nil {
		return nil, fmt.Errorf("requestBody: %v", err)
	}
	content, _ := rb["content"].(map[string]any)
	media := pickMediaType(content)
	if media == "" {
		return nil, nil
	}
	mt, _ := content[media].(map[string]any)
	schema := mt["schema"]
	if schema == nil {
		return nil, nil
	}
	op.BodyRequired = rb["required"] == true
	if m, ok := schema.(map[string]any); ok {
		// Siblings of a body's $ref can only be annotations: ignore them.
		if ref, ok := m["$ref"].(string); ok {
			name, ok := strings.CutPrefix(ref, componentSchemas)
			if !ok || !validSchemaName(name) {
				return nil, fmt.Errorf("requestBody: unsupported $ref %q", ref)
			}
			target, err := c.deref(schema)
			if err != nil {
				return nil, fmt.Errorf("requestBody: %v", err)
			}
			op.Body = name
			return target, nil
		}
	}
	// An inline schema gets a name derived from the operation.
	op.Body = sanitizeName(op.ID) + "RequestBody"
	if _, clash := c.component(op.Body); clash {
		return nil, fmt.Errorf("requestBody: inline schema name %s is taken by a component", op.Body)
	}
	return schema, nil
}

// pickMediaType prefers application/json, then any other JSON media type,
// then the first one in sorted order.
func pickMediaType(content map[string]any) string {
	if _, ok := content["application/json"]; ok {
		return "application/json"
	}
	keys := sortedKeys(content)
	for _, k := range keys {
		if strings.HasSuffix(strings.SplitN(k, ";", 2)[0], "+json") {
			return k
		}
	}
	if len(keys) > 0 {
		return keys[0]
	}
	return ""
}

// deref follows local $refs ("#/...") until it reaches an object.
func (c *converter) deref(v any) (map[string]any, error) {
	for range 32 {
		m, ok := v.(map[string]any)
		if !ok {
			if v == nil {
				return map[string]any{}, nil
			}
			return nil, fmt.Errorf("expected an object, found %T", v)
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		if v, ok = c.lookup(ref); !ok {
			return nil, fmt.Errorf("unresolvable $ref %q", ref)
		}
	}
	return nil, errors.New("$ref chain too long or cyclic")
}

// lookup resolves a local reference ("#/components/schemas/X").
func (c *converter) lookup(ref string) (any, bool) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, false // external references are not supported
	}
	if unesc, err := url.PathUnescape(frag); err == nil {
		frag = unesc
	}
	return pointerGet(c.doc, frag)
}

// component returns the component schema with the given name.
func (c *converter) component(name string) (any, bool) {
	comps, _ := c.doc["components"].(map[string]any)
	schemas, _ := comps["schemas"].(map[string]any)
	s, ok := schemas[name]
	return s, ok
}

// schemaType returns the first non-null type of a schema, looking through
// $ref and composition keywords when it has none of its own.
func (c *converter) schemaType(s map[string]any) string {
	return c.schemaTypeDepth(s, 0)
}

func (c *converter) schemaTypeDepth(s map[string]any, depth int) string {
	switch t := s["type"].(type) {
	case string:
		if t != "null" {
			return t
		}
	case []any:
		for _, e := range t {
			if e, ok := e.(string); ok && e != "null" {
				return e
			}
		}
	}
	if depth > 32 {
		return ""
	}
	for _, kw := range []string{"allOf", "oneOf", "anyOf"} {
		list, _ := s[kw].([]any)
		for _, b := range list {
			if b, err := c.deref(b); err == nil {
				if t := c.schemaTypeDepth(b, depth+1); t != "" {
					return t
				}
			}
		}
	}
	return ""
}

// enumStrings renders enum values as strings, leaving out null: a nullable
// parameter is simply one that may be omitted.
func enumStrings(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, e := range list {
		switch e := e.(type) {
		case nil:
		case string:
			out = append(out, e)
		default:
			b, _ := json.Marshal(e)
			out = append(out, string(b))
		}
	}
	return out
}

// number returns a numeric keyword's value, or nil.
func number(v any) *float64 {
	n, ok := v.(json.Number)
	if !ok {
		return nil
	}
	f, err := n.Float64()
	if err != nil {
		return nil
	}
	return &f
}

// syntheticID names an operation that has no operationId.
func syntheticID(method, path string) string {
	return strings.ToLower(method) + "_" + strings.Trim(sanitizeName(path), "_")
}

// sanitizeName maps s onto letters, digits, "_" and "-".
func sanitizeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '.' || !isNameChar(rune(c)) {
			b[i] = '_'
		}
	}
	return string(b)
}

// marshal encodes v as indented JSON with a trailing newline. Map keys come
// out sorted, so the output is stable.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// pointerGet resolves an RFC 6901 JSON Pointer in a decoded JSON tree.
func pointerGet(v any, ptr string) (any, bool) {
	if ptr == "" {
		return v, true
	}
	if ptr[0] != '/' {
		return nil, false
	}
	for rest, more := ptr[1:], true; more; {
		var tok string
		tok, rest, more = strings.Cut(rest, "/")
		tok = unescapeToken(tok)
		switch n := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = n[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n) || strconv.Itoa(i) != tok {
				return nil, false
			}
			v = n[i]
		default:
			return nil, false
		}
	}
	return v, true
}

var tokenUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// escapeToken is request.PointerToken: compiling a body schema escapes
// every keyword and property name on the first check of a run.
func escapeToken(s string) string { return request.PointerToken(s) }

// unescapeToken returns most tokens as they are, without going through a
// Replacer.

func unescapeToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return tokenUnescaper.Replace(s)
}
