// Package insomnia reads the requests of Insomnia exports, v4 (JSON,
// "__export_format": 4) and v5 (YAML, "type: collection.insomnia.rest/5.0",
// Insomnia 11), with positions in the export.
//
// url plus the enabled parameters[] is what is sent, with the enabled
// headers[], a basic or bearer authentication and a JSON body
// (body.text with a JSON mimeType). {{ name }} and {{ _.name }} take their
// value from --env, then the folder environments above the request, then
// the sub-environment named by EnvName, then the base environment; other
// template tags ({% response %}, {% uuid %}, filters) are unknown.
//
// Pointers are JSON Pointers into the export (for v5, into its YAML tree:
// "/collection/0/children/1/headers/0/value").
package insomnia

import (
	"bytes"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/internal/srctext"
)

// Options configure Read; see srctext.Options.
type Options = srctext.Options

// Sniff reports whether data, the start of a file, is an Insomnia export.
func Sniff(head []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if bytes.HasPrefix(t, []byte("{")) {
		return bytes.Contains(head, []byte(`"__export_format"`)) && bytes.Contains(head, []byte(`"_type"`))
	}
	return bytes.Contains(head, []byte("collection.insomnia.rest/5")) || bytes.HasPrefix(t, []byte("_type: export"))
}

// Read reads an export.
func Read(data []byte, opts Options) *request.Document {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	f := srctext.NewFile(data)
	c := &reader{f: f, doc: &request.Document{}, opts: opts}
	if bytes.HasPrefix(t, []byte("{")) {
		root, err := request.Parse(data, request.Options{MaxDepth: opts.MaxDepth})
		if err != nil {
			c.doc.Problems = append(c.doc.Problems, request.ParseErrorProblem(data, err))
			return c.doc
		}
		c.v4(root)
		return c.doc
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		line := 1
		msg := err.Error()
		if i := strings.Index(msg, "line "); i >= 0 {
			s := msg[i+5:]
			if j := strings.IndexByte(s, ':'); j > 0 {
				if l, e := strconv.Atoi(s[:j]); e == nil {
					line = l
				}
			}
		}
		at := f.LineStart(line)
		c.doc.Problems = append(c.doc.Problems, f.Problem(request.RuleSyntax, "YAML: "+strings.TrimPrefix(msg, "yaml: "), at, at, "", 0))
		return c.doc
	}
	c.yaml = map[*request.Value]*yaml.Node{}
	root := c.fromYAML(&n, "", 0)
	if root == nil {
		c.notExport(nil)
		return c.doc
	}
	if root.Get("__export_format") != nil { // a v4 export saved as YAML
		c.v4(root)
		return c.doc
	}
	c.v5(root)
	return c.doc
}

type reader struct {
	f    *srctext.File
	doc  *request.Document
	opts Options
	yaml map[*request.Value]*yaml.Node
	n    int
	envs []map[string]string
}

func (c *reader) notExport(v *request.Value) {
	p := request.Problem{Rule: request.RuleNotARequest,
		Message: `expected an Insomnia export ("__export_format": 4 with "resources", or "type: collection.insomnia.rest/5.0")`}
	if v != nil {
		p.Span = v.Span
	}
	c.doc.Problems = append(c.doc.Problems, p)
}

// fromYAML converts a YAML node into a Value tree with positions.
func (c *reader) fromYAML(n *yaml.Node, ptr string, depth int) *request.Value {
	if n == nil || depth > 200 {
		return nil
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		return c.fromYAML(n.Content[0], ptr, depth+1)
	}
	off := c.f.LineStart(n.Line) + max(n.Column-1, 0)
	v := &request.Value{Pointer: ptr}
	switch n.Kind {
	case yaml.AliasNode:
		// Not followed: aliases of aliases grow exponentially ("billion
		// laughs"), and an export never writes one. Its value is unknown.
		v.Kind = request.Unknown
	case yaml.MappingNode:
		v.Kind = request.Object
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			kv := c.fromYAML(n.Content[i+1], ptr+"/"+request.PointerToken(k.Value), depth+1)
			if kv == nil {
				continue
			}
			koff := c.f.LineStart(k.Line) + max(k.Column-1, 0)
			v.Members = append(v.Members, &request.Member{Key: k.Value, KeySpan: c.f.Span(koff, koff+len(k.Value)), Value: kv})
		}
	case yaml.SequenceNode:
		v.Kind = request.Array
		for i, e := range n.Content {
			if ev := c.fromYAML(e, ptr+"/"+strconv.Itoa(i), depth+1); ev != nil {
				v.Elems = append(v.Elems, ev)
			}
		}
	case yaml.ScalarNode:
		v.Kind, v.Str = request.String, n.Value
		switch n.Tag {
		case "!!null":
			v.Kind, v.Str = request.Null, ""
		case "!!bool":
			v.Kind, v.Bool = request.Bool, n.Value == "true"
		case "!!int", "!!float":
			v.Kind = request.Number
		}
		c.yaml[v] = n
	}
	end := off + len(n.Value)
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 || strings.Contains(n.Value, "\n") {
		end = off + 1
	}
	v.Span = c.f.Span(off, min(end, len(c.f.Data)))
	return v
}

// text is a string value as written, with positions.
func (c *reader) text(v *request.Value) srctext.Text {
	if v == nil {
		return srctext.Text{}
	}
	n, isYAML := c.yaml[v]
	var t srctext.Text
	switch {
	case v.Kind == request.Unknown:
		t.Unknown(v.Span.Start.Offset, v.Span.End.Offset)
		return t
	case !isYAML && v.Kind == request.String:
		t = srctext.FromJSON(c.f, v)
	case !isYAML:
		t = srctext.FromValue(c.f, v.Str, v.Span.Start.Offset, v.Span.End.Offset)
	case n.Style&yaml.LiteralStyle != 0:
		t = c.literal(n, v)
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		t = srctext.FromValue(c.f, v.Str, v.Span.Start.Offset+1, v.Span.Start.Offset+1+len(v.Str))
	default:
		t = srctext.FromValue(c.f, v.Str, v.Span.Start.Offset, v.Span.End.Offset)
	}
	return srctext.Expand(srctext.Expand(t, tags, nil), syntax, c.lookup)
}

// tags are Nunjucks tags ({% response … %}, {% uuid %}, {% now %}): values
// Insomnia computes when it sends the request, unknown here.
var tags = srctext.Syntax{Open: "{%", Close: "%}", Name: func(string) (string, bool) { return "", false }}

// literal maps a literal block scalar (text: |-) line by line to the
// lines below its key.
func (c *reader) literal(n *yaml.Node, v *request.Value) srctext.Text {
	var t srctext.Text
	lines := strings.Split(n.Value, "\n")
	line := n.Line + 1
	for i, l := range lines {
		if i > 0 {
			at := c.f.LineStart(line)
			t.Var("\n", at, at)
		}
		// Skip blank source lines the value holds as empty lines.
		start := c.f.LineStart(line)
		end := c.f.LineStart(line + 1)
		src := string(c.f.Data[start:end])
		j := strings.Index(src, l)
		if l == "" || j < 0 {
			if l != "" {
				var w srctext.Text
				w.Var(n.Value, v.Span.Start.Offset, v.Span.End.Offset)
				return w
			}
		} else {
			t.Lit(l, start+j)
		}
		line++
	}
	return t
}

var syntax = srctext.Syntax{Open: "{{", Close: "}}", Name: func(s string) (string, bool) {
	s = strings.TrimPrefix(s, "_.")
	if s == "" || strings.ContainsAny(s, " \t|()'\"$") {
		return "", false
	}
	return s, true
}}

func (c *reader) lookup(name string) (string, bool) {
	return srctext.Lookup(c.envs...)(name)
}

// envs in order of precedence, set per request.
func (c *reader) setEnvs(folders []map[string]string, sub, base map[string]string) {
	c.envs = append([]map[string]string{c.opts.Vars}, folders...)
	c.envs = append(c.envs, sub, base)
}

func dataVars(v *request.Value, prefix string, out map[string]string) {
	if v == nil || v.Kind != request.Object {
		return
	}
	for _, m := range v.Members {
		switch m.Value.Kind {
		case request.String, request.Number:
			out[prefix+m.Key] = m.Value.Str
		case request.Bool:
			out[prefix+m.Key] = strconv.FormatBool(m.Value.Bool)
		case request.Object:
			dataVars(m.Value, prefix+m.Key+".", out)
		}
	}
}

func str(v *request.Value, key string) string {
	s, _ := v.Get(key).StringValue()
	return s
}

func disabled(v *request.Value) bool {
	d := v.Get("disabled")
	return d != nil && d.Kind == request.Bool && d.Bool
}

func elems(v *request.Value) []*request.Value {
	if v == nil || v.Kind != request.Array {
		return nil
	}
	return v.Elems
}

// v4 reads {"_type": "export", "__export_format": 4, "resources": [...]}.
func (c *reader) v4(root *request.Value) {
	if root.Kind != request.Object || root.Get("__export_format") == nil || root.Get("resources") == nil {
		c.notExport(root)
		return
	}
	byID := map[string]*request.Value{}
	for _, r := range elems(root.Get("resources")) {
		byID[str(r, "_id")] = r
	}
	base, sub := map[string]string{}, map[string]string{}
	for _, r := range elems(root.Get("resources")) {
		if str(r, "_type") != "environment" {
			continue
		}
		parent := byID[str(r, "parentId")]
		if parent != nil && str(parent, "_type") == "environment" {
			if c.opts.EnvName != "" && str(r, "name") == c.opts.EnvName {
				dataVars(r.Get("data"), "", sub)
			}
			continue
		}
		dataVars(r.Get("data"), "", base)
	}
	for _, r := range elems(root.Get("resources")) {
		if str(r, "_type") != "request" {
			continue
		}
		var folders []map[string]string
		for p, seen := byID[str(r, "parentId")], 0; p != nil && str(p, "_type") == "request_group" && seen < 64; p, seen = byID[str(p, "parentId")], seen+1 {
			m := map[string]string{}
			dataVars(p.Get("environment"), "", m)
			folders = append(folders, m)
		}
		c.setEnvs(folders, sub, base)
		c.request(r, "parameters")
	}
}

// v5 reads the Insomnia 11 YAML export.
func (c *reader) v5(root *request.Value) {
	if t := str(root, "type"); !strings.HasPrefix(t, "collection.insomnia.rest/5") {
		c.notExport(root)
		return
	}
	base, sub := map[string]string{}, map[string]string{}
	env := root.Get("environments")
	dataVars(env.Get("data"), "", base)
	for _, s := range elems(env.Get("subEnvironments")) {
		if c.opts.EnvName != "" && str(s, "name") == c.opts.EnvName {
			dataVars(s.Get("data"), "", sub)
		}
	}
	var walk func(items []*request.Value, folders []map[string]string, depth int)
	walk = func(items []*request.Value, folders []map[string]string, depth int) {
		for _, it := range items {
			if ch := it.Get("children"); ch != nil && depth < 64 {
				m := map[string]string{}
				dataVars(it.Get("environment"), "", m)
				walk(elems(ch), append([]map[string]string{m}, folders...), depth+1)
				continue
			}
			if it.Get("url") != nil {
				c.setEnvs(folders, sub, base)
				c.request(it, "parameters")
			}
		}
	}
	walk(elems(root.Get("collection")), nil, 0)
}

// request reads one request object (the same shape in v4 and v5).
func (c *reader) request(v *request.Value, paramsKey string) {
	index := c.n
	c.n++
	f := c.f
	r := srctext.NewRequest(index, v.Pointer, v.Span)
	if m := v.Get("method"); m != nil && m.Kind == request.String {
		srctext.SetMethod(f, r, c.text(m))
	} else {
		r.Method, r.MethodKnown, r.MethodSpan = "GET", true, request.Span{Start: v.Span.Start, End: v.Span.Start}
	}
	u := v.Get("url")
	if u == nil || u.Kind != request.String {
		c.doc.Problems = append(c.doc.Problems, request.Problem{Rule: request.RuleNotARequest, Message: `Insomnia request has no "url" string`,
			Span: v.Span, Pointer: v.Pointer, Request: index})
		return
	}
	srctext.SetURL(f, r, c.text(u), u.Pointer)
	if !srctext.IsStackOne(r) {
		c.doc.Skipped++
		return
	}
	for _, p := range elems(v.Get(paramsKey)) {
		if disabled(p) || p.Get("name") == nil {
			continue
		}
		srctext.AddQuery(f, r, c.text(p.Get("name")), c.text(p.Get("value")), false, p.Pointer)
	}
	for _, h := range elems(v.Get("headers")) {
		if disabled(h) || h.Get("name") == nil {
			continue
		}
		srctext.AddHeader(f, r, c.text(h.Get("name")), c.text(h.Get("value")), h.Pointer+"/value")
	}
	c.auth(r, v.Get("authentication"))
	if b := v.Get("body"); b != nil && b.Kind == request.Object {
		mime := strings.ToLower(str(b, "mimeType"))
		text := b.Get("text")
		switch {
		case text != nil && text.Kind == request.String && text.Str != "":
			if m := b.Member("text"); m != nil {
				r.BodyKeySpan = m.KeySpan
			}
			body, p := srctext.JSONBody(f, c.text(text), text.Pointer, strings.Contains(mime, "json"), index)
			r.Body = body
			if p != nil {
				c.doc.Problems = append(c.doc.Problems, *p)
			}
		case b.Get("params") != nil || b.Get("fileName") != nil:
			r.Body = &request.Value{Kind: request.Unknown, Span: b.Span, Pointer: b.Pointer}
		}
	}
	c.doc.Requests = append(c.doc.Requests, r)
}

func (c *reader) auth(r *request.Request, a *request.Value) {
	if a == nil || a.Kind != request.Object || disabled(a) {
		return
	}
	name := func(v *request.Value) srctext.Text {
		var n srctext.Text
		n.Var("Authorization", v.Span.Start.Offset, v.Span.Start.Offset)
		return n
	}
	switch str(a, "type") {
	case "basic":
		user, pass := a.Get("username"), a.Get("password")
		if user == nil {
			return
		}
		srctext.SetHeader(c.f, r, name(user), srctext.BasicAuth(c.text(user), c.text(pass)), user.Pointer)
	case "bearer":
		tok := a.Get("token")
		if tok == nil {
			return
		}
		prefix := "Bearer"
		if p := str(a, "prefix"); p != "" {
			prefix = p
		}
		srctext.SetHeader(c.f, r, name(tok), srctext.Prefixed(prefix+" ", c.text(tok)), tok.Pointer)
	case "apikey":
		key, val := a.Get("key"), a.Get("value")
		if key == nil {
			return
		}
		if str(a, "addTo") == "queryParams" {
			srctext.AddQuery(c.f, r, c.text(key), c.text(val), false, key.Pointer)
			return
		}
		srctext.SetHeader(c.f, r, c.text(key), c.text(val), key.Pointer)
	case "", "none":
	default:
		srctext.UnknownHeader(r, "Authorization", a.Span, a.Pointer)
	}
}
