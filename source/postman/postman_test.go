package postman

import (
	"os"
	"testing"

	"github.com/atslint/atslint/request"
)

func load(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/ats.postman_collection.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// at asserts that span s starts at line:col and covers text in data.
func at(t *testing.T, data []byte, what string, s request.Span, line, col int32, text string) {
	t.Helper()
	if s.Start.Line != line || s.Start.Column != col {
		t.Errorf("%s starts at %d:%d, want %d:%d", what, s.Start.Line, s.Start.Column, line, col)
	}
	if got := string(data[s.Start.Offset:s.End.Offset]); got != text {
		t.Errorf("%s covers %q, want %q", what, got, text)
	}
}

func header(t *testing.T, r *request.Request, name string) *request.Header {
	t.Helper()
	h := r.Header(name)
	if h == nil {
		t.Fatalf("request %d has no %s header", r.Index, name)
	}
	return h
}

func TestRead(t *testing.T) {
	data := load(t)
	doc := Read(data, Options{})
	if len(doc.Problems) != 0 {
		t.Fatalf("problems: %+v", doc.Problems)
	}
	if len(doc.Requests) != 4 || doc.Skipped != 1 {
		t.Fatalf("%d requests, %d skipped; want 4 and 1 (example.com)", len(doc.Requests), doc.Skipped)
	}

	list := doc.Requests[0]
	if list.Pointer != "/item/0/item/0/request" || list.Method != "GET" || list.Path != "/unified/ats/candidates" {
		t.Errorf("request 0: %s %s at %s", list.Method, list.Path, list.Pointer)
	}
	// The disabled raw=true parameter and x-debug header are not sent.
	if len(list.Query) != 1 || list.Query[0].FullName() != "page_size" || list.Query[0].Value.Str != "500" {
		t.Errorf("query = %+v, want page_size=500 alone", list.Query)
	}
	at(t, data, "page_size value", list.Query[0].Value.Span, 35, 48, "500")
	if list.Query[0].Pointer != "/item/0/item/0/request/url/query/0" {
		t.Errorf("page_size pointer %q", list.Query[0].Pointer)
	}
	if list.Header("x-debug") != nil {
		t.Error("disabled x-debug header read as sent")
	}
	acct := header(t, list, "x-account-id")
	if acct.Value.Str != "acc_123" || acct.Value.Pointer != "/item/0/item/0/request/header/0/value" {
		t.Errorf("x-account-id = %q at %s", acct.Value.Str, acct.Value.Pointer)
	}
	at(t, data, "x-account-id value", acct.Value.Span, 27, 49, "{{accountId}}")
	// Basic auth inherited from the collection, its {{apiKey}} unresolved.
	auth := header(t, list, "Authorization")
	if auth.Value.IsKnown() {
		t.Errorf("Authorization from {{apiKey}} is %q, want unknown", auth.Value.Str)
	}
	at(t, data, "Authorization", auth.Value.Span, 10, 37, "{{apiKey}}")

	// An empty path variable is sent as ":id".
	get := doc.Requests[1]
	if segs := get.PathSegments(); len(segs) != 4 || segs[3] != ":id" {
		t.Errorf("path segments %q, want .../:id", segs)
	}

	note := doc.Requests[2]
	if note.Header("Authorization") != nil {
		t.Error("noauth request inherits the collection's auth")
	}
	vis := note.Body.Get("visibility")
	if vis.Str != "private" || vis.Pointer != "/item/1/request/body/raw/visibility" {
		t.Errorf("visibility = %q at %s", vis.Str, vis.Pointer)
	}
	at(t, data, "visibility value", vis.Span, 67, 88, `\"private\"`)

	// A header a pre-request script adds is there, value unknown.
	script := doc.Requests[3]
	if h := header(t, script, "x-account-id"); h.Value.IsKnown() {
		t.Errorf("script-set x-account-id = %q, want unknown", h.Value.Str)
	}
}

func TestEnvironmentWins(t *testing.T) {
	doc := Read(load(t), Options{Vars: map[string]string{"accountId": "acc_env", "apiKey": "k"}})
	r := doc.Requests[0]
	if v := r.Header("x-account-id").Value.Str; v != "acc_env" {
		t.Errorf("x-account-id = %q, want the environment's acc_env", v)
	}
	if v := r.Header("Authorization").Value.Str; v != "Basic azo=" {
		t.Errorf("Authorization = %q, want Basic base64(k:)", v)
	}
}

func TestScriptSetVariableIsUnknown(t *testing.T) {
	src := `{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"},
 "variable": [{"key": "acct", "value": "acc_1"}],
 "item": [
  {"name": "login", "event": [{"listen": "test", "script": {"exec": "pm.collectionVariables.set(\"acct\", pm.response.json().id)"}}],
   "request": {"method": "POST", "url": "https://api.stackone.com/unified/ats/jobs", "header": [{"key": "x-account-id", "value": "{{acct}}"}]}},
  {"name": "literal", "request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs",
   "auth": {"type": "bearer", "bearer": {"token": "tok_1"}}}}
 ]}`
	doc := Read([]byte(src), Options{})
	if len(doc.Requests) != 2 {
		t.Fatalf("%d requests", len(doc.Requests))
	}
	if v := doc.Requests[0].Header("x-account-id").Value; v.IsKnown() {
		t.Errorf("x-account-id = %q, but a script sets acct", v.Str)
	}
	// v2.0 auth parameters are an object.
	if v := doc.Requests[1].Header("Authorization").Value.Str; v != "Bearer tok_1" {
		t.Errorf("Authorization = %q", v)
	}
}

func TestMalformed(t *testing.T) {
	for _, tc := range []struct {
		src, rule string
		line, col int32
	}{
		{"{\"info\": {\"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n \"item\": [}", request.RuleSyntax, 2, 11},
		{`{"name": "not a collection"}`, request.RuleNotARequest, 1, 1},
		{`{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/"}, "item": [{"request": {"method": "GET"}}]}`, request.RuleNotARequest, 1, 100},
	} {
		doc := Read([]byte(tc.src), Options{})
		if len(doc.Problems) != 1 {
			t.Errorf("%q: problems %+v", tc.src, doc.Problems)
			continue
		}
		p := doc.Problems[0]
		if p.Rule != tc.rule || p.Span.Start.Line != tc.line || p.Span.Start.Column != tc.col {
			t.Errorf("%q: %s at %d:%d, want %s at %d:%d", tc.src, p.Rule, p.Span.Start.Line, p.Span.Start.Column, tc.rule, tc.line, tc.col)
		}
	}
}
