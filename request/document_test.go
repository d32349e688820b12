package request

import (
	"strings"
	"testing"
)

// lc formats a span as "L:C-L:C".
func lc(s Span) string {
	return sp(s)[:strings.IndexByte(sp(s), '@')]
}

// text returns the source text a span covers.
func text(data string, s Span) string { return data[s.Start.Offset:s.End.Offset] }

func readOne(t *testing.T, in string) (*Request, []Problem) {
	t.Helper()
	doc, err := ReadDocument([]byte(in), Options{})
	must(t, err == nil, "ReadDocument: %v", err)
	must(t, len(doc.Requests) == 1, "want 1 request, got %d (problems %+v)", len(doc.Requests), doc.Problems)
	return doc.Requests[0], doc.Problems
}

func TestReadDocumentSingle(t *testing.T) {
	r, probs := readOne(t, smallRequest)
	eq(t, len(probs), 0, "problems")
	eq(t, r.Index, 0, "Index")
	eq(t, r.Pointer, "", "Pointer")
	eq(t, lc(r.Span), "1:1-8:2", "Span")
	must(t, r.Root != nil && r.Root.Kind == Object, "Root")
	eq(t, r.Provider, "bullhorn", "Provider")
	eq(t, lc(r.ProviderSpan), "2:15-2:25", "ProviderSpan")
	eq(t, r.Method, "POST", "Method")
	eq(t, r.MethodKnown, true, "MethodKnown")
	eq(t, lc(r.MethodSpan), "3:13-3:19", "MethodSpan")
	eq(t, r.URL, "https://api.stackone.com/unified/ats/candidates/12345/notes", "URL")
	eq(t, r.Scheme, "https", "Scheme")
	eq(t, r.Host, "api.stackone.com", "Host")
	eq(t, r.Path, "/unified/ats/candidates/12345/notes", "Path")
	eq(t, r.PathKnown, true, "PathKnown")
	eq(t, r.PathPointer, "/url", "PathPointer")
	eq(t, lc(r.PathSpan), "4:10-4:71", "PathSpan")
	eq(t, r.PathSegments(), []string{"unified", "ats", "candidates", "12345", "notes"}, "PathSegments")
	var segs []string
	for _, s := range r.PathSegmentSpans {
		segs = append(segs, lc(s)+" "+text(smallRequest, s))
	}
	eq(t, segs, []string{
		"4:36-4:43 unified", "4:44-4:47 ats", "4:48-4:58 candidates", "4:59-4:64 12345", "4:65-4:70 notes",
	}, "PathSegmentSpans")

	eq(t, r.HeadersComplete, true, "HeadersComplete")
	must(t, len(r.Headers) == 2, "headers: %+v", r.Headers)
	eq(t, r.Headers[0].Name, "x-account-id", "header name")
	eq(t, lc(r.Headers[0].NameSpan), "5:16-5:30", "header name span")
	eq(t, r.Headers[0].Value.Str, "acc_9f2", "header value")
	eq(t, r.Header("CONTENT-TYPE").Value.Str, "application/json", "case-insensitive header lookup")

	eq(t, r.QueryComplete, true, "QueryComplete")
	must(t, len(r.Query) == 2, "query: %+v", r.Query)
	q := r.Query[0]
	eq(t, [2]string{q.Name, q.Key}, [2]string{"filter", "updated_after"}, "nested filter")
	eq(t, q.Pointer, "/query/filter/updated_after", "filter pointer")
	eq(t, text(smallRequest, q.KeySpan), `"updated_after"`, "filter key span")
	eq(t, q.Value.Kind, String, "filter value kind")
	q = r.Query[1]
	eq(t, [3]string{q.Name, q.Key, q.Value.Str}, [3]string{"page_size", "", "50"}, "page_size")
	eq(t, q.Value.Kind, Number, "page_size keeps its JSON kind")

	must(t, r.Body != nil && r.Body.Kind == Object, "Body")
	eq(t, r.Body.Pointer, "/body", "Body pointer")
	eq(t, text(smallRequest, r.BodyKeySpan), `"body"`, "BodyKeySpan")
	eq(t, r.Body.Get("content").Elems[0].Get("body").Pointer, "/body/content/0/body", "body value pointer")
	eq(t, len(r.Ignores), 0, "Ignores")
}

func TestReadDocumentArray(t *testing.T) {
	in := `[
  {"method": "get", "path": "/unified/ats/jobs"},
  "not a request",
  {"method": "DELETE", "url": "https://api.stackone.com/unified/ats/jobs/1", "provider": "Lever"}
]`
	doc, err := ReadDocument([]byte(in), Options{})
	must(t, err == nil, "ReadDocument: %v", err)
	must(t, len(doc.Requests) == 2, "want 2 requests, got %d", len(doc.Requests))
	r0, r2 := doc.Requests[0], doc.Requests[1]
	eq(t, [2]int{r0.Index, r2.Index}, [2]int{0, 2}, "indexes are element indexes")
	eq(t, [2]string{r0.Pointer, r2.Pointer}, [2]string{"/0", "/2"}, "pointers")
	eq(t, r0.Method, "GET", "method is upper-cased")
	eq(t, r0.URL, "", "no URL for a path")
	eq(t, r0.Path, "/unified/ats/jobs", "path")
	eq(t, r0.PathPointer, "/0/path", "path pointer")
	eq(t, r2.Provider, "lever", "provider is lower-cased")
	eq(t, r2.PathPointer, "/2/url", "url pointer")
	eq(t, lc(r2.Span), "4:3-4:98", "request span")
	eq(t, doc.Problems, []Problem{{
		Rule:    RuleNotARequest,
		Message: `expected a request document (an object with "method" and "url" or "path"), got string`,
		Span:    doc.Root.Elems[1].Span,
		Pointer: "/1",
		Request: 1,
	}}, "problems")
	eq(t, lc(doc.Problems[0].Span), "3:3-3:18", "problem span")
}

type paramView struct{ Name, Key, Value, Pointer string }

func params(r *Request) []paramView {
	var out []paramView
	for _, p := range r.Query {
		out = append(out, paramView{p.Name, p.Key, p.Value.Str, p.Pointer})
	}
	return out
}

func TestQueryForms(t *testing.T) {
	const date = "2024-01-01T00:00:00Z"
	forms := map[string]string{
		"nested": `{"method": "GET", "path": "/unified/ats/candidates",
		  "query": {"filter": {"updated_after": "2024-01-01T00:00:00Z"}, "proxy": {"filter": {"eq": {"age": "25"}}}, "page_size": "50"}}`,
		"flat": `{"method": "GET", "path": "/unified/ats/candidates",
		  "query": {"filter[updated_after]": "2024-01-01T00:00:00Z", "proxy[filter[eq][age]]": "25", "page_size": "50"}}`,
		"mixed": `{"method": "GET", "path": "/unified/ats/candidates",
		  "query": {"filter": {"updated_after": "2024-01-01T00:00:00Z"}, "proxy[filter]": {"eq[age]": "25"}, "page_size": "50"}}`,
		"url": `{"method": "GET",
		  "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z&proxy[filter][eq][age]=25&page_size=50"}`,
		"url-encoded": `{"method": "GET",
		  "url": "https://api.stackone.com/unified/ats/candidates?filter%5Bupdated_after%5D=2024-01-01T00%3A00%3A00Z&proxy%5Bfilter%5Beq%5D%5Bage%5D%5D=25&page_size=50"}`,
		"path-with-query": `{"method": "GET",
		  "path": "/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z&proxy[filter[eq][age]]=25&page_size=50"}`,
	}
	want := []paramView{
		{"filter", "updated_after", date, ""},
		{"proxy", "filter[eq][age]", "25", ""},
		{"page_size", "", "50", ""},
	}
	wantPointers := map[string][]string{
		"nested":          {"/query/filter/updated_after", "/query/proxy/filter/eq/age", "/query/page_size"},
		"flat":            {"/query/filter[updated_after]", "/query/proxy[filter[eq][age]]", "/query/page_size"},
		"mixed":           {"/query/filter/updated_after", "/query/proxy[filter]/eq[age]", "/query/page_size"},
		"url":             {"/url", "/url", "/url"},
		"url-encoded":     {"/url", "/url", "/url"},
		"path-with-query": {"/path", "/path", "/path"},
	}
	for name, in := range forms {
		t.Run(name, func(t *testing.T) {
			r, probs := readOne(t, in)
			eq(t, len(probs), 0, "problems")
			eq(t, r.Path, "/unified/ats/candidates", "path without the query")
			got := params(r)
			must(t, len(got) == len(want), "params: %+v", got)
			var ptrs []string
			for i := range got {
				ptrs = append(ptrs, got[i].Pointer)
				got[i].Pointer = ""
			}
			eq(t, got, want, "params")
			eq(t, ptrs, wantPointers[name], "pointers")
			eq(t, r.Params("filter")[0].FullName(), "filter[updated_after]", "FullName")
		})
	}
}

func TestURLQuerySpans(t *testing.T) {
	in := `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=50&filter[status]=open&flag&x=%zz"}`
	r, _ := readOne(t, in)
	var got []string
	for _, p := range r.Query {
		got = append(got, text(in, p.KeySpan)+"="+text(in, p.Value.Span)+" -> "+p.FullName()+"="+p.Value.Str)
		eq(t, p.Value.Kind, String, "URL values are strings")
		eq(t, p.Value.Pointer, "/url", "URL value pointer")
	}
	eq(t, got, []string{
		"page_size=50 -> page_size=50",
		"filter[status]=open -> filter[status]=open",
		"flag= -> flag=",
		"x=%zz -> x=%zz",
	}, "key and value spans inside the url literal")
	eq(t, lc(r.Query[0].KeySpan), "1:69-1:78", "page_size key span")
}

func TestPathSegments(t *testing.T) {
	tests := []struct {
		name, target string // the JSON text of the url/path value
		field        string
		path         string
		segments     []string
		segTexts     []string // source text of each segment span; nil: all equal to the whole literal
		scheme, host string
	}{
		{
			name: "escaped slash stays in its segment", field: "url",
			target:   `"https://api.stackone.com/unified/ats/candidates/a%2Fb/notes"`,
			path:     "/unified/ats/candidates/a/b/notes",
			segments: []string{"unified", "ats", "candidates", "a/b", "notes"},
			segTexts: []string{"unified", "ats", "candidates", "a%2Fb", "notes"},
			scheme:   "https", host: "api.stackone.com",
		},
		{
			name: "percent-decoded segments, malformed escape kept", field: "path",
			target:   `"/unified/ats/jobs/caf%C3%A9%zz"`,
			path:     "/unified/ats/jobs/caf\u00e9%zz",
			segments: []string{"unified", "ats", "jobs", "caf\u00e9%zz"},
			segTexts: []string{"unified", "ats", "jobs", "caf%C3%A9%zz"},
		},
		{
			name: "trailing and double slashes", field: "path",
			target:   `"/unified//ats/"`,
			path:     "/unified//ats/",
			segments: []string{"unified", "", "ats"},
			segTexts: []string{"unified", "", "ats"},
		},
		{
			name: "upper-case scheme and host, fragment", field: "url",
			target:   `"HTTP://API.StackOne.com/unified/ats/jobs#top"`,
			path:     "/unified/ats/jobs",
			segments: []string{"unified", "ats", "jobs"},
			segTexts: []string{"unified", "ats", "jobs"},
			scheme:   "http", host: "api.stackone.com",
		},
		{
			name: "host only", field: "url",
			target: `"https://api.stackone.com"`,
			path:   "", scheme: "https", host: "api.stackone.com",
		},
		{
			name: "JSON escapes: whole-string spans", field: "path",
			target:   `"\/unified\/ats\/jobs"`,
			path:     "/unified/ats/jobs",
			segments: []string{"unified", "ats", "jobs"},
		},
		{
			name: "unicode escape: whole-string spans", field: "url",
			target:   `"https://api.stackone.com/unified/ats/jobs/\u0031"`,
			path:     "/unified/ats/jobs/1",
			segments: []string{"unified", "ats", "jobs", "1"},
			scheme:   "https", host: "api.stackone.com",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := `{"method": "GET", "` + tt.field + `": ` + tt.target + `}`
			r, probs := readOne(t, in)
			eq(t, len(probs), 0, "problems")
			eq(t, r.Path, tt.path, "Path")
			eq(t, r.Segments, tt.segments, "Segments")
			eq(t, r.PathSegments(), tt.segments, "PathSegments")
			eq(t, [2]string{r.Scheme, r.Host}, [2]string{tt.scheme, tt.host}, "scheme and host")
			eq(t, text(in, r.PathSpan), tt.target, "PathSpan")
			must(t, len(r.PathSegmentSpans) == len(tt.segments), "one span per segment: %d", len(r.PathSegmentSpans))
			for i, s := range r.PathSegmentSpans {
				if tt.segTexts == nil {
					eq(t, s, r.PathSpan, "segment %d falls back to the whole string", i)
				} else {
					eq(t, text(in, s), tt.segTexts[i], "segment %d text", i)
				}
			}
		})
	}
}

func TestURLQuerySpansWithEscapes(t *testing.T) {
	in := `{"method": "GET", "url": "\/unified\/ats\/jobs?page_size=5"}`
	r, _ := readOne(t, in)
	must(t, len(r.Query) == 1, "query: %+v", r.Query)
	eq(t, r.Query[0].KeySpan, r.PathSpan, "key span falls back to the url")
	eq(t, r.Query[0].Value.Span, r.PathSpan, "value span falls back to the url")
	eq(t, r.Query[0].Value.Str, "5", "value")
}

func TestUnknownKey(t *testing.T) {
	tests := []struct{ key, msg string }{
		{"heders", `unknown key "heders" in request document; did you mean "headers"?`},
		{"Method", `unknown key "Method" in request document; did you mean "method"?`},
		{"bdy", `unknown key "bdy" in request document; did you mean "body"?`},
		{"x-atslnt", `unknown key "x-atslnt" in request document; did you mean "x-atslint"?`},
		{"timeout", `unknown key "timeout" in request document`},
		{"a", `unknown key "a" in request document`},
	}
	for _, tt := range tests {
		in := `{"method": "GET", "path": "/unified/ats/jobs", "` + tt.key + `": {}}`
		r, probs := readOne(t, in)
		must(t, r != nil, "request kept")
		must(t, len(probs) == 1, "problems: %+v", probs)
		p := probs[0]
		eq(t, p.Rule, RuleUnknownKey, "rule")
		eq(t, p.Message, tt.msg, "message")
		eq(t, text(in, p.Span), `"`+tt.key+`"`, "span of the key")
		eq(t, p.Pointer, "/"+tt.key, "pointer")
	}
	eq(t, closest("headers", documentKeys), "headers", "exact match")
	eq(t, closest(strings.Repeat("h", 100), documentKeys), "", "long key")
}

func TestNotARequest(t *testing.T) {
	const expected = `expected a request document (an object with "method" and "url" or "path")`
	type prob struct{ Rule, Pointer, Message string }
	tests := []struct {
		name     string
		in       string
		requests int
		probs    []prob
		check    func(t *testing.T, doc *Document)
	}{
		{"string", `"hello"`, 0, []prob{{RuleNotARequest, "", expected + " or an array of them, got string"}}, nil},
		{"number", `42`, 0, []prob{{RuleNotARequest, "", expected + " or an array of them, got number"}}, nil},
		{"null", `null`, 0, []prob{{RuleNotARequest, "", expected + " or an array of them, got null"}}, nil},
		{"empty array", `[]`, 0, []prob{{RuleNotARequest, "", expected + " or an array of them, got an empty array"}}, nil},
		{"unrelated object", `{"name": "atslint", "version": "1.0.0"}`, 0,
			[]prob{{RuleNotARequest, "", expected + " or an array of them, got an object without any of these keys"}}, nil},
		{"array with non-objects", `[{"method": "GET", "path": "/unified/ats/jobs"}, "x", 3, {"a": 1}]`, 1, []prob{
			{RuleNotARequest, "/1", expected + ", got string"},
			{RuleNotARequest, "/2", expected + ", got number"},
			{RuleNotARequest, "/3", expected + ", got an object without any of these keys"},
		}, nil},
		{"no method", `{"url": "https://api.stackone.com/unified/ats/jobs"}`, 0,
			[]prob{{RuleNotARequest, "", `request document has no "method"`}}, nil},
		{"no url or path", `{"method": "GET"}`, 0,
			[]prob{{RuleNotARequest, "", `request document has neither "url" nor "path"`}}, nil},
		{"method not a string", `{"method": 1, "path": "/x"}`, 0,
			[]prob{{RuleNotARequest, "/method", `"method" must be a string, got number`}}, nil},
		{"empty method", `{"method": " ", "path": "/x"}`, 0,
			[]prob{{RuleNotARequest, "/method", `"method" must not be empty`}}, nil},
		{"url not a string", `{"method": "GET", "url": ["/x"]}`, 0,
			[]prob{{RuleNotARequest, "/url", `"url" must be a string, got array`}}, nil},
		{"empty path", `{"method": "GET", "path": ""}`, 0,
			[]prob{{RuleNotARequest, "/path", `"path" must not be empty`}}, nil},
		{"headers as array", `{"method": "GET", "path": "/x", "headers": ["x-account-id: a"]}`, 1,
			[]prob{{RuleNotARequest, "/headers", `"headers" must be an object of header names to strings, got array`}},
			func(t *testing.T, doc *Document) {
				eq(t, doc.Requests[0].HeadersComplete, false, "HeadersComplete")
			}},
		{"header value not a string", `{"method": "GET", "path": "/x", "headers": {"x-account-id": 7, "a": "b"}}`, 1,
			[]prob{{RuleNotARequest, "/headers/x-account-id", `header "x-account-id" must be a string, got number`}},
			func(t *testing.T, doc *Document) {
				r := doc.Requests[0]
				eq(t, r.HeadersComplete, false, "HeadersComplete")
				eq(t, len(r.Headers), 1, "the good header is kept")
			}},
		{"query as string", `{"method": "GET", "path": "/x", "query": "page_size=5"}`, 1,
			[]prob{{RuleNotARequest, "/query", `"query" must be an object of parameter names to values, got string`}},
			func(t *testing.T, doc *Document) {
				eq(t, doc.Requests[0].QueryComplete, false, "QueryComplete")
			}},
		{"provider not a string", `{"method": "GET", "path": "/x", "provider": 3}`, 1,
			[]prob{{RuleNotARequest, "/provider", `"provider" must be a string, got number`}}, nil},
		{"null optional fields", `{"method": "GET", "path": "/x", "provider": null, "headers": null, "query": null, "x-atslint": null}`, 1, nil,
			func(t *testing.T, doc *Document) {
				r := doc.Requests[0]
				eq(t, [2]bool{r.HeadersComplete, r.QueryComplete}, [2]bool{true, true}, "complete")
			}},
		{"x-atslint not an object", `{"method": "GET", "path": "/x", "x-atslint": []}`, 1,
			[]prob{{RuleNotARequest, "/x-atslint", `"x-atslint" must be an object, got array`}}, nil},
		{"ignore not an array", `{"method": "GET", "path": "/x", "x-atslint": {"ignore": {}}}`, 1,
			[]prob{{RuleNotARequest, "/x-atslint/ignore", `"ignore" must be an array of {"rule", "reason"} objects, got object`}}, nil},
		{"ignore entry not an object", `{"method": "GET", "path": "/x", "x-atslint": {"ignore": ["stackone/page-size"]}}`, 1,
			[]prob{{RuleNotARequest, "/x-atslint/ignore/0", `an ignore entry must be an object with "rule" and "reason", got string`}}, nil},
		{"ignore entry without rule", `{"method": "GET", "path": "/x", "x-atslint": {"ignore": [{"reason": "legacy"}]}}`, 1,
			[]prob{{RuleNotARequest, "/x-atslint/ignore/0", `ignore entry has no "rule"`}}, nil},
		{"ignore rule not a string", `{"method": "GET", "path": "/x", "x-atslint": {"ignore": [{"rule": 1, "reason": 2}]}}`, 1,
			[]prob{
				{RuleNotARequest, "/x-atslint/ignore/0/rule", `"rule" must be a string, got number`},
				{RuleNotARequest, "/x-atslint/ignore/0/reason", `"reason" must be a string, got number`},
			}, nil},
		{"x-atslint unknown keys", `{"method": "GET", "path": "/x", "x-atslint": {"ignor": [], "ignore": [{"rule": "a/b", "reasn": "x"}]}}`, 1,
			[]prob{
				{RuleUnknownKey, "/x-atslint/ignor", `unknown key "ignor" in "x-atslint"; did you mean "ignore"?`},
				{RuleUnknownKey, "/x-atslint/ignore/0/reasn", `unknown key "reasn" in ignore entry; did you mean "reason"?`},
			}, nil},
		{"duplicate key", `{"method": "GET", "path": "/x", "method": "POST"}`, 1,
			[]prob{{RuleNotARequest, "/method", `duplicate key "method" in request document; only the first is used`}},
			func(t *testing.T, doc *Document) {
				eq(t, doc.Requests[0].Method, "GET", "first method wins")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadDocument([]byte(tt.in), Options{})
			must(t, err == nil, "ReadDocument: %v", err)
			eq(t, len(doc.Requests), tt.requests, "requests")
			var got []prob
			for _, p := range doc.Problems {
				got = append(got, prob{p.Rule, p.Pointer, p.Message})
				must(t, !p.Span.IsZero(), "problem without a span: %+v", p)
			}
			eq(t, got, tt.probs, "problems")
			if tt.check != nil {
				tt.check(t, doc)
			}
		})
	}
}

func TestIgnores(t *testing.T) {
	in := `{"method": "GET", "path": "/unified/ats/jobs",
  "x-atslint": {"ignore": [
    {"rule": "stackone/unknown-query-param", "reason": "beta parameter"},
    {"rule": "stackone/page-size"}
  ]}}`
	r, probs := readOne(t, in)
	eq(t, len(probs), 0, "problems")
	must(t, len(r.Ignores) == 2, "ignores: %+v", r.Ignores)
	eq(t, *r.Ignores[0], Ignore{
		Rule: "stackone/unknown-query-param", Reason: "beta parameter",
		Span: r.Root.Get("x-atslint").Get("ignore").Elems[0].Span, Pointer: "/x-atslint/ignore/0",
	}, "first ignore")
	eq(t, lc(r.Ignores[0].Span), "3:5-3:73", "first ignore span")
	eq(t, [3]string{r.Ignores[1].Rule, r.Ignores[1].Reason, r.Ignores[1].Pointer},
		[3]string{"stackone/page-size", "", "/x-atslint/ignore/1"}, "an ignore without a reason is kept for atslint/ignore")
}

func TestBody(t *testing.T) {
	r, _ := readOne(t, `{"method": "POST", "path": "/x", "body": null}`)
	must(t, r.Body != nil && r.Body.Kind == Null, "a null body is present")
	eq(t, lc(r.BodyKeySpan), "1:34-1:40", "BodyKeySpan")
	r, _ = readOne(t, `{"method": "GET", "path": "/x"}`)
	must(t, r.Body == nil, "no body")
	must(t, r.BodyKeySpan.IsZero(), "no body key span")
	r, _ = readOne(t, `{"method": "POST", "path": "/x", "body": "raw text"}`)
	eq(t, r.Body.Str, "raw text", "any JSON value is a body")
}

func TestReadDocumentParseErrors(t *testing.T) {
	doc, err := ReadDocument([]byte("{\n  \"method\": \"GET\",\n}"), Options{})
	must(t, err == nil, "ReadDocument: %v", err)
	eq(t, doc.Requests, []*Request(nil), "no requests")
	eq(t, doc.Problems, []Problem{{
		Rule: RuleSyntax, Message: "trailing comma before '}'",
		Span: Span{Start: Pos{Offset: 19, Line: 2, Column: 18}, End: Pos{Offset: 20, Line: 2, Column: 19}},
	}}, "syntax problem")

	doc, _ = ReadDocument([]byte(`{"method": "GET"`), Options{})
	eq(t, doc.Problems, []Problem{{
		Rule: RuleSyntax, Message: "unexpected end of input",
		Span: Span{Start: Pos{Offset: 16, Line: 1, Column: 17}, End: Pos{Offset: 16, Line: 1, Column: 17}},
	}}, "EOF problem is empty at the end")

	doc, _ = ReadDocument([]byte(nested("[", "]", 1001)), Options{})
	eq(t, doc.Problems, []Problem{{
		Rule: RuleTooDeep, Message: "nesting deeper than 1000 levels",
		Span: Span{Start: Pos{Offset: 1000, Line: 1, Column: 1001}, End: Pos{Offset: 1001, Line: 1, Column: 1002}},
	}}, "depth problem")

	doc, _ = ReadDocument(nil, Options{})
	eq(t, len(doc.Problems), 1, "empty file")
	eq(t, doc.Problems[0].Message, "empty file", "empty file message")
}

func TestRequestFromValueNotObject(t *testing.T) {
	r, probs := RequestFromValue(&Value{Kind: Array, Pointer: "/log"}, 3)
	must(t, r == nil, "no request")
	eq(t, len(probs), 1, "one problem")
	eq(t, probs[0].Request, 3, "request index")
	r, probs = RequestFromValue(nil, 0)
	must(t, r == nil && len(probs) == 1, "nil value")
}

// TestLinesPastInt32Stop: a piece of a file over 2 GiB keeps its byte
// offset and gives the largest line and column an int32 holds, never a
// wrapped (negative) one.
func TestLinesPastInt32Stop(t *testing.T) {
	const most = 1<<31 - 1
	li := lineIndex{data: []byte("ab\ncd"), offBase: 3 << 30, lineBase: most, colBase: most - 1}
	if got, want := li.pos(1), (Pos{Offset: 3<<30 + 1, Line: most, Column: most}); got != want {
		t.Errorf("first line: %+v, want %+v", got, want)
	}
	if got, want := li.pos(4), (Pos{Offset: 3<<30 + 4, Line: most, Column: 2}); got != want {
		t.Errorf("second line: %+v, want %+v", got, want)
	}
}
