// Package bruno reads Bruno request files (.bru) with positions in the
// file.
//
// A .bru file is a list of blocks: "get {…}" (or post, put…) holds the url,
// body and auth modes; "params:path", "headers", "auth:basic",
// "auth:bearer", "body:json", "vars:pre-request" and the scripts hold the
// rest. A key written "~key" is disabled and not sent. {{name}} takes its
// value from the request's vars:pre-request, the environment (--env, or
// environments/NAME.bru of the collection found by its bruno.json; without
// a name, the values every environment agrees on) and the collection's own
// variables. A variable or header a script may set (bru.setVar,
// req.setHeader…) is unknown, as is {{process.env.X}}.
//
// Each file holds one request; pointers are those of the equivalent
// request document: "" for the request, "/url", "/headers/x-account-id",
// "/body/…".
package bruno

import (
	"path"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/internal/srctext"
)

// Options configure Read; see srctext.Options. ReadFile and ReadDir, when
// set, find the collection root (bruno.json) above Dir, its
// collection.bru and environments/*.bru.
type Options = srctext.Options

// IsPath reports whether a file name is a .bru file.
func IsPath(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".bru") }

// IsRequestPath reports whether a .bru file holds a request: not the
// collection's or a folder's settings (collection.bru, folder.bru) nor an
// environment (environments/*.bru).
func IsRequestPath(name string) bool {
	name = strings.ReplaceAll(name, "\\", "/")
	base := path.Base(name)
	return IsPath(name) && base != "collection.bru" && base != "folder.bru" &&
		path.Base(path.Dir(name)) != "environments"
}

// Block is one block of a .bru file.
type Block struct {
	Name     string
	From, To int // the whole block, name to closing brace
	BodyFrom int // first byte after the opening line
	BodyTo   int // first byte of the closing line
	Pairs    []Pair
	NameFrom int
}

// Pair is one "key: value" line of a dictionary block.
type Pair struct {
	Key            string
	Disabled       bool
	KeyFrom, KeyTo int
	ValFrom, ValTo int
	Value          string
	hasColon       bool
}

// Parse splits a .bru file into blocks. A block never closed, or a line
// outside any block, is an input/syntax problem.
func Parse(f *srctext.File) ([]*Block, []request.Problem) {
	var blocks []*Block
	var probs []request.Problem
	data := f.Data
	var cur *Block
	for off := 0; off < len(data); {
		end := indexNL(data, off)
		next := len(data)
		if end < len(data) {
			next = end + 1
		}
		e := end
		if e > off && data[e-1] == '\r' {
			e--
		}
		line := string(data[off:e])
		switch {
		case cur == nil:
			t := strings.TrimSpace(line)
			if t == "" {
				break
			}
			if strings.HasSuffix(t, "{") || strings.HasSuffix(t, "[") {
				name := strings.TrimSpace(t[:len(t)-1])
				cur = &Block{Name: name, From: off, NameFrom: off + strings.Index(line, name), BodyFrom: next}
				break
			}
			probs = append(probs, f.Problem(request.RuleSyntax, "expected a block (name {) in a .bru file", off, e, "", 0))
		case len(line) > 1 && line[0] != ' ' && line[0] != '\t' && (strings.HasSuffix(strings.TrimSpace(line), "{") || strings.HasSuffix(strings.TrimSpace(line), "[")):
			// A block's content is indented: an unindented "name {" starts
			// the next block, so this one was never closed.
			probs = append(probs, f.Problem(request.RuleSyntax, "block "+quote(cur.Name)+" is never closed (no '}' line before the next block)", off, off, "", 0))
			t := strings.TrimSpace(line)
			name := strings.TrimSpace(t[:len(t)-1])
			cur = &Block{Name: name, From: off, NameFrom: off + strings.Index(line, name), BodyFrom: next}
		case line == "}" || line == "]" || strings.TrimRight(line, " \t") == "}" || strings.TrimRight(line, " \t") == "]":
			cur.BodyTo, cur.To = off, e
			cur.Pairs = pairs(f, cur.BodyFrom, cur.BodyTo)
			blocks = append(blocks, cur)
			cur = nil
		}
		off = next
	}
	if cur != nil {
		probs = append(probs, f.Problem(request.RuleSyntax, "block "+quote(cur.Name)+" is never closed (no '}' line)", cur.NameFrom, cur.NameFrom+len(cur.Name), "", 0))
	}
	return blocks, probs
}

func indexNL(data []byte, off int) int {
	for i := off; i < len(data); i++ {
		if data[i] == '\n' {
			return i
		}
	}
	return len(data)
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return `"` + s + `"`
}

// pairs reads the "key: value" lines of a block body.
func pairs(f *srctext.File, from, to int) []Pair {
	var out []Pair
	for off := from; off < to; {
		end := indexNL(f.Data[:to], off)
		next := end + 1
		e := end
		if e > off && f.Data[e-1] == '\r' {
			e--
		}
		line := string(f.Data[off:e])
		t := strings.TrimSpace(line)
		if t != "" {
			lead := off + strings.Index(line, t)
			p := Pair{KeyFrom: lead}
			k := t
			if c := strings.IndexByte(t, ':'); c >= 0 {
				k = t[:c]
				p.hasColon = true
				v := t[c+1:]
				vt := strings.TrimSpace(v)
				p.ValFrom = lead + c + 1 + strings.Index(v, vt)
				if vt == "" {
					p.ValFrom = lead + c + 1
				}
				p.ValTo, p.Value = p.ValFrom+len(vt), vt
			}
			k = strings.TrimSpace(k)
			if strings.HasPrefix(k, "~") {
				p.Disabled = true
				k = k[1:]
				p.KeyFrom++
			}
			p.Key, p.KeyTo = k, p.KeyFrom+len(k)
			if !p.hasColon {
				p.ValFrom, p.ValTo = p.KeyTo, p.KeyTo
			}
			out = append(out, p)
		}
		off = next
	}
	return out
}

var methods = map[string]string{"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
	"head": "HEAD", "options": "OPTIONS", "trace": "TRACE", "connect": "CONNECT"}

// The script patterns are compiled on first use, not at start-up (issue 12).
var (
	setVar    = srctext.LazyRegexp(`bru\s*\.\s*(?:setVar|setEnvVar|setGlobalEnvVar|setNextRequestVar)\s*\(\s*(?:'([^']*)'|"([^"]*)"|` + "`([^`$]*)`" + `|())`)
	setHeader = srctext.LazyRegexp(`req\s*\.\s*setHeader\s*\(\s*(?:'([^']*)'|"([^"]*)"|())`)
)

// Read reads a .bru request file.
func Read(data []byte, opts Options) *request.Document {
	f := srctext.NewFile(data)
	doc := &request.Document{}
	blocks, probs := Parse(f)
	doc.Problems = probs
	get := func(name string) *Block {
		for _, b := range blocks {
			if b.Name == name {
				return b
			}
		}
		return nil
	}
	var mb *Block
	for _, b := range blocks {
		if _, ok := methods[b.Name]; ok {
			mb = b
			break
		}
	}
	if mb == nil {
		if len(probs) == 0 {
			at := 0
			doc.Problems = append(doc.Problems, f.Problem(request.RuleNotARequest,
				"expected a Bruno request (a get, post, put, patch or delete block)", at, at, "", 0))
		}
		return doc
	}
	field := func(b *Block, key string) *Pair {
		if b == nil {
			return nil
		}
		for i := range b.Pairs {
			if b.Pairs[i].Key == key && !b.Pairs[i].Disabled {
				return &b.Pairs[i]
			}
		}
		return nil
	}

	coll := collection(opts)
	// Variables a script may set are unknown.
	scriptVars := map[string]bool{}
	allUnknown := false
	var headersSet []string
	headersTouched := false
	scripts := append([]string{string(data)}, coll.scripts...)
	for _, s := range scripts {
		for _, m := range setVar().FindAllStringSubmatch(s, -1) {
			n := strings.Join(m[1:], "")
			if n == "" {
				allUnknown = true
			}
			scriptVars[n] = true
		}
		for _, m := range setHeader().FindAllStringSubmatch(s, -1) {
			if n := strings.Join(m[1:], ""); n != "" {
				headersSet = append(headersSet, n)
			} else {
				headersTouched = true
			}
		}
		if strings.Contains(s, "req.setHeaders") || strings.Contains(s, "req.deleteHeader") {
			headersTouched = true
		}
	}
	reqVars := map[string]string{}
	if b := get("vars:pre-request"); b != nil {
		for _, p := range b.Pairs {
			if !p.Disabled {
				reqVars[p.Key] = p.Value
			}
		}
	}
	vars := srctext.Lookup(reqVars, opts.Vars, coll.env, coll.vars)
	lookup := func(name string) (string, bool) {
		if allUnknown || scriptVars[name] {
			return "", false
		}
		return vars(name)
	}
	expand := func(t srctext.Text) srctext.Text { return srctext.Expand(t, srctext.Mustache, lookup) }
	val := func(p *Pair) srctext.Text {
		return expand(srctext.FromSource(f, p.ValFrom, p.ValTo))
	}

	r := srctext.NewRequest(0, "", f.Span(mb.From, mb.To))
	var mt srctext.Text
	mt.Var(methods[mb.Name], mb.NameFrom, mb.NameFrom+len(mb.Name))
	srctext.SetMethod(f, r, mt)
	up := field(mb, "url")
	if up == nil {
		doc.Problems = append(doc.Problems, f.Problem(request.RuleNotARequest, "Bruno request has no url", mb.NameFrom, mb.NameFrom+len(mb.Name), "", 0))
		return doc
	}
	u := val(up)
	// :name path parameters take their params:path value; an empty one is
	// sent as ":name".
	if pb := get("params:path"); pb != nil {
		u = pathParams(f, u, pb, expand)
	}
	srctext.SetURL(f, r, u, "/url")
	if !srctext.IsStackOne(r) {
		doc.Skipped++
		return doc
	}
	if hb := get("headers"); hb != nil {
		for _, p := range hb.Pairs {
			if p.Disabled {
				continue
			}
			srctext.AddHeader(f, r, srctext.FromSource(f, p.KeyFrom, p.KeyTo), val(&p), "/headers/"+request.PointerToken(p.Key))
		}
	}
	authMode := "none"
	if p := field(mb, "auth"); p != nil {
		authMode = p.Value
	}
	authBlock := func(name string) *Block { return get(name) }
	if authMode == "inherit" {
		authMode, authBlock = coll.authMode, func(string) *Block { return nil }
	}
	switch authMode {
	case "basic":
		if b := authBlock("auth:basic"); b != nil {
			user, pass := field(b, "username"), field(b, "password")
			if user != nil {
				var name srctext.Text
				name.Var("Authorization", user.KeyFrom, user.KeyFrom)
				pt := srctext.Text{}
				if pass != nil {
					pt = val(pass)
				}
				srctext.SetHeader(f, r, name, srctext.BasicAuth(val(user), pt), "/headers/Authorization")
			}
		} else {
			srctext.UnknownHeader(r, "Authorization", r.Span, "/headers/Authorization")
		}
	case "bearer":
		if b := authBlock("auth:bearer"); b != nil {
			if tok := field(b, "token"); tok != nil {
				var name srctext.Text
				name.Var("Authorization", tok.KeyFrom, tok.KeyFrom)
				srctext.SetHeader(f, r, name, srctext.Prefixed("Bearer ", val(tok)), "/headers/Authorization")
			}
		} else {
			srctext.UnknownHeader(r, "Authorization", r.Span, "/headers/Authorization")
		}
	case "none", "":
	default:
		srctext.UnknownHeader(r, "Authorization", r.Span, "/headers/Authorization")
	}
	for _, h := range headersSet {
		srctext.UnknownHeader(r, h, r.Span, "/headers/"+request.PointerToken(h))
	}
	if headersTouched {
		r.HeadersComplete = false
	}
	bodyMode := "none"
	if p := field(mb, "body"); p != nil {
		bodyMode = p.Value
	}
	switch bodyMode {
	case "json":
		if b := get("body:json"); b != nil {
			r.BodyKeySpan = f.Span(b.NameFrom, b.NameFrom+len(b.Name))
			body, p := srctext.JSONBody(f, expand(srctext.FromSource(f, b.BodyFrom, b.BodyTo)), "/body", true, 0)
			r.Body = body
			if p != nil {
				doc.Problems = append(doc.Problems, *p)
			}
		}
	case "none", "":
	default:
		r.Body = &request.Value{Kind: request.Unknown, Span: f.Span(mb.From, mb.To), Pointer: "/body"}
	}
	if strings.Contains(string(data), "req.setBody") && r.Body != nil {
		r.Body = &request.Value{Kind: request.Unknown, Span: r.Body.Span, Pointer: "/body"}
	}
	if strings.Contains(string(data), "req.setMethod") {
		r.MethodKnown = false
	}
	if strings.Contains(string(data), "req.setUrl") {
		r.QueryComplete = false
	}
	doc.Requests = append(doc.Requests, r)
	return doc
}

func pathParams(f *srctext.File, u srctext.Text, pb *Block, expand func(srctext.Text) srctext.Text) srctext.Text {
	values := map[string]srctext.Text{}
	for _, p := range pb.Pairs {
		if !p.Disabled && p.Value != "" {
			values[p.Key] = expand(srctext.FromSource(f, p.ValFrom, p.ValTo))
		}
	}
	return srctext.PathVars(u, func(name string) (srctext.Text, bool) {
		v, ok := values[name]
		return v, ok
	})
}

// coll is what a request file takes from its collection.
type coll struct {
	env, vars map[string]string
	authMode  string
	scripts   []string
}

// collection finds the collection root (the nearest directory above Dir
// with a bruno.json) and reads its environments and collection.bru.
func collection(opts Options) coll {
	c := coll{env: map[string]string{}, vars: map[string]string{}, authMode: "none"}
	if opts.ReadFile == nil {
		return c
	}
	root := ""
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	for range 16 {
		if _, err := opts.ReadFile(path.Join(dir, "bruno.json")); err == nil {
			root = dir
			break
		}
		parent := path.Dir(dir)
		if parent == dir || dir == "." && parent == "." {
			if dir == "." {
				dir = ".."
				continue
			}
			break
		}
		dir = parent
	}
	if root == "" {
		return c
	}
	if data, err := opts.ReadFile(path.Join(root, "collection.bru")); err == nil {
		f := srctext.NewFile(data)
		blocks, _ := Parse(f)
		for _, b := range blocks {
			switch b.Name {
			case "vars:pre-request":
				for _, p := range b.Pairs {
					if !p.Disabled {
						c.vars[p.Key] = p.Value
					}
				}
			case "auth":
				for _, p := range b.Pairs {
					if p.Key == "mode" {
						c.authMode = p.Value
					}
				}
			}
			if strings.HasPrefix(b.Name, "script:") {
				c.scripts = append(c.scripts, string(data[b.BodyFrom:b.BodyTo]))
			}
		}
		// A collection's auth values live in collection.bru, another file:
		// the header is there, its value unknown here.
		if c.authMode != "none" && c.authMode != "" {
			c.authMode = "other"
		}
	}
	envDir := path.Join(root, "environments")
	if opts.EnvName != "" {
		if data, err := opts.ReadFile(path.Join(envDir, opts.EnvName+".bru")); err == nil {
			c.env = EnvVars(data)
		}
		return c
	}
	if opts.ReadDir == nil {
		return c
	}
	names, _ := opts.ReadDir(envDir)
	var envs []map[string]string
	for _, n := range names {
		if IsPath(n) {
			if data, err := opts.ReadFile(path.Join(envDir, n)); err == nil {
				envs = append(envs, EnvVars(data))
			}
		}
	}
	// Without a chosen environment: the values they all agree on.
	if len(envs) > 0 {
		for k, v := range envs[0] {
			same := true
			for _, e := range envs[1:] {
				if e[k] != v {
					same = false
				}
			}
			if same {
				c.env[k] = v
			}
		}
	}
	return c
}

// EnvVars reads the vars block of a Bruno environment file. Secrets
// (vars:secret) have no value in the file and stay unknown.
func EnvVars(data []byte) map[string]string {
	f := srctext.NewFile(data)
	blocks, _ := Parse(f)
	out := map[string]string{}
	for _, b := range blocks {
		if b.Name != "vars" {
			continue
		}
		for _, p := range b.Pairs {
			if !p.Disabled {
				out[p.Key] = p.Value
			}
		}
	}
	return out
}
