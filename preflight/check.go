package preflight

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

// check reads the body, builds the Request and runs the engine. It returns
// the request to hand on (req itself, or a copy whose body replays the
// bytes read) and the diagnostics. A non-nil error means the request must
// not be sent (fail-closed); the caller closes its body.
func (t *transport) check(req *http.Request, path string) (send *http.Request, diags []rules.Diagnostic, err error) {
	body, tree, send := t.readBody(req)
	defer tree.release()
	r, b := t.build(req, path, body)
	defer b.release()
	defer func() {
		if v := recover(); v != nil {
			diags = nil
			if ferr := t.failed(v); t.closed {
				err = ferr
			}
		}
	}()
	r.Time = t.now()
	diags, rec := t.engine.CheckRequest(r)
	if len(diags) > 0 {
		// Nothing is reported without pointers: give the request its
		// pointers and check it again (the engine is deterministic; the
		// Record of the first check is the one counted).
		setRequestPointers(r)
		diags, _ = t.engine.CheckRequest(r)
	}
	// The rate rules count this request among those this transport has
	// sent, under the tracker's lock.
	diags = append(diags, t.tracker.Add(rec)...)
	// A fix is byte edits on a source; a live request has none, and the
	// edits' text may hold the request's values.
	for i := range diags {
		diags[i].Fix = nil
	}
	rules.SortDiagnostics(diags)
	return send, diags, nil
}

// setRequestPointers gives the headers and body of a request built by
// build the JSON Pointers they have in a request document.
func setRequestPointers(r *request.Request) {
	for i := range r.Headers {
		r.Headers[i].Value.Pointer = "/headers/" + request.PointerToken(r.Headers[i].Name)
	}
	if r.Body != nil {
		setPointers(r.Body, "/body")
	}
}

// failed reports a failure inside the engine once per rule and returns
// the error a fail-closed transport gives for it.
func (t *transport) failed(v any) error {
	id := "atslint"
	rp, ok := v.(*rules.RulePanic)
	if ok {
		id = rp.Rule
		v = rp.Value
	}
	// The panic value of a runtime error names no request value; any other
	// value could hold anything, so only its type is told.
	what := fmt.Sprintf("%T", v)
	if err, ok := v.(interface{ RuntimeError() }); ok {
		what = fmt.Sprint(err)
	}
	if _, seen := t.failedRules.LoadOrStore(id, true); !seen {
		slog.Error("atslint preflight: a rule failed; requests it fails on are "+map[bool]string{false: "sent unchecked", true: "blocked"}[t.closed],
			slog.String("rule", id), slog.String("panic", what))
	}
	return &Error{Diagnostics: []rules.Diagnostic{{Rule: id, Severity: rules.Error,
		Message: "the rule failed on this request (" + what + "), and preflight is fail-closed"}}}
}

// readBody returns the body as a JSON value (nil when the request has
// none, Unknown when it cannot be checked) and the request to send. The
// caller's request is never changed: when the body has to be read from
// req.Body itself, a shallow copy carries a body that replays it.
func (t *transport) readBody(req *http.Request) (*request.Value, *leanParser, *http.Request) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil, req
	}
	ct := req.Header.Get("Content-Type")
	if ct != "" && !isJSON(ct) || req.ContentLength > t.maxBody {
		return unknownBody(), nil, req
	}
	var data []byte
	send := req
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return unknownBody(), nil, req
		}
		data, err = t.read(rc, req.ContentLength)
		rc.Close()
		if err != nil || int64(len(data)) > t.maxBody {
			return unknownBody(), nil, req
		}
	} else {
		var err error
		data, err = t.read(req.Body, req.ContentLength)
		c := *req
		send = &c
		switch {
		case err != nil:
			// The base transport meets the same error after the same bytes.
			send.Body = replay{io.MultiReader(bytes.NewReader(data), errReader{err}), req.Body}
			return unknownBody(), nil, send
		case int64(len(data)) > t.maxBody:
			send.Body = replay{io.MultiReader(bytes.NewReader(data), req.Body), req.Body}
			return unknownBody(), nil, send
		}
		send.Body = replay{bytes.NewReader(data), req.Body}
	}
	v, tree := parseLean(data)
	if v == nil {
		tree.release()
		return unknownBody(), nil, send
	}
	return v, tree, send
}

// unknownBody stands for a body that cannot be checked.
func unknownBody() *request.Value { return &request.Value{Kind: request.Unknown, Pointer: "/body"} }

// read reads at most maxBody+1 bytes of a body: in one buffer of the
// announced length when there is one.
func (t *transport) read(r io.Reader, length int64) ([]byte, error) {
	if length <= 0 {
		return io.ReadAll(io.LimitReader(r, t.maxBody+1))
	}
	// One byte more than announced, to see the end without a second
	// buffer (and a body longer than announced, which the base
	// transport will refuse).
	buf := make([]byte, 0, length+1)
	for int64(len(buf)) <= t.maxBody {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(int64(cap(buf)), t.maxBody+1)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// isJSON reports a JSON media type: application/json, or a +json suffix.
func isJSON(ct string) bool {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ct = strings.TrimSpace(ct)
	return strings.EqualFold(ct, "application/json") ||
		len(ct) > 5 && strings.EqualFold(ct[len(ct)-5:], "+json")
}

// replay is a body read ahead of sending: it reads the bytes again, then
// whatever the original has left, and closes the original.
type replay struct {
	io.Reader
	orig io.Closer
}

func (r replay) Close() error { return r.orig.Close() }

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// setTarget sets the path and query of a request from the escaped path
// and raw query of a URL that net/url has parsed (so every escape is
// well-formed). It is what request.SetURL does for a URL string, minus
// the source positions, and minus the copies where nothing is escaped.
func setTarget(r *request.Request, b *built, escPath, rawQuery string) {
	r.PathKnown, r.PathPointer = true, "/url"
	r.Segments = strings.Split(strings.Trim(escPath, "/"), "/")
	if len(r.Segments) == 1 && r.Segments[0] == "" {
		r.Segments = nil
	}
	r.Path = escPath
	if strings.IndexByte(escPath, '%') >= 0 {
		// Split before unescaping, so that %2F stays in its segment.
		parts := strings.Split(escPath, "/")
		for i, s := range parts {
			parts[i] = unescape(s)
		}
		r.Path = strings.Join(parts, "/")
		for i, s := range r.Segments {
			r.Segments[i] = unescape(s)
		}
	}
	if rawQuery == "" {
		return
	}
	readQuery(r, b, rawQuery)
}

// readQuery appends the parameters of a raw query string to r.Query, as
// request.ParseQuery and request.SplitParamName read them (pairs split on
// '&', empty pairs skipped, '+' a space, a malformed escape kept as
// written). Keys and values without escapes are views of rawQuery; the
// decoded ones share one buffer: one allocation per query, not per
// escaped string.
func readQuery(r *request.Request, b *built, rawQuery string) {
	n := strings.Count(rawQuery, "&") + 1
	if cap(b.qvals) < n {
		b.qvals = make([]request.Value, n)
		b.query = make([]request.Param, 0, n)
	}
	vals := b.qvals[:n]
	r.Query = b.query[:0]
	var buf []byte
	decode := func(s string) string {
		i := strings.IndexAny(s, "%+")
		if i < 0 {
			return s
		}
		if buf == nil {
			buf = make([]byte, 0, len(rawQuery))
		}
		start := len(buf)
		buf = append(buf, s[:i]...)
		for ; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
				buf = append(buf, unhex(s[i+1])<<4|unhex(s[i+2]))
				i += 2
			case c == '+':
				buf = append(buf, ' ')
			default:
				buf = append(buf, c)
			}
		}
		// buf never grows past its first capacity (decoding shortens), so
		// earlier views stay valid.
		return view(buf[start:])
	}
	for rest := rawQuery; ; {
		pair, more, found := strings.Cut(rest, "&")
		if pair != "" {
			key, value, _ := strings.Cut(pair, "=")
			name, k := request.SplitParamName(decode(key))
			v := &vals[len(r.Query)]
			*v = request.Value{Kind: request.String, Str: decode(value), Pointer: "/url"}
			r.Query = append(r.Query, request.Param{Name: name, Key: k, Value: v, Pointer: "/url"})
		}
		if !found {
			break
		}
		rest = more
	}
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// lower is strings.ToLower without the copy of what is lowercase already.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// build makes the Request the engine checks: the method, the URL as sent
// to StackOne (a request under BaseURL as if to api.stackone.com), the
// headers and the body, without source positions (there is no source) and
// without JSON Pointers until something is reported (setRequestPointers).
func (t *transport) build(req *http.Request, path string, body *request.Value) (*request.Request, *built) {
	b := builts.Get().(*built)
	r := &b.req
	*r = request.Request{
		Input:           request.Live,
		Provider:        lower(providerOf(req.Context())),
		Method:          upper(req.Method),
		MethodKnown:     true,
		QueryComplete:   true,
		HeadersComplete: true,
		Body:            body,
	}
	if r.Method == "" {
		r.Method = http.MethodGet // net/http's meaning of an empty method
	}
	if t.baseHost != "" && strings.EqualFold(req.URL.Host, t.baseHost) {
		r.Scheme, r.Host = "https", stackOneHost
	} else {
		r.Scheme, r.Host = lower(req.URL.Scheme), lower(req.URL.Host)
	}
	setTarget(r, b, path, req.URL.RawQuery)
	n := 0
	for _, vs := range req.Header {
		n += len(vs)
	}
	if cap(b.vals) < n {
		b.vals = make([]request.Value, n)
		b.headers = make([]request.Header, 0, n)
	}
	vals := b.vals[:n]
	r.Headers = b.headers[:0]
	for name, vs := range req.Header {
		for _, s := range vs {
			v := &vals[len(r.Headers)]
			*v = request.Value{Kind: request.String, Str: s}
			r.Headers = append(r.Headers, request.Header{Name: name, Value: v})
		}
	}
	return r, b
}

// built is the memory of a Request that build made, pooled: the engine
// keeps no part of a request once checked (a rate rule keeps a Record, a
// diagnostic its own strings), so the next request reuses it.
type built struct {
	req     request.Request
	headers []request.Header
	vals    []request.Value
	query   []request.Param
	qvals   []request.Value
}

var builts = sync.Pool{New: func() any { return new(built) }}

// release clears what the request held and pools its memory.
func (b *built) release() {
	b.req = request.Request{}
	clear(b.headers[:cap(b.headers)])
	clear(b.vals)
	clear(b.query[:cap(b.query)])
	clear(b.qvals)
	if cap(b.vals) > 256 { // a request with very many headers
		b.headers, b.vals = nil, nil
	}
	if cap(b.qvals) > 256 {
		b.query, b.qvals = nil, nil
	}
	builts.Put(b)
}

// upper is strings.ToUpper without the copy of what is upper case already.
func upper(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= 0x80 {
			return strings.ToUpper(s)
		}
	}
	return s
}
