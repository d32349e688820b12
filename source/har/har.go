// Package har reads HAR 1.2 recordings (what browsers and proxies export)
// as Requests, one entry at a time.
package har

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/atslint/atslint/request"
)

// expectedHAR describes a HAR recording for input/not-a-request messages.
const expectedHAR = `a HAR recording (an object with "log": {"entries": [...]})`

// Extension is the file name extension of HAR recordings.
const Extension = ".har"

// DefaultMaxResponseBody is how much of a failed response's body Read
// keeps when Options.MaxResponseBody is zero.
const DefaultMaxResponseBody = 1 << 20

// Options configures Read.
type Options struct {
	request.Options
	// Responses makes Read keep, for every StackOne request whose response
	// failed (status 400 or more), that response in Recording.Responses
	// (what `atslint triage` reads). Successful responses are never kept.
	Responses bool
	// MaxResponseBody caps the body text kept per failed response, in
	// bytes; a longer body is dropped (Response.BodyTooLarge). Zero means
	// DefaultMaxResponseBody.
	MaxResponseBody int
	// Each, when set, is handed every StackOne request as soon as it is
	// read, instead of Document.Requests keeping it: a recording of any
	// length is then checked without holding its requests.
	Each func(*request.Request)
}

// Recording is a HAR file read by Read: its StackOne requests and the
// problems found, and the failed responses when asked for.
type Recording struct {
	request.Document
	// Responses holds the failed responses (Options.Responses).
	Responses []Response
}

// Response is the recorded response to a StackOne request of a HAR
// recording, kept only when it failed.
type Response struct {
	// Request is the request this responds to.
	Request *request.Request
	// Status is the HTTP status code.
	Status int
	// Span and Pointer locate the "status" value in the HAR file
	// ("/log/entries/N/response/status").
	Span    request.Span
	Pointer string
	// Body is the response content (content.text, base64-decoded when the
	// HAR says so), nil when the recording has none or it was too large.
	Body         []byte
	BodyTooLarge bool
	// MimeType is content.mimeType as recorded.
	MimeType string
	// RetryAfter is the Retry-After response header, "" when absent.
	RetryAfter string
}

// Sniff reports whether data, the start of a file, looks like a HAR
// recording: a JSON object whose first key is "log" (every HAR exporter
// writes it first, and usually alone). A prefix that ends inside the first
// key is not a HAR. IsTree recognises, once parsed, HAR files whose "log"
// is not the first key.
func Sniff(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	i := 0
	skip := func() {
		for i < len(data) && isSpace(data[i]) {
			i++
		}
	}
	skip()
	if i >= len(data) || data[i] != '{' {
		return false
	}
	i++
	skip()
	return bytes.HasPrefix(data[i:], []byte(`"log"`))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// IsTree reports whether a parsed file is a HAR recording: an object with
// a "log" object that has "entries".
func IsTree(root *request.Value) bool {
	log := root.Get("log")
	return log != nil && log.Kind == request.Object && log.Member("entries") != nil
}

// Read reads a HAR 1.2 recording from r, one entry at a time, and
// returns its StackOne requests.
//
// An entry whose request URL is a StackOne API URL (host api.stackone.com
// or another *.stackone.com host, path under /unified/) becomes a Request:
// method, url (its query string gives Query; the HAR's queryString array
// repeats it and is not read), headers (HTTP/2 pseudo-headers such as
// ":authority" are left out), postData.text parsed as JSON (Body; a text
// that is no JSON is an Unknown body, and input/syntax when its mimeType
// says JSON) and startedDateTime (Time). Every other entry is skipped and
// counted in Document.Skipped, and so is a browser's CORS preflight
// (OPTIONS with Access-Control-Request-Method), which the application
// never sent.
//
// Positions point into the HAR file: Index is the entry's index in
// log.entries, Pointer is "/log/entries/N/request", and the spans of body
// values point at their characters inside the postData.text string, mapped
// through its escape sequences. Body pointers continue into the embedded
// JSON: "/log/entries/N/request/postData/text/content/0/body".
//
// Memory stays flat in the size of the file: responses are skipped token
// by token (a single JSON string, such as one response body, is the
// largest thing held), and each Request keeps copies of what rules read
// (Root is nil), not the tree it was read from.
//
// Problems with the input are in Document.Problems: input/syntax (the
// requests read before the error are kept), input/too-deep, and
// input/not-a-request for a file that is no HAR or an entry that has no
// method or url. The error result is for read errors of r only.
func Read(r io.Reader, opts Options) (*Recording, error) {
	lc := &lineCounter{r: r}
	br := bufio.NewReaderSize(lc, 64<<10)
	base := 0
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
		base = 3
	}
	h := &harReader{
		opts: opts,
		dec:  jsontext.NewDecoder(br, request.DecoderOptions()...),
		lc:   lc,
		base: base,
		doc:  &Recording{},
	}
	if h.opts.MaxResponseBody <= 0 {
		h.opts.MaxResponseBody = DefaultMaxResponseBody
	}
	err := h.read()
	var rerr *readError
	if errors.As(err, &rerr) {
		return h.doc, rerr.err
	}
	if err != nil && !errors.Is(err, errStop) {
		h.doc.Problems = append(h.doc.Problems, h.problemFor(err))
	}
	return h.doc, nil
}

type harReader struct {
	opts Options
	dec  *jsontext.Decoder
	lc   *lineCounter
	base int
	doc  *Recording
}

// readError is an I/O error of the underlying reader.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }

// stop ends reading with a problem that is already recorded.
var errStop = errors.New("stop")

// offset is the file offset just after the last token read.
func (h *harReader) offset() int { return int(h.dec.InputOffset()) + h.base }

// next is the file offset of the next token, after PeekKind: past the
// whitespace and the ',' or ':' that the decoder has not consumed yet.
func (h *harReader) next() int {
	b := h.dec.UnreadBuffer()
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i < len(b) && (b[i] == ',' || b[i] == ':') {
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
	}
	return h.offset() + i
}

// wrap turns a decoder error into a readError for I/O failures; syntax
// errors are returned as they are.
func (h *harReader) wrap(err error) error {
	if err == nil {
		return nil
	}
	var se *jsontext.SyntacticError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return err
	}
	if h.lc.err != nil {
		return &readError{h.lc.err}
	}
	return err
}

// problemFor turns a decoder error into an input/syntax problem at its
// position. The message comes from the decoder's description of the
// grammar error, which quotes at most the offending character.
func (h *harReader) problemFor(err error) request.Problem {
	var de *request.DepthError
	if errors.As(err, &de) {
		return request.Problem{Rule: request.RuleTooDeep, Message: "nesting deeper than " + strconv.Itoa(de.Max) + " levels", Span: request.Span{Start: de.Pos, End: de.Pos}}
	}
	off := h.lc.total()
	msg := "unexpected end of input"
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		off = int(se.ByteOffset) + h.base
		if se.Err != nil && !errors.Is(se.Err, io.ErrUnexpectedEOF) {
			msg = se.Err.Error()
		}
	}
	p := h.lc.pos(off)
	return request.Problem{Rule: request.RuleSyntax, Message: msg, Span: request.Span{Start: p, End: p}}
}

func (h *harReader) notHAR(msg string) error {
	p := h.lc.pos(h.next())
	h.doc.Problems = append(h.doc.Problems, request.Problem{Rule: request.RuleNotARequest, Message: msg, Span: request.Span{Start: p, End: p}})
	return errStop
}

// read walks the top level: {"log": {"entries": [...]}}, skipping every
// other member.
func (h *harReader) read() error {
	d := h.dec
	if k := d.PeekKind(); k != '{' {
		if k == 0 {
			_, err := d.ReadToken()
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				p := h.lc.pos(0)
				h.doc.Problems = append(h.doc.Problems, request.Problem{Rule: request.RuleSyntax, Message: "empty file", Span: request.Span{Start: p, End: p}})
				return errStop
			}
			return h.wrap(err)
		}
		h.notHAR("expected " + expectedHAR + ", got " + kindName(k))
		h.doc.Foreign = true
		return h.skipRest()
	}
	start := h.lc.pos(h.next())
	if _, err := d.ReadToken(); err != nil {
		return h.wrap(err)
	}
	sawEntries := false
	err := h.members(func(key string) error {
		if key != "log" {
			return h.skip()
		}
		if ok, err := h.want('{'); !ok {
			return err
		}
		d.ReadToken()
		return h.members(func(key string) error {
			if key != "entries" || sawEntries {
				return h.skip()
			}
			sawEntries = true
			if k := d.PeekKind(); k != '[' {
				if k == 0 { // not a value: report the syntax error there
					_, err := d.ReadToken()
					return h.wrap(err)
				}
				h.notHAR(`HAR "entries" must be an array, got ` + kindName(k))
				return h.skipRest()
			}
			d.ReadToken()
			for n := 0; d.PeekKind() != ']'; n++ {
				if d.PeekKind() == 0 {
					_, err := d.ReadToken()
					return h.wrap(err)
				}
				if err := h.readEntry(n); err != nil {
					return err
				}
				h.lc.release(h.offset())
			}
			d.ReadToken()
			return nil
		})
	})
	if err != nil {
		return err
	}
	if _, err := d.ReadToken(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = &jsontext.SyntacticError{ByteOffset: d.InputOffset(), Err: errors.New("invalid data after top-level value")}
		}
		return h.wrap(err)
	}
	if !sawEntries {
		h.doc.Foreign = true
		h.doc.Problems = append(h.doc.Problems, request.Problem{Rule: request.RuleNotARequest,
			Message: "expected " + expectedHAR + `, got an object without "log.entries"`, Span: request.Span{Start: start, End: start}})
	}
	return nil
}

// skipRest skips the value that is not what a HAR has, so that a syntax
// error in it is still reported, and stops reading.
func (h *harReader) skipRest() error {
	if err := h.skip(); err != nil {
		return err
	}
	return errStop
}

// members reads the members of the object whose '{' was just read, up to
// its '}': fn reads or skips the value of each key.
func (h *harReader) members(fn func(key string) error) error {
	for {
		tok, err := h.dec.ReadToken()
		if err != nil {
			return h.wrap(err)
		}
		if tok.Kind() == '}' {
			return nil
		}
		if err := fn(tok.String()); err != nil {
			return err
		}
	}
}

// want reports whether the next value is of kind k; any other value is
// skipped (what a HAR field of another type holds is not read).
func (h *harReader) want(k jsontext.Kind) (bool, error) {
	if h.dec.PeekKind() == k {
		return true, nil
	}
	return false, h.skip()
}

// str reads the next value when it is a string; any other is skipped.
func (h *harReader) str() (s string, ok bool, err error) {
	if ok, err := h.want('"'); !ok {
		return "", false, err
	}
	tok, err := h.dec.ReadToken()
	if err != nil {
		return "", false, h.wrap(err)
	}
	return tok.String(), true, nil
}

// skip skips the next value token by token, so that memory holds one
// token at most, and stops at nesting deeper than the depth limit.
func (h *harReader) skip() error {
	d := h.dec
	switch d.PeekKind() {
	case '{', '[':
	default:
		return h.wrap(d.SkipValue())
	}
	depth := d.StackDepth()
	max := h.opts.Depth()
	for {
		tok, err := d.ReadToken()
		if err != nil {
			return h.wrap(err)
		}
		if k := tok.Kind(); (k == '{' || k == '[') && d.StackDepth() > max {
			return &request.DepthError{Pos: h.lc.pos(h.offset() - 1), Max: max}
		}
		if d.StackDepth() <= depth {
			return nil
		}
	}
}

func kindName(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 't', 'f':
		return "boolean"
	case '"':
		return "string"
	case '0':
		return "number"
	case '[':
		return "array"
	case '{':
		return "object"
	}
	return "nothing"
}

// entry is what readEntry collects from one log.entries element.
type entry struct {
	hasReq  bool
	req     *request.Request // nil when unusable or not a StackOne request
	skipped bool             // not a StackOne request
	started time.Time
	resp    *Response
	respOK  bool // status < 400 (or no response): nothing to keep
}

// readEntry reads log.entries[n].
func (h *harReader) readEntry(n int) error {
	d := h.dec
	ptr := "/log/entries/" + strconv.Itoa(n)
	if k := d.PeekKind(); k != '{' {
		p := h.lc.pos(h.next())
		h.doc.Problems = append(h.doc.Problems, request.Problem{Rule: request.RuleNotARequest, Request: n, Pointer: ptr,
			Message: "expected a HAR entry (an object with \"request\"), got " + kindName(k), Span: request.Span{Start: p, End: p}})
		return h.skip()
	}
	d.ReadToken()
	entryStart := h.lc.pos(h.offset() - 1)
	var e entry
	err := h.members(func(key string) error {
		switch key {
		case "request":
			if d.PeekKind() != '{' || e.hasReq {
				return h.skip()
			}
			e.hasReq = true
			raw, err := d.ReadValue()
			if err != nil {
				return h.wrap(err)
			}
			// raw is valid until the next read: build the Request now.
			// Its nesting counts from the top of the file.
			start := h.lc.pos(h.offset() - len(raw))
			v, err := request.Parse(raw, request.Options{MaxDepth: h.opts.Depth() - d.StackDepth()})
			if err != nil {
				var de *request.DepthError
				if errors.As(err, &de) {
					err = &request.DepthError{Pos: de.Pos, Max: h.opts.Depth()}
				}
				p := request.ParseErrorProblem(raw, err)
				p.Span = shiftSpan(p.Span, start)
				p.Request = n
				h.doc.Problems = append(h.doc.Problems, p)
				return nil
			}
			r, probs := h.request(v, raw, start, n, ptr+"/request")
			h.doc.Problems = append(h.doc.Problems, probs...)
			if r != nil && (!request.IsStackOneURL(r) || isPreflight(r)) {
				e.skipped = true
				r = nil
			}
			e.req = r
		case "startedDateTime":
			s, ok, err := h.str()
			if !ok {
				return err
			}
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				e.started = t
			}
		case "response":
			if !h.opts.Responses {
				return h.skip()
			}
			if ok, err := h.want('{'); !ok {
				return err
			}
			return h.readResponse(&e, ptr+"/response")
		default:
			return h.skip()
		}
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case !e.hasReq:
		h.doc.Problems = append(h.doc.Problems, request.Problem{Rule: request.RuleNotARequest, Request: n, Pointer: ptr,
			Message: `HAR entry has no "request" object`, Span: request.Span{Start: entryStart, End: entryStart}})
	case e.skipped:
		h.doc.Skipped++
	case e.req != nil:
		e.req.Time = e.started
		if h.opts.Each != nil {
			h.opts.Each(e.req)
		} else {
			h.doc.Requests = append(h.doc.Requests, e.req)
		}
		if e.resp != nil && !e.respOK {
			e.resp.Request = e.req
			h.doc.Responses = append(h.doc.Responses, *e.resp)
		}
	}
	return nil
}

// isPreflight reports whether a request is a browser's CORS preflight
// (OPTIONS with Access-Control-Request-Method), which the browser sends by
// itself before the request the application made.
func isPreflight(r *request.Request) bool {
	return r.Method == "OPTIONS" && r.Header("access-control-request-method") != nil
}

// readResponse reads an entry's response: status, the Retry-After header
// and content; it keeps the content only while the response may be an
// error.
func (h *harReader) readResponse(e *entry, ptr string) error {
	d := h.dec
	d.ReadToken()
	resp := &Response{Pointer: ptr + "/status"}
	status := -1
	var text string
	hasText, base64Text := false, false
	err := h.members(func(key string) error {
		switch key {
		case "status":
			if ok, err := h.want('0'); !ok {
				return err
			}
			tok, err := d.ReadToken()
			if err != nil {
				return h.wrap(err)
			}
			end := h.offset()
			lit := tok.String()
			if n, err := strconv.Atoi(lit); err == nil {
				status = n
			}
			resp.Span = request.Span{Start: h.lc.pos(end - len(lit)), End: h.lc.pos(end)}
		case "headers":
			if ok, err := h.want('['); !ok {
				return err
			}
			raw, err := d.ReadValue()
			if err != nil {
				return h.wrap(err)
			}
			if v, err := request.Parse(raw, h.opts.Options); err == nil {
				for _, hd := range v.Elems {
					name, _ := hd.Get("name").StringValue()
					if strings.EqualFold(name, "retry-after") {
						resp.RetryAfter, _ = hd.Get("value").StringValue()
						resp.RetryAfter = strings.Clone(resp.RetryAfter)
					}
				}
			}
		case "content":
			if ok, err := h.want('{'); !ok {
				return err
			}
			d.ReadToken()
			return h.members(func(key string) error {
				switch key {
				case "text":
					if status >= 0 && status < 400 {
						return h.skip() // a success: its body is never kept
					}
					s, ok, err := h.str()
					switch {
					case !ok:
						return err
					case len(s) > h.opts.MaxResponseBody:
						resp.BodyTooLarge = true
					default:
						text, hasText = s, true
					}
				case "encoding":
					s, ok, err := h.str()
					if !ok {
						return err
					}
					base64Text = strings.EqualFold(s, "base64")
				case "mimeType":
					s, ok, err := h.str()
					if !ok {
						return err
					}
					resp.MimeType = s
				default:
					return h.skip()
				}
				return nil
			})
		default:
			return h.skip()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if status < 400 {
		e.respOK = true
		return nil
	}
	resp.Status = status
	if hasText {
		if base64Text {
			b, err := base64.StdEncoding.DecodeString(text)
			if err == nil {
				resp.Body = b
			}
		} else {
			resp.Body = []byte(text)
		}
	}
	e.resp = resp
	return nil
}

// request converts a HAR request object (positions relative to start)
// into a compact Request with file positions. It returns nil for an entry
// without a usable method or url.
func (h *harReader) request(v *request.Value, raw []byte, start request.Pos, index int, ptr string) (*request.Request, []request.Problem) {
	var probs []request.Problem
	bad := func(val *request.Value, msg string) {
		probs = append(probs, request.Problem{Rule: request.RuleNotARequest, Message: msg, Span: shiftSpan(val.Span, start),
			Pointer: ptr + val.Pointer, Request: index})
	}
	method, urlV := v.Get("method"), v.Get("url")
	switch {
	case method == nil || method.Kind != request.String || strings.TrimSpace(method.Str) == "":
		bad(v, `HAR request has no "method" string`)
		return nil, probs
	case urlV == nil || urlV.Kind != request.String || urlV.Str == "":
		bad(v, `HAR request has no "url" string`)
		return nil, probs
	}
	r := &request.Request{
		Index:           index,
		Pointer:         ptr,
		Span:            shiftSpan(v.Span, start),
		Method:          strings.Clone(strings.ToUpper(method.Str)),
		MethodSpan:      shiftSpan(method.Span, start),
		MethodKnown:     true,
		QueryComplete:   true,
		HeadersComplete: true,
		Input:           request.Recording,
	}
	r.SetURL(h.compact(urlV, start, ptr))
	if !request.IsStackOneURL(r) {
		return r, probs
	}

	switch hs := v.Get("headers"); {
	case hs == nil:
		// A tool that records no headers: they are unknown, not absent.
		r.HeadersComplete = false
	case hs.Kind != request.Array:
		bad(hs, `HAR request "headers" must be an array of {"name", "value"} objects, got `+hs.Kind.String())
		r.HeadersComplete = false
	default:
		// The headers are kept as a few allocations per request, not
		// several per header: their values in one slice, and every name,
		// value and pointer cut from one string.
		type pair struct{ name, value *request.Value }
		pairs := make([]pair, 0, len(hs.Elems))
		size := 0
		for _, e := range hs.Elems {
			name, value := e.Get("name"), e.Get("value")
			if name == nil || name.Kind != request.String || value == nil || value.Kind != request.String {
				bad(e, `a HAR header must be an object with string "name" and "value"`)
				r.HeadersComplete = false
				continue
			}
			if strings.HasPrefix(name.Str, ":") {
				continue // HTTP/2 pseudo-header (:authority, :path…)
			}
			pairs = append(pairs, pair{name, value})
			size += len(name.Str) + len(value.Str) + len(ptr) + len(value.Pointer)
		}
		var b strings.Builder
		b.Grow(size)
		for _, p := range pairs {
			b.WriteString(p.name.Str)
			b.WriteString(p.value.Str)
			b.WriteString(ptr)
			b.WriteString(p.value.Pointer)
		}
		all, off := b.String(), 0
		cut := func(n int) string {
			s := all[off : off+n]
			off += n
			return s
		}
		r.Headers = make([]request.Header, len(pairs))
		values := make([]request.Value, len(pairs))
		for i, p := range pairs {
			name, value := cut(len(p.name.Str)), cut(len(p.value.Str))
			values[i] = request.Value{Kind: request.String, Str: value, Span: shiftSpan(p.value.Span, start),
				Pointer: cut(len(ptr) + len(p.value.Pointer))}
			r.Headers[i] = request.Header{Name: name, NameSpan: shiftSpan(p.name.Span, start), Value: &values[i]}
		}
	}

	if pd := v.Get("postData"); pd != nil && pd.Kind == request.Object {
		text := pd.Get("text")
		mime, _ := pd.Get("mimeType").StringValue()
		switch {
		case text == nil || text.Kind != request.String:
			if pd.Get("params") != nil {
				// Form parameters: a body atslint cannot read as JSON.
				r.Body = &request.Value{Kind: request.Unknown, Span: shiftSpan(pd.Span, start), Pointer: ptr + pd.Pointer}
			}
		case text.Str == "":
		default:
			var p *request.Problem
			r.Body, p = h.body(text, raw, mime, start, ptr, index)
			if p != nil {
				probs = append(probs, *p)
			}
		}
		if m := pd.Member("text"); m != nil {
			r.BodyKeySpan = shiftSpan(m.KeySpan, start)
		}
	}
	return r, probs
}

// compact copies a string value out of the parse tree, with file
// positions, so that the tree can be dropped.
func (h *harReader) compact(v *request.Value, start request.Pos, ptr string) *request.Value {
	return &request.Value{Kind: request.String, Str: strings.Clone(v.Str), Span: shiftSpan(v.Span, start), Pointer: ptr + v.Pointer}
}

// body parses postData.text (value text of the request tree) as JSON and
// maps every position into the HAR file.
func (h *harReader) body(text *request.Value, raw []byte, mime string, start request.Pos, ptr string, index int) (*request.Value, *request.Problem) {
	lit := shiftSpan(text.Span, start)
	pointer := ptr + text.Pointer
	m := newStringMap(text, raw[text.Span.Start.Offset:text.Span.End.Offset], lit)
	root, err := request.Parse([]byte(text.Str), h.opts.Options)
	if err != nil {
		unknown := &request.Value{Kind: request.Unknown, Span: lit, Pointer: pointer}
		if !strings.Contains(strings.ToLower(mime), "json") {
			return unknown, nil
		}
		p := request.ParseErrorProblem([]byte(text.Str), err)
		p.Message = "request body (postData.text): " + p.Message
		p.Span = m.span(p.Span)
		p.Pointer, p.Request = pointer, index
		return unknown, &p
	}
	root.Walk(func(v *request.Value) {
		v.Span = m.span(v.Span)
		v.Pointer = pointer + v.Pointer
		for _, mem := range v.Members {
			mem.KeySpan = m.span(mem.KeySpan)
		}
	})
	return root, nil
}

// stringMap maps byte offsets of a decoded JSON string to positions of
// its literal in the file.
type stringMap struct {
	lit  request.Span // the literal, quotes included, in the file
	offs []int        // offs[i]: file offset of the source of decoded byte i; offs[len] is the closing quote
}

// newStringMap builds the map of string value v whose literal, raw, is at
// lit in the file. Each decoded byte maps to the first byte of what it was
// written as (the backslash of an escape). When the literal cannot be
// mapped byte by byte (it decodes to something else than v.Str), every
// position maps to the whole literal.
func newStringMap(v *request.Value, raw []byte, lit request.Span) stringMap {
	m := stringMap{lit: lit}
	if lit.Start.Line != lit.End.Line || len(raw) < 2 {
		return m
	}
	offs := make([]int, 0, len(v.Str)+1)
	var buf [utf8.UTFMax]byte
	for j := 1; j < len(raw)-1; {
		if raw[j] != '\\' {
			offs = append(offs, lit.Start.Offset+j)
			j++
			continue
		}
		if j+1 < len(raw)-1 && raw[j+1] != 'u' {
			offs = append(offs, lit.Start.Offset+j)
			j += 2
			continue
		}
		// \uXXXX, possibly a surrogate pair \uD83D\uDE00.
		r, n := decodeUEscape(raw[j:])
		if n == 0 {
			return m
		}
		w := utf8.EncodeRune(buf[:], r)
		for range w {
			offs = append(offs, lit.Start.Offset+j)
		}
		j += n
	}
	if len(offs) != len(v.Str) {
		return m
	}
	m.offs = append(offs, lit.End.Offset-1)
	return m
}

// span maps a span relative to the decoded string into the file.
func (m stringMap) span(s request.Span) request.Span {
	if m.offs == nil {
		return m.lit
	}
	return request.Span{Start: m.pos(s.Start.Offset), End: m.pos(s.End.Offset)}
}

func (m stringMap) pos(off int) request.Pos {
	if off < 0 {
		off = 0
	}
	if off >= len(m.offs) {
		off = len(m.offs) - 1
	}
	o := m.offs[off]
	return request.Pos{Offset: o, Line: m.lit.Start.Line, Column: m.lit.Start.Column + int32(o-m.lit.Start.Offset)}
}

// decodeUEscape decodes a \uXXXX escape (or a surrogate pair of them) at
// the start of b, returning the rune and the bytes consumed (0 when
// malformed). An unpaired surrogate decodes to U+FFFD, as the parser does.
func decodeUEscape(b []byte) (rune, int) {
	hex4 := func(b []byte) (rune, bool) {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(b[2:6]), 16, 16)
		return rune(n), err == nil
	}
	r, ok := hex4(b)
	if !ok {
		return 0, 0
	}
	if r >= 0xD800 && r < 0xDC00 {
		if r2, ok := hex4(b[6:]); ok && r2 >= 0xDC00 && r2 < 0xE000 {
			return 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00), 12
		}
		return utf8.RuneError, 6
	}
	if r >= 0xDC00 && r < 0xE000 {
		return utf8.RuneError, 6
	}
	return r, 6
}

// shiftSpan moves a span relative to a value that starts at start into
// the file.
func shiftSpan(s request.Span, start request.Pos) request.Span {
	return request.Span{Start: shiftPos(s.Start, start), End: shiftPos(s.End, start)}
}

func shiftPos(p, start request.Pos) request.Pos {
	out := request.Pos{Offset: start.Offset + p.Offset, Line: start.Line + p.Line - 1, Column: p.Column}
	if p.Line == 1 {
		out.Column = start.Column + p.Column - 1
	}
	return out
}

// lineCounter wraps the HAR reader's input and turns file offsets into
// line and column. It remembers the offsets of the newlines it has read
// but not yet passed (the decoder's read-ahead and the current entry), so
// that its memory stays bounded however long the file is. Lookups must
// come in increasing offset order, which a streaming reader does.
type lineCounter struct {
	r   io.Reader
	err error
	n   int   // bytes read so far
	nl  []int // offsets of newlines at or after the last lookup
	// line is the number of newlines before the last lookup's offset;
	// lastNL the offset of the last of them (-1 when none).
	line, lastNL int
	inited       bool
}

func (c *lineCounter) Read(p []byte) (int, error) {
	if !c.inited {
		c.lastNL, c.inited = -1, true
	}
	n, err := c.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		c.nl = append(c.nl, c.n+i+j)
		i += j + 1
	}
	c.n += n
	if err != nil && err != io.EOF {
		c.err = err
	}
	return n, err
}

func (c *lineCounter) total() int { return c.n }

// pos returns the position of offset off, which must not be before the
// last offset looked up.
func (c *lineCounter) pos(off int) request.Pos {
	if !c.inited {
		c.lastNL, c.inited = -1, true
	}
	c.release(off)
	line, col := request.LineCol(c.line+1, off-c.lastNL)
	return request.Pos{Offset: off, Line: line, Column: col}
}

// release forgets the newlines before off.
func (c *lineCounter) release(off int) {
	if !c.inited {
		c.lastNL, c.inited = -1, true
	}
	i := 0
	for i < len(c.nl) && c.nl[i] < off {
		i++
	}
	if i == 0 {
		return
	}
	c.line += i
	c.lastNL = c.nl[i-1]
	c.nl = append(c.nl[:0], c.nl[i:]...)
}
