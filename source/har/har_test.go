package har

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/atslint/atslint/request"
)

// harOf wraps entries (JSON text) in a HAR log, one entry per line.
func harOf(entries ...string) string {
	return "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"test\", \"version\": \"1\"}, \"entries\": [\n" +
		strings.Join(entries, ",\n") + "\n]}}\n"
}

func readHAR(t *testing.T, data string, opts Options) *Recording {
	t.Helper()
	doc, err := Read(strings.NewReader(data), opts)
	must(t, err == nil, "ReadHAR: %v", err)
	return doc
}

// at returns the text of data covered by span s.
func at(data string, s request.Span) string { return data[s.Start.Offset:s.End.Offset] }

func TestReadHARRequests(t *testing.T) {
	data := harOf(
		`{"startedDateTime": "2024-01-15T10:30:00.123Z", "request": {"method": "get", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500&filter[updated_after]=2024-01-01", "headers": [{"name": ":authority", "value": "api.stackone.com"}, {"name": "x-account-id", "value": "acc_1"}], "queryString": [{"name": "page_size", "value": "500"}]}, "response": {"status": 200, "content": {"text": "{}"}}}`,
		`{"request": {"method": "GET", "url": "https://cdn.example.com/app.js", "headers": []}}`,
		`{"request": {"method": "GET", "url": "https://api.stackone.com/accounts", "headers": []}}`,
		`{"request": {"method": "GET", "url": "https://evil-stackone.com/unified/ats/jobs", "headers": []}}`,
		`{"startedDateTime": "2024-01-15T11:30:00+01:00", "request": {"method": "POST", "url": "https://eu.stackone.com:443/unified/ats/candidates", "headers": [{"name": "Content-Type", "value": "application/json"}], "postData": {"mimeType": "application/json", "text": "{\"first_name\": \"Ada\"}"}}}`,
	)
	doc := readHAR(t, data, Options{})
	eq(t, len(doc.Problems), 0, "problems %v", doc.Problems)
	eq(t, doc.Skipped, 3, "skipped")
	must(t, len(doc.Requests) == 2, "requests: %d", len(doc.Requests))

	r := doc.Requests[0]
	eq(t, r.Index, 0, "index")
	eq(t, r.Pointer, "/log/entries/0/request", "pointer")
	eq(t, r.Method, "GET", "method")
	eq(t, r.Path, "/unified/ats/jobs", "path")
	eq(t, r.Time, time.Date(2024, 1, 15, 10, 30, 0, 123e6, time.UTC), "time")
	eq(t, r.Root, (*request.Value)(nil), "root is dropped")
	eq(t, at(data, r.MethodSpan), `"get"`, "method span")
	eq(t, r.PathPointer, "/log/entries/0/request/url", "url pointer")
	must(t, len(r.Query) == 2, "query %v", r.Query)
	eq(t, r.Query[0].FullName(), "page_size", "param")
	eq(t, at(data, r.Query[0].KeySpan), "page_size", "param key span")
	eq(t, at(data, r.Query[0].Value.Span), "500", "param value span")
	eq(t, r.Query[0].Value.Span.Start, naivePos([]byte(data), r.Query[0].Value.Span.Start.Offset), "param line/column")
	eq(t, r.Query[1].FullName(), "filter[updated_after]", "filter")
	must(t, len(r.Headers) == 1, "pseudo-headers are dropped: %v", r.Headers)
	eq(t, r.Headers[0].Name, "x-account-id", "header")
	eq(t, at(data, r.Headers[0].NameSpan), `"x-account-id"`, "header name span")
	eq(t, at(data, r.Headers[0].Value.Span), `"acc_1"`, "header value span")
	eq(t, r.Headers[0].Value.Pointer, "/log/entries/0/request/headers/1/value", "header pointer")
	eq(t, r.Body, (*request.Value)(nil), "no body")

	r = doc.Requests[1]
	eq(t, r.Index, 4, "index is the entry's")
	eq(t, r.Host, "eu.stackone.com:443", "host")
	eq(t, r.Time.Equal(time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC)), true, "time with offset: %v", r.Time)
	must(t, r.Body != nil && r.Body.Kind == request.Object, "body %v", r.Body)
	fn := r.Body.Member("first_name")
	eq(t, at(data, fn.KeySpan), `\"first_name\"`, "body key span maps through escapes")
	eq(t, at(data, fn.Value.Span), `\"Ada\"`, "body value span")
	eq(t, fn.Value.Pointer, "/log/entries/4/request/postData/text/first_name", "body pointer")
	eq(t, fn.Value.Span.Start, naivePos([]byte(data), fn.Value.Span.Start.Offset), "body line/column")
	eq(t, at(data, r.BodyKeySpan), `"text"`, "body key span")
}

func TestReadHARBodyEscapes(t *testing.T) {
	// The body text holds every kind of escape before the value looked
	// at: \" \\ \n \u00e9 and a surrogate pair.
	text := `{\"note\": \"a \\\"b\\\" \\n \\u00e9 \\ud83d\\ude00\", \"x\\u00e9\": \"\u00e9\ud83d\ude00\", \"auther_id\": 7}`
	data := harOf(`{"request": {"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/1/notes", "headers": [], "postData": {"mimeType": "application/json", "text": "` + text + `"}}}`)
	doc := readHAR(t, data, Options{})
	must(t, len(doc.Requests) == 1 && len(doc.Problems) == 0, "%v", doc.Problems)
	b := doc.Requests[0].Body
	eq(t, b.Get("note").Str, "a \"b\" \n \u00e9 \U0001F600", "decoded twice")
	eq(t, at(data, b.Member("x\u00e9").KeySpan), `\"x\\u00e9\"`, "key with escape")
	eq(t, b.Get("x\u00e9").Str, "\u00e9\U0001F600", "unicode escapes")
	eq(t, at(data, b.Get("x\u00e9").Span), `\"\u00e9\ud83d\ude00\"`, "value with surrogate pair")
	eq(t, at(data, b.Member("auther_id").KeySpan), `\"auther_id\"`, "key after escapes")
	eq(t, at(data, b.Get("auther_id").Span), `7`, "number after escapes")
}

func TestReadHARBodies(t *testing.T) {
	data := harOf(
		`{"request": {"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates", "headers": [], "postData": {"mimeType": "application/json", "text": "{\"a\": }"}}}`,
		`{"request": {"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates", "headers": [], "postData": {"mimeType": "text/plain", "text": "a=b"}}}`,
		`{"request": {"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates", "headers": [], "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "a", "value": "b"}]}}}`,
		`{"request": {"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates", "postData": {"mimeType": "application/json", "text": ""}}}`,
	)
	doc := readHAR(t, data, Options{})
	must(t, len(doc.Requests) == 4, "requests %d", len(doc.Requests))
	must(t, len(doc.Problems) == 1, "problems %v", doc.Problems)
	p := doc.Problems[0]
	eq(t, p.Rule, request.RuleSyntax, "rule")
	eq(t, p.Message, "request body (postData.text): missing value after object key", "message")
	eq(t, at(data, request.Span{Start: p.Span.Start, End: request.Pos{Offset: p.Span.Start.Offset + 1}}), "}", "position inside the text")
	eq(t, p.Pointer, "/log/entries/0/request/postData/text", "pointer")
	for i := 0; i < 3; i++ {
		eq(t, doc.Requests[i].Body.Kind, request.Unknown, "body %d is unknown", i)
	}
	eq(t, doc.Requests[3].Body, (*request.Value)(nil), "empty text is no body")
	eq(t, doc.Requests[3].HeadersComplete, false, "no headers recorded: unknown")
	eq(t, doc.Requests[0].HeadersComplete, true, "empty headers array: known")
}

func TestReadHARProblems(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       []string // rule@line:col message
		requests   int
	}{
		{"not an object", `[1, 2]`, []string{`input/not-a-request@1:1 expected a HAR recording (an object with "log": {"entries": [...]}), got array`}, 0},
		{"no entries", `{"log": {"version": "1.2"}}`, []string{`input/not-a-request@1:1 expected a HAR recording (an object with "log": {"entries": [...]}), got an object without "log.entries"`}, 0},
		{"no entries, lines", "\n  {\n\"log\": {\n\"version\": \"1.2\"}\n}\n", []string{`input/not-a-request@2:3 expected a HAR recording (an object with "log": {"entries": [...]}), got an object without "log.entries"`}, 0},
		{"entries not an array", `{"log": {"entries": {}}}`, []string{`input/not-a-request@1:21 HAR "entries" must be an array, got object`}, 0},
		{"empty", ``, []string{`input/syntax@1:1 empty file`}, 0},
		{"entry problems", harOf(`1`, `{"time": 5}`, `{"request": {"url": "https://api.stackone.com/unified/ats/jobs"}}`, `{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": [{"name": 1}]}}`),
			[]string{
				`input/not-a-request@2:1 expected a HAR entry (an object with "request"), got number`,
				`input/not-a-request@3:1 HAR entry has no "request" object`,
				`input/not-a-request@4:13 HAR request has no "method" string`,
				`input/not-a-request@5:95 a HAR header must be an object with string "name" and "value"`,
			}, 1},
		{"truncated keeps what was read", harOf(`{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}}`, `{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}, "response": {"status": 2`)[:190],
			[]string{`input/syntax@3:22 unexpected end of input`}, 1},
		{"syntax error", harOf(`{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}}`, `{"response": {"status": 200,, }}`),
			[]string{`input/syntax@3:29 invalid character ',' at start of value`}, 1},
		{"trailing data", `{"log": {"entries": []}} x`, []string{`input/syntax@1:26 invalid character 'x' at start of value`}, 0},
		{"too deep in a response", harOf(`{"response": ` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`),
			[]string{`input/too-deep@2:42 nesting deeper than 32 levels`}, 0},
		{"too deep in a request", harOf(`{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "x": `+strings.Repeat("[", 40)+strings.Repeat("]", 40)+`}}`, `{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}}`),
			[]string{`input/too-deep@2:115 nesting deeper than 32 levels`}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := readHAR(t, tc.data, Options{Options: request.Options{MaxDepth: 32}})
			var got []string
			for _, p := range doc.Problems {
				got = append(got, fmt.Sprintf("%s@%d:%d %s", p.Rule, p.Span.Start.Line, p.Span.Start.Column, p.Message))
				if p.Span.Start.Offset <= len(tc.data) {
					eq(t, p.Span.Start, naivePos([]byte(tc.data), p.Span.Start.Offset), "position of %s", p.Message)
				}
			}
			eq(t, got, tc.want, "problems")
			eq(t, len(doc.Requests), tc.requests, "requests")
		})
	}
}

func TestReadHARResponses(t *testing.T) {
	data := harOf(
		`{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}, "response": {"status": 200, "content": {"text": "{\"data\": []}"}}}`,
		`{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}, "response": {"status": 429, "headers": [{"name": "Retry-After", "value": "30"}], "content": {"mimeType": "application/json", "text": "{\"statusCode\": 429}"}}}`,
		`{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}, "response": {"content": {"encoding": "base64", "text": "eyJzdGF0dXNDb2RlIjogNTAxfQ=="}, "status": 501}}`,
		`{"request": {"method": "GET", "url": "https://example.com/x"}, "response": {"status": 500}}`,
		`{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}, "response": {"status": 502, "content": {"text": "0123456789abcdefghijklmnopqrstuvwxyz"}}}`,
	)
	doc := readHAR(t, data, Options{Responses: true, MaxResponseBody: 30})
	must(t, len(doc.Responses) == 3, "responses %v", doc.Responses)
	r := doc.Responses[0]
	eq(t, r.Status, 429, "status")
	eq(t, r.Request, doc.Requests[1], "request")
	eq(t, r.RetryAfter, "30", "retry-after")
	eq(t, string(r.Body), `{"statusCode": 429}`, "body")
	eq(t, r.MimeType, "application/json", "mime")
	eq(t, at(data, r.Span), "429", "status span")
	eq(t, r.Pointer, "/log/entries/1/response/status", "pointer")
	eq(t, string(doc.Responses[1].Body), `{"statusCode": 501}`, "base64 body, text before status")
	eq(t, doc.Responses[2].Body, []byte(nil), "too large")
	eq(t, doc.Responses[2].BodyTooLarge, true, "too large")
	eq(t, doc.Skipped, 1, "skipped")

	doc = readHAR(t, data, Options{})
	eq(t, len(doc.Responses), 0, "responses only when asked")
}

func TestSniff(t *testing.T) {
	eq(t, Sniff([]byte(" {\n \"log\": {")), true, "sniff")
	eq(t, Sniff([]byte("\xEF\xBB\xBF{\"log\": {")), true, "sniff after a byte order mark")
	eq(t, Sniff([]byte(`{"method": "GET"}`)), false, "sniff a request")
	eq(t, Sniff([]byte(`{"lo`)), false, "sniff a cut key")
}

// TestLineCounter compares the streaming line counter with a naive scan
// over a file read in small, uneven chunks.
func TestLineCounter(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 500; i++ {
		b.WriteString(strings.Repeat("x", i%7))
		if i%3 != 0 {
			b.WriteString("\r\n")
		} else {
			b.WriteString("\n")
		}
	}
	data := []byte(b.String())
	lc := &lineCounter{r: &chunkReader{data: data, sizes: []int{1, 7, 3, 64, 2}}}
	buf := make([]byte, 4096)
	for off := 0; off <= len(data); off += 13 {
		for lc.n < off {
			if _, err := lc.Read(buf[:1+off%50]); err != nil {
				break
			}
		}
		eq(t, lc.pos(off), naivePos(data, off), "offset %d", off)
	}
	must(t, len(lc.nl) < 40, "newlines are released: %d kept", len(lc.nl))
}

type chunkReader struct {
	data  []byte
	sizes []int
	i     int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), c.sizes[c.i%len(c.sizes)], len(c.data))
	c.i++
	copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

func TestReadHARReadError(t *testing.T) {
	r := &failReader{data: []byte(harOf(`{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}}`))}
	_, err := Read(r, Options{})
	must(t, errors.Is(err, errBroken), "want the read error, got %v", err)
}

var errBroken = errors.New("broken disk")

type failReader struct{ data []byte }

func (f *failReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, errBroken
	}
	n := copy(p, f.data[:min(len(f.data), 20)])
	f.data = f.data[n:]
	return n, nil
}

// FuzzRead: no input makes the HAR reader panic, and every position it
// reports is where it says it is.
func FuzzRead(f *testing.F) {
	f.Add(harOf(`{"startedDateTime": "2024-01-15T10:30:00Z", "request": {"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates?page_size=5", "headers": [{"name": "x-account-id", "value": "a"}], "postData": {"mimeType": "application/json", "text": "{\"a\\u00e9\": [1, \"\\\"\"]}"}}, "response": {"status": 400, "content": {"text": "{}"}}}`))
	f.Add(harOf(`1`, `{}`, `{"request": {"method": "GET", "url": "https://x.example/unified/ats/jobs"}}`))
	f.Add(`{"log": {"entries": [{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "postData": {"text": "{\"a\": [}"}}}]}}`)
	f.Add("\xEF\xBB\xBF{\"log\": {\"entries\": []}}")
	f.Add(`{"log": {"entries": [{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}, "response": {"status": 5`)
	f.Fuzz(func(t *testing.T, data string) {
		doc, err := Read(strings.NewReader(data), Options{Options: request.Options{MaxDepth: 64}, Responses: true})
		if err != nil {
			t.Fatalf("read error from a string reader: %v", err)
		}
		check := func(what string, p request.Pos) {
			if p.Offset < 0 || p.Offset > len(data) || p != naivePos([]byte(data), p.Offset) {
				t.Fatalf("%s: bad position %+v", what, p)
			}
		}
		for _, p := range doc.Problems {
			if p.Span.Start.Line > 0 {
				check(p.Message, p.Span.Start)
			}
		}
		for _, r := range doc.Requests {
			check("request", r.Span.Start)
			check("request end", r.Span.End)
			for _, h := range r.Headers {
				check("header", h.Value.Span.Start)
			}
			if r.Body != nil && r.Body.Kind != request.Unknown {
				r.Body.Walk(func(v *request.Value) { check("body value", v.Span.Start); check("body value end", v.Span.End) })
			}
		}
	})
}

func TestHARRequestsAreRecordings(t *testing.T) {
	doc := readHAR(t, harOf(`{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": []}}`), Options{})
	must(t, len(doc.Requests) == 1, "requests: %d", len(doc.Requests))
	eq(t, doc.Requests[0].Input, request.Recording, "input")
}
