package curl

import (
	"os"
	"strings"
	"testing"

	"github.com/atslint/atslint/request"
)

func at(t *testing.T, data []byte, what string, s request.Span, line, col int32, text string) {
	t.Helper()
	if s.Start.Line != line || s.Start.Column != col {
		t.Errorf("%s starts at %d:%d, want %d:%d", what, s.Start.Line, s.Start.Column, line, col)
	}
	if got := string(data[s.Start.Offset:s.End.Offset]); got != text {
		t.Errorf("%s covers %q, want %q", what, got, text)
	}
}

func TestRead(t *testing.T) {
	data, err := os.ReadFile("testdata/ats.sh")
	if err != nil {
		t.Fatal(err)
	}
	doc := Read(data, Options{})
	if len(doc.Problems) != 0 || len(doc.Requests) != 3 || doc.Skipped != 1 {
		t.Fatalf("%d requests, %d skipped, problems %+v; want 3, 1, none", len(doc.Requests), doc.Skipped, doc.Problems)
	}
	list := doc.Requests[0]
	// -G moves the data into the query; --data-urlencode encodes it.
	if list.Method != "GET" || list.Pointer != "/0" || len(list.Query) != 2 {
		t.Fatalf("request 0: %s %q query %+v", list.Method, list.Pointer, list.Query)
	}
	f := list.Query[0]
	if f.FullName() != "filter[updated_after]" || f.Value.Str != "2024-01-01T00:00:00Z" {
		t.Errorf("query 0 = %s=%q", f.FullName(), f.Value.Str)
	}
	at(t, data, "filter value", f.Value.Span, 8, 43, "2024-01-01T00:00:00Z")
	// $ACCOUNT was assigned a literal above: followed.
	acct := list.Header("x-account-id").Value
	if acct.Str != "acc_123" || acct.Pointer != "/0/headers/x-account-id" {
		t.Errorf("x-account-id = %q at %q", acct.Str, acct.Pointer)
	}
	at(t, data, "x-account-id", acct.Span, 10, 21, "$ACCOUNT")
	// $STACKONE_API_KEY comes from the environment: unknown.
	if v := list.Header("Authorization").Value; v.IsKnown() {
		t.Errorf("Authorization = %q, want unknown", v.Str)
	}

	// --data @- reads the here-document.
	note := doc.Requests[1]
	if note.Method != "POST" {
		t.Errorf("method %s", note.Method)
	}
	vis := note.Body.Get("visibility")
	if vis.Str != "private" || vis.Pointer != "/1/body/visibility" {
		t.Errorf("visibility = %q at %q", vis.Str, vis.Pointer)
	}
	at(t, data, "visibility", vis.Span, 19, 17, `"private"`)

	jobs := doc.Requests[2]
	if jobs.PathKnown || jobs.PathSegments()[3] != "\x00" {
		t.Errorf("$(uuidgen) segment read as %q", jobs.PathSegments())
	}
	auth := jobs.Header("Authorization").Value
	if auth.Str != "Basic c2tfbGl2ZV9hYmM6" {
		t.Errorf("-u sk_live_abc: gives %q", auth.Str)
	}
	at(t, data, "-u value", auth.Span, 23, 9, "sk_live_abc")
}

func TestFlags(t *testing.T) {
	src := `B=https://api.stackone.com/unified/ats
curl -sSXPATCH "$B/jobs/1" --json '{"title": "x"}' -H'x-account-id: a'
curl -I "$B/jobs"
curl --data-raw '@not-a-file' -H 'Content-Type: application/json' "$B/jobs"
curl -d 'a=1' -d 'b=2' "$B/jobs?page_size=5"
curl "$B/jobs?filter[status]=open"
curl -g "$B/jobs?filter[status]=open" --url-query 'q=a b'
`
	doc := Read([]byte(src), Options{})
	rs := doc.Requests
	if len(rs) != 5 {
		t.Fatalf("%d requests, problems %+v", len(rs), doc.Problems)
	}
	if rs[0].Method != "PATCH" || rs[0].Body.Get("title").Str != "x" || rs[0].Header("x-account-id").Value.Str != "a" {
		t.Errorf("-sSXPATCH --json: %s %+v", rs[0].Method, rs[0].Body)
	}
	if rs[1].Method != "HEAD" {
		t.Errorf("-I: %s", rs[1].Method)
	}
	// --data-raw takes '@' literally; not JSON although declared: a problem.
	if rs[2].Method != "POST" || rs[2].Body.IsKnown() {
		t.Errorf("--data-raw @: %s %v", rs[2].Method, rs[2].Body.Kind)
	}
	if rs[3].Body.IsKnown() {
		t.Errorf("form data read as a JSON body")
	}
	// Without --globoff curl refuses [ ] in the URL: reported, not sent.
	if len(doc.Problems) != 2 || !strings.Contains(doc.Problems[1].Message, "--globoff") || doc.Problems[1].Span.Start.Line != 6 || doc.Problems[1].Span.Start.Column != 21 {
		t.Errorf("problems %+v", doc.Problems)
	}
	q := rs[4].Query
	if len(q) != 2 || q[0].FullName() != "filter[status]" || q[1].Value.Str != "a b" {
		t.Errorf("-g and --url-query: %+v", q)
	}
}

func TestMalformed(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int32
	}{
		{"curl -d @- https://api.stackone.com/unified/ats/jobs <<EOF\n{\"a\": 1}\n", 1, 54},
		{"curl 'https://api.stackone.com/unified/ats/jobs\n", 1, 6},
	} {
		doc := Read([]byte(tc.src), Options{})
		if len(doc.Problems) != 1 || doc.Problems[0].Rule != request.RuleSyntax {
			t.Errorf("%q: problems %+v", tc.src, doc.Problems)
			continue
		}
		if s := doc.Problems[0].Span.Start; s.Line != tc.line || s.Column != tc.col {
			t.Errorf("%q: at %d:%d (%s), want %d:%d", tc.src, s.Line, s.Column, doc.Problems[0].Message, tc.line, tc.col)
		}
	}
}

func TestMarkdown(t *testing.T) {
	src := "# API\n\n```console\n$ curl https://api.stackone.com/unified/ats/jobs -H 'x-account-id: a'\n{\"data\": []}\n```\n\n" +
		"```http\nGET https://api.stackone.com/unified/ats/jobs?page_size=500\n```\n\n```js\ncurl('https://api.stackone.com/unified/ats/jobs')\n```\n"
	doc := ReadMarkdown([]byte(src), Options{})
	if len(doc.Requests) != 2 || len(doc.Problems) != 0 {
		t.Fatalf("%d requests, problems %+v", len(doc.Requests), doc.Problems)
	}
	if doc.Requests[0].Header("x-account-id").Value.Str != "a" || doc.Requests[0].Pointer != "/0" {
		t.Errorf("console block: %+v", doc.Requests[0])
	}
	at(t, []byte(src), "console url", doc.Requests[0].PathSpan, 4, 8, "https://api.stackone.com/unified/ats/jobs")
	if doc.Requests[1].Pointer != "/1" || doc.Requests[1].Query[0].Value.Str != "500" {
		t.Errorf("http block: %+v", doc.Requests[1])
	}
	at(t, []byte(src), "http page_size", doc.Requests[1].Query[0].Value.Span, 9, 57, "500")
}

func TestSniffScript(t *testing.T) {
	for head, want := range map[string]bool{
		"#!/bin/bash\n": true, "#!/usr/bin/env bash\n": true, "#!/usr/bin/env -S bash -e\n": true,
		"#!/usr/bin/env python3\n": false, "echo hi\n": false,
	} {
		if got := SniffScript([]byte(head)); got != want {
			t.Errorf("SniffScript(%q) = %v", head, got)
		}
	}
}
