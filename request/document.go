package request

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/atslint/atslint/internal/textdist"
)

// Rule IDs of the problems the readers report (DESIGN §3); package rules
// registers them.
const (
	RuleSyntax       = "input/syntax"
	RuleNotARequest  = "input/not-a-request"
	RuleUnknownKey   = "input/unknown-key"
	RuleTooDeep      = "input/too-deep"
	RuleTooLarge     = "input/too-large"
	expectedDocument = `a request document (an object with "method" and "url" or "path")`
)

// Problem is something wrong with the input itself, found while loading it.
type Problem struct {
	// Rule is one of the Rule constants above.
	Rule string
	// Message is lowercase and never quotes string values of the input
	// (key names and the expected shape only).
	Message string
	Span    Span
	// Pointer is the JSON Pointer of the offending key or value ("" for the
	// whole file or a syntax error).
	Pointer string
	// Request is the index of the request (array element) the problem is
	// about; 0 for problems about the whole file.
	Request int
	// Edits, when not empty, remove the problem (a misspelt key renamed to
	// the one it names); FixDescription says what they do.
	Edits          []Edit
	FixDescription string
}

// Document is a loaded request file.
type Document struct {
	// Requests holds the requests that could be read, in file order. A
	// request whose method or url/path is missing or malformed is left out
	// (and reported in Problems); the others are kept.
	Requests []*Request
	// Problems lists what is wrong with the file, in file order.
	Problems []Problem
	// Root is the parsed file, nil after a syntax or depth error and for
	// files that are streamed, never held whole.
	Root *Value
	// Skipped counts what the file held that is not a StackOne request
	// (HAR entries for other hosts).
	Skipped int
	// Foreign is set when the file as a whole is not of the reader's format
	// (JSON that is no request document: package.json, editor settings).
	// Problems then says so (input/not-a-request): a file named on the
	// command line reports it, a directory walk skips the file silently.
	Foreign bool
}

// ReadDocument parses data as a request document (DESIGN §2): one request
// object or an array of them. Every problem with the input is reported in
// Document.Problems, never as an error: a parse error gives one
// input/syntax or input/too-deep problem and no requests. The error result
// is reserved for failures that are not about the input (there are none
// today); the Document is never nil.
//
// Other formats (HAR recordings) are recognised by the dispatcher in
// package source, which calls ReadDocument for request documents.
func ReadDocument(data []byte, opts Options) (*Document, error) {
	root, err := Parse(data, opts)
	if err != nil {
		return &Document{Problems: []Problem{ParseErrorProblem(data, err)}}, nil
	}
	return DocumentFromValue(root), nil
}

// EachRequest reads data as ReadDocument does, but hands each request to
// fn as soon as it is read, with the problems found in it, and keeps none:
// the elements of an array document are read and dropped one at a time.
// fn gets a nil Request for an element that is not one (its problems say
// why), and is never called with both nil.
//
// The Document returned holds no Requests and no Root; its Problems are
// those not handed to fn (about the file as a whole). When ok is false the
// file is not valid JSON or is too deep: whatever fn was given must be
// dropped, since the file as a whole is reported by the Document's one
// problem (ReadDocument returns no requests then).
func EachRequest(data []byte, opts Options, fn func(*Request, []Problem)) (doc *Document, ok bool) {
	return eachRequest(data, opts, nil, fn)
}

// EachRequestReusing is EachRequest with the memory of each element of an
// array (its tree and its Request) handed to the next, as ElementReader's
// Reuse hands it: fn must be done with the request, and what is kept of
// its check must have gone through Request.Own, before fn returns. The
// problems and the request's Ignores are copied out.
func EachRequestReusing(data []byte, opts Options, fn func(*Request, []Problem)) (doc *Document, ok bool) {
	var mem *reuseMem
	if !reuseOff {
		mem = &reuseMem{}
	}
	return eachRequest(data, opts, mem, fn)
}

func eachRequest(data []byte, opts Options, mem *reuseMem, fn func(*Request, []Problem)) (doc *Document, ok bool) {
	doc = &Document{Foreign: true} // unless an element looks like a request
	n := 0
	root, err := parseElements(data, opts, mem, func(i int, e *Value) {
		n++
		doc.addElement(e, i, mem, fn)
	})
	switch {
	case err != nil:
		return &Document{Problems: []Problem{ParseErrorProblem(data, err)}}, false
	case root != nil: // an array
		if n == 0 {
			doc.Problems = append(doc.Problems, problemAt(RuleNotARequest, root, 0,
				"expected "+expectedDocument+" or an array of them, got an empty array"))
		}
		return doc, true
	}
	doc, _ = ReadDocument(data, opts)
	if doc.Root == nil { // not JSON, or too deep
		return doc, false
	}
	for _, r := range doc.Requests {
		fn(r, nil)
	}
	doc.Requests, doc.Root = nil, nil
	return doc, true
}

// addElement reads element i of an array document, into the memory of
// the one before with mem, and hands it to fn.
func (doc *Document) addElement(e *Value, i int, mem *reuseMem, fn func(*Request, []Problem)) {
	if e.Kind == Object && looksLikeRequest(e) {
		doc.Foreign = false
	}
	var into *Request
	if mem != nil {
		into = mem.request()
	}
	r, probs := elementRequest(into, e, i)
	if mem != nil {
		mem.ownRead(r, probs)
	}
	if r != nil || len(probs) > 0 {
		fn(r, probs)
	}
}

// ParseErrorProblem turns an error from Parse into its Problem: input/syntax
// or input/too-deep at the error position (spanning the offending
// character when there is one).
func ParseErrorProblem(data []byte, err error) Problem {
	var (
		se *SyntaxError
		de *DepthError
	)
	switch {
	case errors.As(err, &de):
		return Problem{Rule: RuleTooDeep, Message: "nesting deeper than " + strconv.Itoa(de.Max) + " levels",
			Span: charSpan(data, de.Pos)}
	case errors.As(err, &se):
		return Problem{Rule: RuleSyntax, Message: se.Msg, Span: charSpan(data, se.Pos)}
	}
	return Problem{Rule: RuleSyntax, Message: "invalid JSON"}
}

// charSpan covers the character at p (empty at the end of input or at a
// line break).
func charSpan(data []byte, p Pos) Span {
	s := Span{Start: p, End: p}
	if p.Offset < len(data) && data[p.Offset] != '\n' && data[p.Offset] != '\r' {
		_, n := utf8.DecodeRune(data[p.Offset:])
		s.End.Offset += n
		s.End.Column += int32(n)
	}
	return s
}

// DocumentFromValue reads an already parsed file as a request document: an
// object is one request, an array holds one request per element; anything
// else is input/not-a-request.
func DocumentFromValue(root *Value) *Document {
	doc := &Document{Root: root}
	switch root.Kind {
	case Object:
		if !looksLikeRequest(root) {
			doc.Problems = append(doc.Problems, problemAt(RuleNotARequest, root, 0,
				"expected "+expectedDocument+" or an array of them, got an object without any of these keys"))
			doc.Foreign = true
			return doc
		}
		r, probs := RequestFromValue(root, 0)
		doc.Problems = append(doc.Problems, probs...)
		if r != nil {
			doc.Requests = append(doc.Requests, r)
		}
	case Array:
		if len(root.Elems) == 0 {
			doc.Problems = append(doc.Problems, problemAt(RuleNotARequest, root, 0,
				"expected "+expectedDocument+" or an array of them, got an empty array"))
			doc.Foreign = true
			return doc
		}
		doc.Foreign = true // unless an element looks like a request
		for i, e := range root.Elems {
			if e.Kind == Object && looksLikeRequest(e) {
				doc.Foreign = false
			}
			r, probs := elementRequest(nil, e, i)
			doc.Problems = append(doc.Problems, probs...)
			if r != nil {
				doc.Requests = append(doc.Requests, r)
			}
		}
	default:
		doc.Problems = append(doc.Problems, problemAt(RuleNotARequest, root, 0,
			"expected "+expectedDocument+" or an array of them, got "+root.Kind.String()))
		doc.Foreign = true
	}
	return doc
}

// elementRequest reads element i of an array document.
// r is the Request to read it into (see requestFromValue), or nil.
func elementRequest(r *Request, e *Value, i int) (*Request, []Problem) {
	switch {
	case e.Kind != Object:
		return nil, []Problem{problemAt(RuleNotARequest, e, i, "expected "+expectedDocument+", got "+e.Kind.String())}
	case !looksLikeRequest(e):
		return nil, []Problem{problemAt(RuleNotARequest, e, i, "expected "+expectedDocument+", got an object without any of these keys")}
	}
	return requestFromValue(r, e, i)
}

// looksLikeRequest reports whether object v has any of the keys that make
// a request document, so that an unrelated JSON file is reported once as
// not a request rather than key by key.
func looksLikeRequest(v *Value) bool {
	for _, m := range v.Members {
		switch m.Key {
		case "method", "url", "path":
			return true
		}
	}
	return false
}

func problemAt(rule string, v *Value, req int, msg string) Problem {
	return Problem{Rule: rule, Message: msg, Span: v.Span, Pointer: v.Pointer, Request: req}
}

func keyProblem(rule string, m *Member, req int, msg string) Problem {
	return Problem{Rule: rule, Message: msg, Span: m.KeySpan, Pointer: m.Value.Pointer, Request: req}
}

// unknownKey is the input/unknown-key problem of member m of obj, whose
// known keys are known. When one known key is close, the message names it
// and the fix renames the key to it, unless obj has that key already.
func unknownKey(obj *Value, m *Member, req int, where string, known []string) Problem {
	p := keyProblem(RuleUnknownKey, m, req, "unknown key "+quoteKey(m.Key)+" in "+where)
	if s := closest(m.Key, known); s != "" {
		p.Message += "; did you mean " + strconv.Quote(s) + "?"
		if obj.Member(s) == nil && !m.KeySpan.IsZero() {
			p.Edits = []Edit{{Span: m.KeySpan, Text: strconv.Quote(s)}}
			p.FixDescription = "rename " + quoteKey(m.Key) + " to " + strconv.Quote(s)
		}
	}
	return p
}

// documentKeys are the keys of a request document (DESIGN §2).
var documentKeys = []string{"provider", "method", "url", "path", "headers", "query", "body", "x-atslint"}

// RequestFromValue converts request object v (from a request document) into
// a Request numbered index. Its problems: input/not-a-request for a missing
// "method", missing "url" and "path", or a field of the wrong type (at that
// value, naming the expected type), and input/unknown-key for keys a
// request document does not have (naming the closest known key).
//
// The Request is nil when v is not an object or its method or url/path is
// missing or malformed. A malformed "headers" or "query" leaves the request
// with HeadersComplete or QueryComplete false, so rules treat them as
// unknown rather than absent; a malformed "x-atslint" drops the bad
// ignore entries.
//
// When both "url" and "path" are given, "url" is used. Query holds the
// parameters of the url's query string first, then those of "query".
func RequestFromValue(v *Value, index int) (*Request, []Problem) {
	if v == nil || v.Kind != Object {
		kind := "nothing"
		if v != nil {
			kind = v.Kind.String()
		}
		p := Problem{Rule: RuleNotARequest, Message: "expected " + expectedDocument + ", got " + kind, Request: index}
		if v != nil {
			p.Span, p.Pointer = v.Span, v.Pointer
		}
		return nil, []Problem{p}
	}
	return requestFromValue(nil, v, index)
}

// requestFromValue is RequestFromValue into r, the Request of a reusing
// reader (ElementReader.Reuse), made ready by reuseMem.request; a new one
// when nil. v is an object.
func requestFromValue(r *Request, v *Value, index int) (*Request, []Problem) {
	if r == nil {
		r = new(Request)
	}
	r.Index, r.Pointer, r.Span, r.Root = index, v.Pointer, v.Span, v
	r.QueryComplete, r.HeadersComplete = true, true
	var probs []Problem
	bad := func(val *Value, msg string) {
		probs = append(probs, problemAt(RuleNotARequest, val, index, msg))
	}
	wrongType := func(key string, val *Value, want string) {
		bad(val, strconv.Quote(key)+" must be "+want+", got "+val.Kind.String())
	}

	var seen [8]bool
	var urlV, pathV, queryV *Value
	valid := true
	for _, m := range v.Members {
		k := indexOf(documentKeys, m.Key)
		if k < 0 {
			probs = append(probs, unknownKey(v, m, index, "request document", documentKeys))
			continue
		}
		if seen[k] {
			probs = append(probs, keyProblem(RuleNotARequest, m, index,
				"duplicate key "+strconv.Quote(m.Key)+" in request document; only the first is used"))
			continue
		}
		seen[k] = true
		val := m.Value
		switch m.Key {
		case "provider":
			switch val.Kind {
			case String:
				r.Provider = strings.ToLower(val.Str)
				r.ProviderSpan = val.Span
			case Null:
			default:
				wrongType(m.Key, val, "a string")
			}
		case "method":
			if val.Kind != String || strings.TrimSpace(val.Str) == "" {
				if val.Kind == String {
					bad(val, `"method" must not be empty`)
				} else {
					wrongType(m.Key, val, "a string")
				}
				valid = false
				continue
			}
			r.Method = strings.ToUpper(val.Str)
			r.MethodSpan = val.Span
			r.MethodKnown = true
		case "url", "path":
			if val.Kind != String || val.Str == "" {
				if val.Kind == String {
					bad(val, strconv.Quote(m.Key)+" must not be empty")
				} else {
					wrongType(m.Key, val, "a string")
				}
				valid = false
				continue
			}
			if m.Key == "url" {
				urlV = val
			} else {
				pathV = val
			}
		case "headers":
			switch val.Kind {
			case Object:
				r.Headers = reused(r.mem.headerBuf(), len(val.Members))
				for _, h := range val.Members {
					if h.Value.Kind != String {
						bad(h.Value, "header "+quoteKey(h.Key)+" must be a string, got "+h.Value.Kind.String())
						r.HeadersComplete = false
						continue
					}
					r.Headers = append(r.Headers, Header{Name: h.Key, NameSpan: h.KeySpan, Value: h.Value})
				}
			case Null:
			default:
				wrongType(m.Key, val, "an object of header names to strings")
				r.HeadersComplete = false
			}
		case "query":
			switch val.Kind {
			case Object:
				queryV = val // read after the url's query string
			case Null:
			default:
				wrongType(m.Key, val, "an object of parameter names to values")
				r.QueryComplete = false
			}
		case "body":
			r.Body = val
			r.BodyKeySpan = m.KeySpan
		case "x-atslint":
			probs = readSettings(r, val, index, probs)
		}
	}

	if !seen[1] {
		bad(v, `request document has no "method"`)
		valid = false
	}
	if !seen[2] && !seen[3] {
		bad(v, `request document has neither "url" nor "path"`)
		valid = false
	}
	if !valid {
		return nil, probs
	}
	if urlV != nil {
		r.SetURL(urlV)
	} else {
		r.SetPath(pathV)
	}
	if queryV != nil {
		if r.Query == nil && len(queryV.Members) > 0 {
			r.Query = r.mem.queryBuf()
		}
		r.Query = appendObjectParams(r.Query, queryV)
	}
	return r, probs
}

// readSettings reads the "x-atslint" object: {"ignore": [{"rule", "reason"}]}.
func readSettings(r *Request, v *Value, index int, probs []Problem) []Problem {
	bad := func(val *Value, msg string) {
		probs = append(probs, problemAt(RuleNotARequest, val, index, msg))
	}
	unknown := func(obj *Value, m *Member, where string, known []string) {
		probs = append(probs, unknownKey(obj, m, index, where, known))
	}
	switch v.Kind {
	case Null:
		return probs
	case Object:
	default:
		bad(v, `"x-atslint" must be an object, got `+v.Kind.String())
		return probs
	}
	settingsKeys := []string{"ignore"}
	entryKeys := []string{"rule", "reason"}
	for _, m := range v.Members {
		if m.Key != "ignore" {
			unknown(v, m, `"x-atslint"`, settingsKeys)
			continue
		}
		list := m.Value
		if list.Kind != Array {
			bad(list, `"ignore" must be an array of {"rule", "reason"} objects, got `+list.Kind.String())
			continue
		}
		for _, e := range list.Elems {
			if e.Kind != Object {
				bad(e, `an ignore entry must be an object with "rule" and "reason", got `+e.Kind.String())
				continue
			}
			ig := &Ignore{Span: e.Span, Pointer: e.Pointer}
			hasRule := false
			for _, f := range e.Members {
				switch f.Key {
				case "rule":
					if f.Value.Kind != String {
						bad(f.Value, `"rule" must be a string, got `+f.Value.Kind.String())
						continue
					}
					ig.Rule, hasRule = f.Value.Str, true
				case "reason":
					if f.Value.Kind != String {
						bad(f.Value, `"reason" must be a string, got `+f.Value.Kind.String())
						continue
					}
					ig.Reason = f.Value.Str
				default:
					unknown(e, f, "ignore entry", entryKeys)
				}
			}
			if !hasRule {
				if e.Get("rule") == nil {
					bad(e, `ignore entry has no "rule"`)
				}
				continue
			}
			r.Ignores = append(r.Ignores, ig)
		}
	}
	return probs
}

// appendObjectParams flattens the "query" object into Params: nested
// objects add deepObject keys ({"filter": {"updated_after": x}} and
// {"filter[updated_after]": x} both give filter[updated_after]). Arrays and
// scalars are leaf values; an empty object is a leaf too.
func appendObjectParams(out []Param, q *Value) []Param {
	for _, m := range q.Members {
		name, key := SplitParamName(m.Key)
		out = appendParamTree(out, name, key, m)
	}
	return out
}

func appendParamTree(out []Param, name, key string, m *Member) []Param {
	v := m.Value
	if v.Kind != Object || len(v.Members) == 0 {
		return append(out, Param{Name: name, Key: key, KeySpan: m.KeySpan, Value: v, Pointer: v.Pointer})
	}
	for _, c := range v.Members {
		k := c.Key
		if key != "" {
			k = key + bracketed(c.Key)
		}
		out = appendParamTree(out, name, k, c)
	}
	return out
}

// bracketed returns a nested object key as a deepObject suffix: "age" →
// "[age]", and a key with brackets of its own is split the same way, so
// "eq[age]" → "[eq][age]" (nesting is followed 32 levels deep at most).
func bracketed(k string) string {
	var b strings.Builder
	for range 32 {
		n, rest := SplitParamName(k)
		if rest == "" {
			break
		}
		b.WriteString("[" + n + "]")
		k = rest
	}
	b.WriteString("[" + k + "]")
	return b.String()
}

// SetURL fills the request's target from v, a JSON string holding an
// absolute URL ("https://api.stackone.com/unified/ats/jobs?page_size=5") or
// a bare path ("/unified/ats/jobs"): URL, Scheme and Host (both lowercased),
// Path, Segments, PathKnown, PathSpan, PathPointer, PathSegmentSpans, and
// one Param per pair of the query string, appended to Query. A fragment
// ("#…") is ignored.
//
// Path is percent-decoded segment by segment: the escaped path is split on
// '/' first, so "%2F" stays inside its segment in Segments (and
// PathSegmentSpans), while Path is the decoded segments re-joined with "/".
// Query parameters from the URL are String values whose spans point into
// the string literal; when the literal holds escape sequences ("\/",
// "\u0026"), offsets inside it cannot be mapped, and every segment, key and
// value gets the span of the whole string instead.
func (r *Request) SetURL(v *Value) {
	r.URL = v.Str
	r.setTarget(v)
}

// SetPath is SetURL for the "path" field: the same, except that URL stays "".
func (r *Request) SetPath(v *Value) {
	r.URL = ""
	r.setTarget(v)
}

func (r *Request) setTarget(v *Value) {
	s := v.Str
	r.PathKnown = true
	r.PathSpan = v.Span
	r.PathPointer = v.Pointer
	r.Scheme, r.Host = "", ""

	rest, off := s, 0
	if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
		r.Scheme = strings.ToLower(s[:i])
		rest, off = s[i+3:], i+3
	} else if strings.HasPrefix(s, "//") {
		rest, off = s[2:], 2
	}
	if off > 0 {
		h := strings.IndexAny(rest, "/?#")
		if h < 0 {
			h = len(rest)
		}
		r.Host = strings.ToLower(rest[:h])
		rest, off = rest[h:], off+h
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	escPath, rawQuery, qOff := rest, "", -1
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		escPath, rawQuery, qOff = rest[:i], rest[i+1:], off+i+1
	}

	m := newMapper(v)
	// Path: split before unescaping so that %2F stays in its segment.
	var parts []string
	if r.mem != nil {
		parts = appendSplit(r.mem.parts[:0], escPath)
		r.mem.parts = parts
	} else {
		parts = strings.Split(escPath, "/")
	}
	decoded := parts // nothing to decode, as in nearly every path
	r.Path = escPath
	if strings.IndexByte(escPath, '%') >= 0 {
		decoded = make([]string, len(parts))
		for i, p := range parts {
			decoded[i] = unescape(p, false)
		}
		r.Path = strings.Join(decoded, "/")
	}
	r.Segments, r.PathSegmentSpans = nil, nil
	lo, hi := 0, len(parts)
	if lo < hi && parts[lo] == "" {
		lo++
	}
	if hi > lo && parts[hi-1] == "" {
		hi--
	}
	if lo < hi {
		r.Segments = decoded[lo:hi:hi]
		r.PathSegmentSpans = reused(r.mem.spanBuf(), hi-lo)
		segOff := off
		for i := 0; i < hi; i++ {
			if i >= lo {
				r.PathSegmentSpans = append(r.PathSegmentSpans, m.span(segOff, segOff+len(parts[i])))
			}
			segOff += len(parts[i]) + 1
		}
	}

	var buf [8]RawParam // on the stack: most queries have few parameters
	raw := appendQuery(buf[:0], rawQuery)
	var vals []Value // one allocation for all the values
	if r.mem != nil {
		vals = r.mem.queryValues(len(raw))
	} else {
		vals = make([]Value, len(raw))
	}
	if r.Query == nil && len(raw) > 0 {
		r.Query = r.mem.queryBuf()
	}
	r.Query = slices.Grow(r.Query, len(raw))
	for i, rp := range raw {
		name, key := SplitParamName(rp.Key)
		vals[i] = Value{
			Kind:    String,
			Str:     rp.Value,
			Span:    m.span(qOff+rp.ValueStart, qOff+rp.ValueEnd),
			Pointer: v.Pointer,
		}
		r.Query = append(r.Query, Param{
			Name:    name,
			Key:     key,
			KeySpan: m.span(qOff+rp.KeyStart, qOff+rp.KeyEnd),
			Value:   &vals[i],
			Pointer: v.Pointer,
		})
	}
}

// appendSplit appends the parts of s around each "/" to parts, as
// strings.Split(s, "/") gives them.
func appendSplit(parts []string, s string) []string {
	for {
		i := strings.IndexByte(s, '/')
		if i < 0 {
			return append(parts, s)
		}
		parts = append(parts, s[:i])
		s = s[i+1:]
	}
}

// reused returns buf, a reusing reader's (reuseMem), emptied and with
// room for n; a new slice when buf is nil.
func reused[T any](buf []T, n int) []T {
	if buf == nil {
		return make([]T, 0, n)
	}
	return slices.Grow(buf[:0], n)
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return len(s) > 0
}

// mapper maps byte offsets in a decoded JSON string to source spans.
type mapper struct {
	whole Span
	exact bool
}

// newMapper: a string literal maps byte for byte when it holds no escape
// sequence, which is when the literal is exactly the decoded text plus two
// quotes (every escape is longer than what it decodes to).
func newMapper(v *Value) mapper {
	sp := v.Span
	exact := !sp.IsZero() && sp.Start.Line == sp.End.Line &&
		sp.End.Offset-sp.Start.Offset == len(v.Str)+2
	return mapper{whole: sp, exact: exact}
}

func (m mapper) span(from, to int) Span {
	if !m.exact {
		return m.whole
	}
	at := func(off int) Pos {
		p := m.whole.Start
		p.Offset += 1 + off
		p.Column += int32(1 + off)
		return p
	}
	return Span{Start: at(from), End: at(to)}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// quoteKey quotes a key name for a message, shortened when very long.
func quoteKey(k string) string {
	const max = 64
	if len(k) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(k[cut]) {
			cut--
		}
		return strconv.Quote(k[:cut]) + "…"
	}
	return strconv.Quote(k)
}

// closest returns the known key nearest to key (case-insensitive
// Levenshtein distance), or "" when none is close: at most 2 edits, and
// fewer edits than the key has bytes.
func closest(key string, known []string) string {
	if len(key) > 64 {
		return ""
	}
	lk := strings.ToLower(key)
	best, bestD := "", 3
	for _, k := range known {
		d := textdist.Levenshtein(lk, k)
		if d < bestD && d < len(lk) {
			best, bestD = k, d
		}
	}
	return best
}
