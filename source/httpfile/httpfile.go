// Package httpfile reads the requests of .http and .rest files, in the
// syntax VS Code REST Client, JetBrains HTTP Client and httpyac share, with
// positions in the file.
//
// Requests are separated by lines starting with "###". A request is its
// request line ("METHOD URL [HTTP/x]", or a URL alone for GET), query
// continuation lines ("    ?a=1", "    &b=2"), header lines up to the first
// blank line, and a body after it (or "< ./file" naming the body's file).
// Lines starting with "#" or "//" are comments ("# @name x" names a
// request). File variables ("@name = value"), the environment (--env, or
// http-client.env.json beside the file) fill {{name}}; system variables
// ({{$guid}}, {{$processEnv X}}, {{$dotenv X}}…), request variables and
// anything unresolved are unknown. As the clients do, an Authorization
// "Basic user:password" (or "Basic user password") is sent base64-encoded.
//
// Pointers are those of the equivalent request document (an array): "/2"
// for the third request, "/2/url", "/2/headers/x-account-id", "/2/body/…".
package httpfile

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/internal/srctext"
)

// Options configure Read; see srctext.Options. ReadFile, when set, reads
// "< file" bodies and http-client.env.json (and its .private variant) from
// Dir.
type Options = srctext.Options

// IsPath reports whether a file name is a .http or .rest file.
func IsPath(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".http") || strings.HasSuffix(n, ".rest")
}

// Read reads a .http file.
func Read(data []byte, opts Options) *request.Document {
	f := srctext.NewFile(data)
	doc := &request.Document{}
	Region(f, 0, len(data), opts, doc)
	return doc
}

// Region reads the requests in bytes [from, to) of f (a fenced http block
// of a Markdown file) into doc, numbering them after those doc holds.
func Region(f *srctext.File, from, to int, opts Options, doc *request.Document) {
	p := &parser{f: f, opts: opts, doc: doc, fileVars: map[string]string{}}
	p.env = envVars(opts)
	p.read(from, to)
}

// varLine is compiled on first use, not at start-up.
var varLine = srctext.LazyRegexp(`^@([A-Za-z_][\w.-]*)\s*=\s?(.*)$`)

type parser struct {
	f        *srctext.File
	opts     Options
	doc      *request.Document
	fileVars map[string]string
	env      map[string]string
}

type line struct {
	from, to int // without the line break
	text     string
}

func (p *parser) lines(from, to int) []line {
	var out []line
	for off := from; off < to; {
		end := bytes.IndexByte(p.f.Data[off:to], '\n')
		next := to
		if end < 0 {
			end = to
		} else {
			end += off
			next = end + 1
		}
		e := end
		if e > off && p.f.Data[e-1] == '\r' {
			e--
		}
		out = append(out, line{from: off, to: e, text: string(p.f.Data[off:e])})
		off = next
	}
	return out
}

func isComment(s string) bool {
	t := strings.TrimSpace(s)
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//")
}

func (p *parser) read(from, to int) {
	ls := p.lines(from, to)
	// File variables apply to the whole file, wherever they stand.
	for _, l := range ls {
		if m := varLine().FindStringSubmatch(strings.TrimSpace(l.text)); m != nil {
			p.fileVars[m[1]] = strings.TrimSpace(m[2])
		}
	}
	start := 0
	for i := 0; i <= len(ls); i++ {
		if i == len(ls) || strings.HasPrefix(strings.TrimSpace(ls[i].text), "###") {
			p.block(ls[start:i])
			start = i + 1
		}
	}
}

func (p *parser) vars(name string) (string, bool) {
	if v, ok := p.fileVars[name]; ok {
		return v, true
	}
	v, ok := p.env[name]
	return v, ok
}

// syntax is {{name}}: a name with a '$' (system variable), a '.' (request
// variable) or a space (a function) is unknown.
var syntax = srctext.Syntax{Open: "{{", Close: "}}", Name: func(s string) (string, bool) {
	if s == "" || strings.ContainsAny(s, "$. \t()") {
		return "", false
	}
	return s, true
}}

func (p *parser) expand(t srctext.Text) srctext.Text { return srctext.Expand(t, syntax, p.vars) }

var methods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true,
	"OPTIONS": true, "TRACE": true, "CONNECT": true}

// block reads the lines between two separators.
func (p *parser) block(ls []line) {
	i := 0
	for i < len(ls) {
		t := strings.TrimSpace(ls[i].text)
		if t == "" || isComment(t) || varLine().MatchString(t) {
			i++
			continue
		}
		break
	}
	if i == len(ls) {
		return
	}
	reqLine := ls[i]
	index := len(p.doc.Requests) + p.doc.Skipped
	ptr := "/" + strconv.Itoa(index)
	text := strings.TrimSpace(reqLine.text)
	lead := strings.Index(reqLine.text, text)
	method, rest := "GET", text
	mFrom := reqLine.from + lead
	if sp := strings.IndexAny(text, " \t"); sp > 0 && methods[strings.ToUpper(text[:sp])] {
		method, rest = text[:sp], strings.TrimLeft(text[sp:], " \t")
	} else {
		mFrom = -1
	}
	// Drop a trailing " HTTP/1.1".
	if sp := strings.LastIndexAny(rest, " \t"); sp > 0 && strings.HasPrefix(strings.ToUpper(strings.TrimSpace(rest[sp:])), "HTTP/") {
		rest = strings.TrimRight(rest[:sp], " \t")
	}
	uFrom := reqLine.from + strings.Index(reqLine.text, rest)
	r := srctext.NewRequest(0, ptr, request.Span{})
	if mFrom >= 0 {
		var mt srctext.Text
		mt.Lit(method, mFrom)
		srctext.SetMethod(p.f, r, mt)
	} else {
		r.Method, r.MethodKnown, r.MethodSpan = "GET", true, p.f.Span(uFrom, uFrom)
	}
	url := srctext.FromSource(p.f, uFrom, uFrom+len(rest))
	i++
	// Query continuation lines.
	for i < len(ls) {
		t := strings.TrimSpace(ls[i].text)
		if t == "" || !(strings.HasPrefix(t, "?") || strings.HasPrefix(t, "&")) || ls[i].text[0] != ' ' && ls[i].text[0] != '\t' {
			break
		}
		off := ls[i].from + strings.Index(ls[i].text, t)
		url.Append(srctext.FromSource(p.f, off, off+len(t)))
		i++
	}
	url = p.expand(url)
	srctext.SetURL(p.f, r, url, ptr+"/url")
	end := reqLine.to
	if !srctext.IsStackOne(r) {
		p.doc.Skipped++
		return
	}
	// Headers up to the first blank line.
	for ; i < len(ls); i++ {
		l := ls[i]
		t := strings.TrimSpace(l.text)
		if t == "" {
			i++
			break
		}
		if isComment(t) {
			continue
		}
		end = l.to
		colon := strings.IndexByte(l.text, ':')
		if colon <= 0 {
			p.doc.Problems = append(p.doc.Problems, p.f.Problem(request.RuleSyntax,
				"header line without ':' (expected Name: value, or a blank line before the body)", l.from, l.to, ptr, index))
			continue
		}
		name := srctext.FromSource(p.f, l.from, l.from+colon).TrimSpace()
		val := p.expand(srctext.FromSource(p.f, l.from+colon+1, l.to).TrimSpace())
		hptr := ptr + "/headers/" + request.PointerToken(name.String())
		if strings.EqualFold(name.String(), "authorization") {
			val = basic(val)
		}
		srctext.AddHeader(p.f, r, name, val, hptr)
	}
	// The body: the rest, without trailing blank lines and comments.
	j := len(ls)
	for j > i && (strings.TrimSpace(ls[j-1].text) == "" || isComment(ls[j-1].text)) {
		j--
	}
	if j > i {
		from, to := ls[i].from, ls[j-1].to
		end = to
		r.BodyKeySpan = p.f.Span(from, from)
		p.body(r, from, to, ptr, index)
	}
	r.Index = index
	r.Span = p.f.Span(reqLine.from, end)
	p.doc.Requests = append(p.doc.Requests, r)
}

// basic encodes "Basic user:password" and "Basic user password" as the
// clients do; an already encoded value is kept.
func basic(v srctext.Text) srctext.Text {
	s := v.String()
	if len(s) < 6 || !strings.EqualFold(s[:6], "basic ") {
		return v
	}
	cred := v.Slice(6, v.Len()).TrimSpace()
	cs := cred.String()
	sep := strings.IndexAny(cs, ": ")
	if sep < 0 {
		return v
	}
	if cs[sep] == ' ' {
		return srctext.BasicAuth(cred.Slice(0, sep).TrimSpace(), cred.Slice(sep+1, cred.Len()).TrimSpace())
	}
	return srctext.BasicAuth(cred.Slice(0, sep), cred.Slice(sep+1, cred.Len()))
}

func (p *parser) body(r *request.Request, from, to int, ptr string, index int) {
	bptr := ptr + "/body"
	t := srctext.FromSource(p.f, from, to)
	strict := false
	if h := r.Header("content-type"); h != nil {
		s, _ := h.Value.StringValue()
		strict = strings.Contains(strings.ToLower(s), "json")
	}
	first := strings.TrimSpace(t.String())
	if strings.HasPrefix(first, "<") && !strings.Contains(first, "\n") {
		// "< ./body.json" (REST Client, JetBrains), "<@ ./body.json"
		// (variables processed).
		name := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(first, "<"), "@"))
		data, ok := p.opts.Read(name)
		if !ok {
			r.Body = &request.Value{Kind: request.Unknown, Span: p.f.Span(from, to), Pointer: bptr}
			return
		}
		// The file's values are reported at the "< file" line.
		var ft srctext.Text
		ft.Var(string(data), from, to)
		if strings.HasPrefix(first, "<@") {
			ft = p.expand(ft)
		}
		r.Body, _ = srctext.JSONBody(p.f, ft, bptr, false, index)
		return
	}
	body, prob := srctext.JSONBody(p.f, p.expand(t), bptr, strict, index)
	r.Body = body
	if prob != nil {
		p.doc.Problems = append(p.doc.Problems, *prob)
	}
}

// envVars returns the environment: --env variables, over those of
// http-client.env.json and http-client.private.env.json beside the file
// (the environment named by EnvName, or the values every environment
// agrees on).
func envVars(opts Options) map[string]string {
	out := map[string]string{}
	for _, name := range []string{"http-client.env.json", "http-client.private.env.json"} {
		data, ok := opts.Read(name)
		if !ok {
			continue
		}
		for k, v := range JetBrainsEnv(data, opts.EnvName) {
			out[k] = v
		}
	}
	for k, v := range opts.Vars {
		out[k] = v
	}
	return out
}

// JetBrainsEnv reads an http-client.env.json file: {"env": {"name": value}}.
// With name "", it returns the variables whose value is the same in every
// environment (the others depend on the environment chosen at run time).
func JetBrainsEnv(data []byte, name string) map[string]string {
	var envs map[string]map[string]any
	if json.Unmarshal(data, &envs) != nil {
		return nil
	}
	str := func(v any) (string, bool) {
		switch x := v.(type) {
		case string:
			return x, true
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64), true
		case bool:
			return strconv.FormatBool(x), true
		}
		return "", false
	}
	out := map[string]string{}
	if name != "" {
		for k, v := range envs[name] {
			if s, ok := str(v); ok {
				out[k] = s
			}
		}
		return out
	}
	differ := map[string]bool{}
	n := 0
	for env, vars := range envs {
		if strings.HasPrefix(env, "$") { // $shared and the like: always there
			continue
		}
		n++
		for k, v := range vars {
			s, ok := str(v)
			if prev, seen := out[k]; !ok || seen && prev != s {
				differ[k] = true
			}
			out[k] = s
		}
	}
	for k := range out {
		c := 0
		for env, vars := range envs {
			if _, ok := vars[k]; ok && !strings.HasPrefix(env, "$") {
				c++
			}
		}
		if differ[k] || c != n {
			delete(out, k)
		}
	}
	for k, v := range envs["$shared"] {
		if s, ok := str(v); ok {
			if _, set := out[k]; !set {
				out[k] = s
			}
		}
	}
	return out
}
