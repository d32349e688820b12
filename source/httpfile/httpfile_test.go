package httpfile

import (
	"os"
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
	data, err := os.ReadFile("testdata/ats.http")
	if err != nil {
		t.Fatal(err)
	}
	doc := Read(data, Options{})
	if len(doc.Problems) != 0 || len(doc.Requests) != 3 || doc.Skipped != 1 {
		t.Fatalf("%d requests, %d skipped, problems %+v; want 3, 1, none", len(doc.Requests), doc.Skipped, doc.Problems)
	}
	list := doc.Requests[0]
	if list.Pointer != "/0" || list.Method != "GET" || list.Path != "/unified/ats/candidates" {
		t.Errorf("request 0: %s %s at %q", list.Method, list.Path, list.Pointer)
	}
	// Query continuation lines.
	if len(list.Query) != 2 || list.Query[1].FullName() != "filter[updated_after]" || list.Query[1].Value.Str != "2024-01-01T00:00:00Z" {
		t.Fatalf("query = %+v", list.Query)
	}
	at(t, data, "filter key", list.Query[1].KeySpan, 8, 6, "filter[updated_after]")
	at(t, data, "page_size value", list.Query[0].Value.Span, 7, 16, "500")
	acct := list.Header("x-account-id")
	if acct.Value.Str != "acc_123" || acct.Value.Pointer != "/0/headers/x-account-id" {
		t.Errorf("x-account-id = %q at %q", acct.Value.Str, acct.Value.Pointer)
	}
	at(t, data, "x-account-id", acct.Value.Span, 9, 15, "{{accountId}}")
	if v := list.Header("Authorization").Value; v.IsKnown() {
		t.Errorf("Authorization from $processEnv = %q, want unknown", v.Str)
	}

	note := doc.Requests[1]
	vis := note.Body.Get("visibility")
	if vis.Str != "private" || vis.Pointer != "/1/body/visibility" {
		t.Errorf("visibility = %q at %q", vis.Str, vis.Pointer)
	}
	at(t, data, "visibility", vis.Span, 19, 17, `"private"`)
	at(t, data, "request 1", note.Span, 13, 1, "POST {{baseUrl}}/unified/ats/candidates/c_1/notes HTTP/1.1\nx-account-id: {{accountId}}\nContent-Type: application/json\n\n{\n  \"content\": [{\"body\": \"Strong round\"}],\n  \"visibility\": \"private\"\n}")

	unknown := doc.Requests[2]
	if unknown.PathKnown || unknown.PathSegments()[3] != "\x00" {
		t.Errorf("{{$guid}} segment read as %q", unknown.PathSegments())
	}
	if v := unknown.Header("x-account-id").Value; v.IsKnown() {
		t.Errorf("$dotenv x-account-id = %q, want unknown", v.Str)
	}
	// REST Client encodes "Basic user:password" itself.
	auth := unknown.Header("Authorization").Value
	if auth.Str != "Basic c2tfbGl2ZV9hYmM6" {
		t.Errorf("Authorization = %q, want base64 of sk_live_abc:", auth.Str)
	}
	at(t, data, "Authorization", auth.Span, 25, 22, "sk_live_abc")
}

func TestEnvironmentFileAndBodyFile(t *testing.T) {
	data, err := os.ReadFile("testdata/envdir/requests.http")
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Dir: "testdata/envdir", ReadFile: os.ReadFile}
	doc := Read(data, opts)
	if len(doc.Requests) != 2 {
		t.Fatalf("%d requests, problems %+v", len(doc.Requests), doc.Problems)
	}
	// baseUrl is the same in every environment; accountId is not.
	if doc.Requests[0].Host != "api.stackone.com" {
		t.Errorf("host %q", doc.Requests[0].Host)
	}
	if v := doc.Requests[0].Header("x-account-id").Value; v.IsKnown() {
		t.Errorf("x-account-id = %q, but it differs between environments", v.Str)
	}
	body := doc.Requests[1].Body
	if got := body.Get("content").Elems[0].Get("body").Str; got != "from a file" {
		t.Errorf("body from < ./note.json: %q", got)
	}
	// Positions of a body from another file point at the "< file" line.
	at(t, data, "body", body.Span, 9, 1, "< ./note.json")

	opts.EnvName = "prod"
	doc = Read(data, opts)
	if v := doc.Requests[0].Header("x-account-id").Value.Str; v != "acc_prod" {
		t.Errorf("x-account-id with env prod = %q", v)
	}
	opts.Vars = map[string]string{"accountId": "acc_flag"}
	doc = Read(data, opts)
	if v := doc.Requests[0].Header("x-account-id").Value.Str; v != "acc_flag" {
		t.Errorf("x-account-id with --env = %q", v)
	}
}

func TestMalformed(t *testing.T) {
	src := "GET https://api.stackone.com/unified/ats/jobs\nx-account-id acc_1\n\n###\nPOST https://api.stackone.com/unified/ats/candidates\nContent-Type: application/json\n\n{\"name\": }\n"
	doc := Read([]byte(src), Options{})
	if len(doc.Problems) != 2 {
		t.Fatalf("problems %+v", doc.Problems)
	}
	for i, want := range []struct {
		rule      string
		line, col int32
	}{{request.RuleSyntax, 2, 1}, {request.RuleSyntax, 8, 10}} {
		p := doc.Problems[i]
		if p.Rule != want.rule || p.Span.Start.Line != want.line || p.Span.Start.Column != want.col {
			t.Errorf("problem %d: %s at %d:%d (%s), want %s at %d:%d", i, p.Rule, p.Span.Start.Line, p.Span.Start.Column, p.Message, want.rule, want.line, want.col)
		}
	}
}
