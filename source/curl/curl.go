// Package curl reads the curl calls of shell scripts and of the shell
// blocks of Markdown files as requests, with positions in the file.
//
// Scripts are parsed with mvdan.cc/sh/v3 (a real shell parser: quoting,
// line continuations, here-documents and variables are the shell's, not a
// guess). A variable assigned a literal earlier in the script is followed;
// anything else (the environment, $(command), ${x:-y}…) is unknown. Only
// calls to StackOne's API are requests; the others are counted as skipped.
//
// Pointers are those of the equivalent request document (an array): "/2"
// for the third curl call, "/2/url", "/2/headers/x-account-id",
// "/2/body/…".
package curl

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/internal/srctext"
)

// Options configure Read; see srctext.Options. ReadFile, when set, reads
// "-d @file" bodies relative to Dir. Vars are not used: a shell script's
// variables come from the script or the environment (unknown).
type Options = srctext.Options

// IsScriptPath reports whether a file name is a shell script by extension.
func IsScriptPath(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".sh") || strings.HasSuffix(n, ".bash")
}

// SniffScript reports whether a file starts with a shell shebang
// (#!/bin/sh, #!/usr/bin/env bash…).
func SniffScript(head []byte) bool {
	if !bytes.HasPrefix(head, []byte("#!")) {
		return false
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	fields := strings.Fields(strings.TrimPrefix(string(first), "#!"))
	if len(fields) == 0 {
		return false
	}
	prog := fields[0]
	if strings.HasSuffix(prog, "/env") && len(fields) > 1 {
		prog = fields[1]
		if prog == "-S" && len(fields) > 2 {
			prog = fields[2]
		}
	}
	prog = prog[strings.LastIndexByte(prog, '/')+1:]
	switch prog {
	case "sh", "bash", "dash", "ksh", "zsh", "ash":
		return true
	}
	return false
}

// MayHold reports whether a script can hold a StackOne call at all (it
// names curl and stackone), a cheap test before parsing.
func MayHold(data []byte) bool {
	return bytes.Contains(data, []byte("curl")) && (bytes.Contains(bytes.ToLower(data), []byte("stackone")) || bytes.Contains(data, []byte("/unified/")))
}

// Read reads a shell script.
func Read(data []byte, opts Options) *request.Document {
	f := srctext.NewFile(data)
	doc := &request.Document{}
	Region(f, 0, len(data), false, opts, doc)
	return doc
}

// Region reads the script in bytes [from, to) of f into doc, numbering its
// requests after those doc holds. A console block (console true, or a block
// whose commands start with "$ ") holds prompts and output: only the
// commands after "$ " are read.
func Region(f *srctext.File, from, to int, console bool, opts Options, doc *request.Document) {
	src := make([]byte, to-from)
	copy(src, f.Data[from:to])
	if console || promptBlock(src) {
		src = commandsOnly(src)
	}
	p := &reader{f: f, base: from, opts: opts, doc: doc, vars: map[string]*srctext.Text{}}
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(bytes.NewReader(src), "")
	if err != nil {
		var pe syntax.ParseError
		off := to
		msg := err.Error()
		if errors.As(err, &pe) {
			off = from + int(pe.Pos.Offset())
			msg = pe.Text
		}
		doc.Problems = append(doc.Problems, f.Problem(request.RuleSyntax, "shell syntax: "+msg, off, off, "", 0))
		return
	}
	for _, st := range file.Stmts {
		p.stmt(st)
	}
}

// promptBlock reports whether every command line of a block starts with a
// "$ " prompt.
func promptBlock(b []byte) bool {
	saw := false
	for _, l := range bytes.Split(b, []byte("\n")) {
		t := bytes.TrimSpace(l)
		if len(t) == 0 {
			continue
		}
		if !bytes.HasPrefix(t, []byte("$ ")) {
			return false
		}
		saw = true
		break
	}
	return saw
}

// commandsOnly blanks everything of a console block but its commands: the
// "$ " prompts and output lines become spaces, so offsets stay those of
// the file. A command continues on the next line after a trailing '\', and
// into a here-document.
func commandsOnly(b []byte) []byte {
	out := bytes.Clone(b)
	lines := bytes.SplitAfter(out, []byte("\n"))
	inCmd := false
	hdoc := ""
	for _, l := range lines {
		t := bytes.TrimRight(l, "\r\n")
		switch {
		case hdoc != "":
			if strings.TrimSpace(string(t)) == hdoc {
				hdoc = ""
			}
			continue
		case inCmd:
		case bytes.HasPrefix(bytes.TrimLeft(t, " \t"), []byte("$ ")):
			i := bytes.IndexByte(l, '$')
			l[i] = ' '
		default:
			for i := range t {
				t[i] = ' '
			}
			continue
		}
		inCmd = bytes.HasSuffix(t, []byte("\\"))
		if i := bytes.Index(t, []byte("<<")); i >= 0 {
			d := strings.TrimLeft(string(t[i+2:]), "-~ ")
			d = strings.Trim(strings.Fields(d + " x")[0], `'"`)
			if d != "x" && d != "" {
				hdoc = d
			}
		}
	}
	return out
}

type reader struct {
	f    *srctext.File
	base int
	opts Options
	doc  *request.Document
	vars map[string]*srctext.Text // nil value: assigned, unknown
}

func (p *reader) off(pos syntax.Pos) int { return p.base + int(pos.Offset()) }

// stmt walks a statement in source order: assignments are recorded, curl
// calls read.
func (p *reader) stmt(st *syntax.Stmt) {
	syntax.Walk(st, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Stmt:
			if call, ok := n.Cmd.(*syntax.CallExpr); ok {
				p.call(n, call)
			}
		case *syntax.DeclClause: // export X=…, local X=…
			for _, a := range n.Args {
				p.assign(a)
			}
		case *syntax.FuncDecl:
			p.stmt(n.Body)
			return false
		}
		return true
	})
}

func (p *reader) assign(a *syntax.Assign) {
	if a.Name == nil {
		return
	}
	if a.Value == nil || a.Append || a.Array != nil || a.Index != nil {
		if a.Value == nil && a.Naked {
			return // export X: keeps its value
		}
		p.vars[a.Name.Value] = nil
		return
	}
	t := p.word(a.Value)
	p.vars[a.Name.Value] = &t
}

func (p *reader) call(st *syntax.Stmt, c *syntax.CallExpr) {
	if len(c.Args) == 0 {
		for _, a := range c.Assigns {
			p.assign(a)
		}
		return
	}
	name := c.Args[0].Lit()
	if name != "curl" && !strings.HasSuffix(name, "/curl") {
		return
	}
	p.curl(st, c)
}

// word is the text a word expands to (no field splitting or globbing: a
// curl argument is quoted in practice).
func (p *reader) word(w *syntax.Word) srctext.Text {
	var t srctext.Text
	for _, part := range w.Parts {
		p.part(&t, part, false)
	}
	return t
}

func (p *reader) part(t *srctext.Text, part syntax.WordPart, quoted bool) {
	switch x := part.(type) {
	case *syntax.Lit:
		p.lit(t, x.Value, p.off(x.Pos()), quoted)
	case *syntax.SglQuoted:
		if x.Dollar {
			t.Unknown(p.off(x.Pos()), p.off(x.End()))
			return
		}
		t.Lit(x.Value, p.off(x.Left)+1)
	case *syntax.DblQuoted:
		for _, q := range x.Parts {
			p.part(t, q, true)
		}
	case *syntax.ParamExp:
		from, to := p.off(x.Pos()), p.off(x.End())
		if x.Param == nil || x.Excl || x.Length || x.Index != nil || x.Slice != nil || x.Repl != nil || x.Exp != nil || x.Modifiers != nil || x.NestedParam != nil {
			t.Unknown(from, to)
			return
		}
		v, ok := p.vars[x.Param.Value]
		if !ok || v == nil {
			t.Unknown(from, to)
			return
		}
		if !v.Known() {
			t.Unknown(from, to)
			return
		}
		t.Var(v.String(), from, to)
	default: // $(…), `…`, $((…)), <(…)
		t.Unknown(p.off(part.Pos()), p.off(part.End()))
	}
}

// lit appends literal shell text, removing the backslashes the shell
// removes (all of them outside quotes; before $ ` " \ and newline inside
// double quotes).
func (p *reader) lit(t *srctext.Text, s string, off int, quoted bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			n := s[i+1]
			if n == '\n' {
				i++
				continue
			}
			if !quoted || strings.IndexByte("$`\"\\", n) >= 0 {
				t.Lit(string(n), off+i+1)
				i++
				continue
			}
		}
		t.Lit(string(c), off+i)
	}
}

// curl options that take an argument (the next word, or the rest of a
// short-option cluster), beyond those read. Made on first use: only a run
// that reads a curl command needs it (issue 12).
var withArg = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"-A": true, "--user-agent": true, "-b": true, "--cookie": true, "-c": true, "--cookie-jar": true,
		"-C": true, "--continue-at": true, "-D": true, "--dump-header": true, "-e": true, "--referer": true,
		"-E": true, "--cert": true, "-F": true, "--form": true, "--form-string": true, "-K": true, "--config": true,
		"-m": true, "--max-time": true, "-o": true, "--output": true, "-r": true, "--range": true,
		"-T": true, "--upload-file": true, "-w": true, "--write-out": true, "-x": true, "--proxy": true,
		"-U": true, "--proxy-user": true, "-y": true, "--speed-time": true, "-Y": true, "--speed-limit": true,
		"-z": true, "--time-cond": true, "-t": true, "--telnet-option": true, "-P": true, "--ftp-port": true,
		"-Q": true, "--quote": true, "--connect-timeout": true, "--retry": true, "--retry-delay": true,
		"--retry-max-time": true, "--cacert": true, "--capath": true, "--key": true, "--key-type": true,
		"--cert-type": true, "--resolve": true, "--connect-to": true, "--max-redirs": true, "--limit-rate": true,
		"--interface": true, "--aws-sigv4": true, "--proto": true, "--proto-redir": true, "--noproxy": true,
		"--trace": true, "--trace-ascii": true, "--output-dir": true, "--variable": true, "--max-filesize": true,
		"--ciphers": true, "--pass": true, "--proxy-header": true, "--unix-socket": true, "--dns-servers": true,
		"--happy-eyeballs-timeout-ms": true, "--keepalive-time": true, "--expect100-timeout": true, "--stderr": true,
		"--etag-save": true, "--etag-compare": true, "--hsts": true, "--alt-svc": true, "--sasl-authzid": true,
		"--login-options": true, "--mail-from": true, "--mail-rcpt": true, "--tls-max": true, "--local-port": true,
		"--socks5": true, "--socks5-hostname": true, "--preproxy": true, "--parallel-max": true, "--retry-all-errors": false,
	}
})

// short options with an argument that curl reads itself.
var shortRead = map[byte]string{'X': "--request", 'H': "--header", 'd': "--data", 'u': "--user", 'G': "", 'I': "", 'g': "", 'F': "--form"}

type call struct {
	urls            []srctext.Text
	method          *srctext.Text
	headers         [][2]srctext.Text // name, value
	hdrFrom         []int
	data            []dataArg
	get, head, glob bool
	user            *srctext.Text
	form            *srctext.Text
	jsonBody        bool
	bearer          *srctext.Text
	query           []srctext.Text
}

type dataArg struct {
	kind string // data, raw, binary, urlencode, json
	val  srctext.Text
}

func (p *reader) curl(st *syntax.Stmt, c *syntax.CallExpr) {
	var k call
	k.glob = true
	words := make([]srctext.Text, len(c.Args))
	for i, a := range c.Args {
		words[i] = p.word(a)
	}
	next := func(i *int) (srctext.Text, bool) {
		if *i+1 >= len(words) {
			return srctext.Text{}, false
		}
		*i++
		return words[*i], true
	}
	endOpts := false
	for i := 1; i < len(words); i++ {
		w := words[i]
		s := w.String()
		if endOpts || !strings.HasPrefix(s, "-") || s == "-" || !w.Slice(0, 1).Known() {
			k.urls = append(k.urls, w)
			continue
		}
		if s == "--" {
			endOpts = true
			continue
		}
		var opt string
		var val srctext.Text
		hasVal := false
		if strings.HasPrefix(s, "--") {
			opt = s
			if needsArg(opt) {
				val, hasVal = next(&i)
				if !hasVal {
					continue
				}
			}
		} else {
			// A cluster of short options: -sSL, -XPOST, -sX POST.
			j := 1
			for ; j < len(s); j++ {
				o := "-" + string(s[j])
				if long, ok := shortRead[s[j]]; ok && long != "" || withArg()[o] {
					opt = o
					if j+1 < len(s) {
						val, hasVal = w.Slice(j+1, w.Len()), true
					} else {
						val, hasVal = next(&i)
					}
					break
				}
				k.flag(o)
			}
			if opt == "" || !hasVal {
				continue
			}
		}
		k.option(opt, val)
	}
	if len(k.urls) == 0 {
		return
	}
	stdin := p.stdin(st)
	for _, u := range k.urls {
		for _, target := range p.glob(u, k.glob, st) {
			p.request(&k, target, stdin, st)
		}
	}
}

func needsArg(opt string) bool {
	switch opt {
	case "--request", "--url", "--header", "--data", "--data-raw", "--data-binary", "--data-ascii",
		"--data-urlencode", "--json", "--user", "--url-query", "--oauth2-bearer":
		return true
	}
	return withArg()[opt]
}

func (k *call) flag(o string) {
	switch o {
	case "-G", "--get":
		k.get = true
	case "-I", "--head":
		k.head = true
	case "-g", "--globoff":
		k.glob = false
	}
}

func (k *call) option(opt string, val srctext.Text) {
	switch opt {
	case "-X", "--request":
		k.method = &val
	case "--url":
		k.urls = append(k.urls, val)
	case "-H", "--header":
		colon := val.Index(':', 0)
		semi := val.Index(';', 0)
		switch {
		case colon > 0:
			k.headers = append(k.headers, [2]srctext.Text{val.Slice(0, colon), val.Slice(colon+1, val.Len())})
		case semi > 0 && semi == val.Len()-1: // "Name;": sent empty
			k.headers = append(k.headers, [2]srctext.Text{val.Slice(0, semi), val.Slice(semi, semi)})
		}
	case "-d", "--data", "--data-ascii":
		k.data = append(k.data, dataArg{"data", val})
	case "--data-raw":
		k.data = append(k.data, dataArg{"raw", val})
	case "--data-binary":
		k.data = append(k.data, dataArg{"binary", val})
	case "--data-urlencode":
		k.data = append(k.data, dataArg{"urlencode", val})
	case "--json":
		k.data = append(k.data, dataArg{"json", val})
		k.jsonBody = true
	case "-u", "--user":
		k.user = &val
	case "-F", "--form", "--form-string":
		k.form = &val
	case "--oauth2-bearer":
		k.bearer = &val
	case "--url-query":
		k.query = append(k.query, val)
	default:
		k.flag(opt)
	}
}

// stdin is the here-document or here-string a statement reads, if any.
func (p *reader) stdin(st *syntax.Stmt) *srctext.Text {
	for _, r := range st.Redirs {
		switch r.Op {
		case syntax.Hdoc, syntax.DashHdoc:
			if r.Hdoc == nil {
				t := srctext.Text{}
				return &t
			}
			var t srctext.Text
			quoted := false
			for _, wp := range r.Word.Parts {
				if _, ok := wp.(*syntax.Lit); !ok {
					quoted = true
				}
			}
			if quoted {
				for _, hp := range r.Hdoc.Parts {
					if l, ok := hp.(*syntax.Lit); ok {
						t.Lit(l.Value, p.off(l.Pos()))
					} else {
						t.Unknown(p.off(hp.Pos()), p.off(hp.End()))
					}
				}
			} else {
				for _, hp := range r.Hdoc.Parts {
					p.part(&t, hp, true)
				}
			}
			return &t
		case syntax.WordHdoc:
			t := p.word(r.Word)
			t.Var("\n", p.off(r.Word.End()), p.off(r.Word.End()))
			return &t
		}
	}
	return nil
}

// glob expands curl's URL globbing ({a,b} sets, [1-3] ranges) unless
// --globoff. A '[' that is no range makes curl refuse the URL (exit 3):
// that is reported, and nothing is sent.
func (p *reader) glob(u srctext.Text, on bool, st *syntax.Stmt) []srctext.Text {
	if !on {
		return []srctext.Text{u}
	}
	out := []srctext.Text{{}}
	for i := 0; i < u.Len(); i++ {
		c, known := u.Byte(i)
		if !known || c != '{' && c != '[' {
			for j := range out {
				out[j].Append(u.Slice(i, i+1))
			}
			continue
		}
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		end := u.Index(closer, i+1)
		var alts []srctext.Text
		if end > 0 && c == '{' {
			alts = u.Slice(i+1, end).Split(',')
		} else if end > 0 {
			alts = rangeGlob(u.Slice(i+1, end))
		}
		if alts == nil {
			from, to := u.Source(i, i+1)
			p.doc.Problems = append(p.doc.Problems, p.f.Problem(request.RuleSyntax,
				"curl reads '"+string(c)+"' in a URL as a glob and refuses this URL (exit 3); add --globoff (-g) or write %5B and %5D",
				from, to, "", len(p.doc.Requests)+p.doc.Skipped))
			return nil
		}
		var next []srctext.Text
		for _, o := range out {
			for _, a := range alts {
				var t srctext.Text
				t.Append(o)
				t.Append(a)
				next = append(next, t)
				if len(next) > 100 {
					break
				}
			}
		}
		out = next
		i = end
	}
	return out
}

// rangeGlob expands [1-3], [a-c], [01-10] and [1-9:2].
func rangeGlob(t srctext.Text) []srctext.Text {
	if !t.Known() {
		return nil
	}
	s := t.String()
	step := 1
	if i := strings.IndexByte(s, ':'); i >= 0 {
		n, err := strconv.Atoi(s[i+1:])
		if err != nil || n < 1 {
			return nil
		}
		step, s = n, s[:i]
	}
	lo, hi, ok := strings.Cut(s, "-")
	if !ok {
		return nil
	}
	from, to := t.Source(0, t.Len())
	var out []srctext.Text
	add := func(v string) {
		var x srctext.Text
		x.Var(v, from, to)
		out = append(out, x)
	}
	if a, err1 := strconv.Atoi(lo); err1 == nil {
		b, err2 := strconv.Atoi(hi)
		if err2 != nil || b < a {
			return nil
		}
		for n := a; n <= b && len(out) < 100; n += step {
			v := strconv.Itoa(n)
			for len(v) < len(lo) {
				v = "0" + v
			}
			add(v)
		}
		return out
	}
	if len(lo) == 1 && len(hi) == 1 && lo[0] <= hi[0] && isAlpha(lo[0]) && isAlpha(hi[0]) {
		for c := int(lo[0]); c <= int(hi[0]); c += step {
			add(string(rune(c)))
		}
		return out
	}
	return nil
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (p *reader) request(k *call, u srctext.Text, stdin *srctext.Text, st *syntax.Stmt) {
	index := len(p.doc.Requests) + p.doc.Skipped
	ptr := "/" + strconv.Itoa(index)
	f := p.f
	r := srctext.NewRequest(index, ptr, f.Span(p.off(st.Pos()), p.off(st.End())))
	// curl assumes http:// for a URL without a scheme.
	target := u
	if !strings.Contains(u.String(), "://") && u.Len() > 0 {
		if c, ok := u.Byte(0); ok && c != '/' {
			target = srctext.Prefixed("http://", u)
		}
	}
	// The data, joined with '&' as curl joins several -d.
	var body srctext.Text
	hasData := false
	for i, d := range k.data {
		if i > 0 {
			from, _ := d.val.Source(0, 0)
			if d.kind == "json" {
				body.Var("", from, from)
			} else {
				body.Var("&", from, from)
			}
		}
		body.Append(p.data(d, stdin))
		hasData = true
	}
	if k.get && hasData {
		sep := "?"
		if target.Index('?', 0) >= 0 {
			sep = "&"
		}
		from, _ := body.Source(0, 0)
		target.Var(sep, from, from)
		target.Append(body)
		hasData = false
	}
	for _, q := range k.query {
		sep := "?"
		if target.Index('?', 0) >= 0 {
			sep = "&"
		}
		from, _ := q.Source(0, 0)
		target.Var(sep, from, from)
		target.Append(p.data(dataArg{"urlencode", q}, nil))
	}
	srctext.SetURL(f, r, target, ptr+"/url")
	if !srctext.IsStackOne(r) {
		p.doc.Skipped++
		return
	}
	method := "GET"
	switch {
	case k.head:
		method = "HEAD"
	case hasData || k.form != nil:
		method = "POST"
	}
	if k.method != nil {
		srctext.SetMethod(f, r, *k.method)
	} else {
		r.Method, r.MethodKnown = method, true
		at := p.off(st.Pos())
		r.MethodSpan = f.Span(at, at+4)
	}
	for _, h := range k.headers {
		name := h[0].TrimSpace()
		srctext.AddHeader(f, r, name, h[1], ptr+"/headers/"+request.PointerToken(name.String()))
	}
	if k.user != nil {
		u := *k.user
		var name srctext.Text
		from, _ := u.Source(0, 0)
		name.Var("Authorization", from, from)
		if c := u.Index(':', 0); c >= 0 {
			srctext.SetHeader(f, r, name, srctext.BasicAuth(u.Slice(0, c), u.Slice(c+1, u.Len())), ptr+"/headers/Authorization")
		} else {
			// curl asks for the password.
			var unk srctext.Text
			to := from
			if u.Len() > 0 {
				_, to = u.Source(0, u.Len())
			}
			unk.Unknown(from, to)
			srctext.SetHeader(f, r, name, unk, ptr+"/headers/Authorization")
		}
	}
	if k.bearer != nil {
		var name srctext.Text
		from, _ := k.bearer.Source(0, 0)
		name.Var("Authorization", from, from)
		srctext.SetHeader(f, r, name, srctext.Prefixed("Bearer ", *k.bearer), ptr+"/headers/Authorization")
	}
	switch {
	case k.form != nil:
		r.Body = &request.Value{Kind: request.Unknown, Span: k.form.Whole(f), Pointer: ptr + "/body"}
	case hasData:
		strict := k.jsonBody
		if h := r.Header("content-type"); h != nil {
			s, _ := h.Value.StringValue()
			strict = strings.Contains(strings.ToLower(s), "json")
		}
		r.BodyKeySpan = body.Span(f, 0, 0)
		b, prob := srctext.JSONBody(f, body, ptr+"/body", strict, index)
		r.Body = b
		if prob != nil {
			p.doc.Problems = append(p.doc.Problems, *prob)
		}
	}
	p.doc.Requests = append(p.doc.Requests, r)
}

// data is what one data option sends.
func (p *reader) data(d dataArg, stdin *srctext.Text) srctext.Text {
	v := d.val
	at := func() srctext.Text {
		name := v.Slice(1, v.Len())
		from, to := v.Source(0, v.Len())
		var t srctext.Text
		if name.String() == "-" {
			if stdin == nil {
				t.Unknown(from, to)
				return t
			}
			return *stdin
		}
		if !name.Known() {
			t.Unknown(from, to)
			return t
		}
		b, ok := p.opts.Read(name.String())
		if !ok {
			t.Unknown(from, to)
			return t
		}
		t.Var(string(b), from, to)
		return t
	}
	switch d.kind {
	case "raw":
		return v
	case "data":
		if c, ok := v.Byte0(); ok && c == '@' {
			// -d @file strips carriage returns and newlines.
			t := at()
			return stripNewlines(t)
		}
		return v
	case "binary", "json":
		if c, ok := v.Byte0(); ok && c == '@' {
			return at()
		}
		return v
	case "urlencode":
		s := v.String()
		eq := v.Index('=', 0)
		atSign := strings.IndexByte(s, '@')
		switch {
		case eq == 0:
			return urlencode(v.Slice(1, v.Len()))
		case eq > 0 && (atSign < 0 || eq < atSign):
			var t srctext.Text
			t.Append(v.Slice(0, eq+1))
			t.Append(urlencode(v.Slice(eq+1, v.Len())))
			return t
		case atSign >= 0:
			var t srctext.Text
			if atSign > 0 {
				t.Append(v.Slice(0, atSign))
				from, _ := v.Source(atSign, atSign+1)
				t.Var("=", from, from+1)
			}
			vv := v.Slice(atSign, v.Len())
			v = vv
			t.Append(urlencode(at()))
			return t
		}
		return urlencode(v)
	}
	return v
}

func stripNewlines(t srctext.Text) srctext.Text {
	var out srctext.Text
	for i := 0; i < t.Len(); i++ {
		if c, ok := t.Byte(i); ok && (c == '\n' || c == '\r') {
			continue
		}
		out.Append(t.Slice(i, i+1))
	}
	return out
}

// urlencode percent-encodes the known bytes of t as curl does.
func urlencode(t srctext.Text) srctext.Text {
	var out srctext.Text
	for i := 0; i < t.Len(); i++ {
		c, ok := t.Byte(i)
		if !ok {
			out.Append(t.Slice(i, i+1))
			continue
		}
		from, to := t.Source(i, i+1)
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			out.Var(string(c), from, to)
		} else {
			out.Var("%"+strings.ToUpper(strconv.FormatUint(uint64(c)>>4, 16)+strconv.FormatUint(uint64(c)&15, 16)), from, to)
		}
	}
	return out
}
