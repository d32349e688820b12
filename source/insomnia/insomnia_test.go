package insomnia

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

func read(t *testing.T, name string, o Options) ([]byte, *request.Document) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if !Sniff(data) {
		t.Errorf("%s not recognised", name)
	}
	doc := Read(data, o)
	if len(doc.Problems) != 0 || len(doc.Requests) != 3 || doc.Skipped != 1 {
		t.Fatalf("%s: %d requests, %d skipped, problems %+v", name, len(doc.Requests), doc.Skipped, doc.Problems)
	}
	return data, doc
}

func TestV4(t *testing.T) {
	data, doc := read(t, "ats.insomnia.json", Options{})
	list := doc.Requests[0]
	if list.Pointer != "/resources/3" || list.Host != "api.stackone.com" || len(list.Query) != 1 {
		t.Errorf("request 0 at %q host %q query %+v", list.Pointer, list.Host, list.Query)
	}
	at(t, data, "page_size", list.Query[0].Value.Span, 12, 53, "500")
	acct := list.Header("x-account-id").Value
	if acct.Str != "acc_123" || acct.Pointer != "/resources/3/headers/0/value" {
		t.Errorf("x-account-id = %q at %q", acct.Str, acct.Pointer)
	}
	at(t, data, "x-account-id", acct.Span, 13, 53, "{{ _.accountId }}")
	if list.Header("x-debug") != nil {
		t.Error("disabled header read")
	}
	vis := doc.Requests[2].Body.Get("visibility")
	at(t, data, "visibility", vis.Span, 24, 125, `\"private\"`)
	if vis.Pointer != "/resources/5/body/text/visibility" {
		t.Errorf("pointer %q", vis.Pointer)
	}
}

func TestV5(t *testing.T) {
	data, doc := read(t, "ats.insomnia.yaml", Options{Vars: map[string]string{"accountId": "acc_env"}})
	list := doc.Requests[0]
	if list.Pointer != "/collection/0/children/0" || list.Host != "api.stackone.com" {
		t.Errorf("request 0 at %q host %q", list.Pointer, list.Host)
	}
	acct := list.Header("x-account-id").Value
	if acct.Str != "acc_env" || acct.Pointer != "/collection/0/children/0/headers/0/value" {
		t.Errorf("x-account-id = %q at %q", acct.Str, acct.Pointer)
	}
	at(t, data, "x-account-id", acct.Span, 23, 21, "{{ _.accountId }}")
	// A literal block scalar body, positioned line by line.
	vis := doc.Requests[2].Body.Get("visibility")
	at(t, data, "visibility", vis.Span, 49, 25, `"private"`)
}

func TestTemplateTagsAreUnknown(t *testing.T) {
	src := `{"_type": "export", "__export_format": 4, "resources": [
 {"_id": "r", "_type": "request", "method": "GET", "url": "https://api.stackone.com/unified/ats/jobs",
  "headers": [{"name": "x-account-id", "value": "{% response 'body', 'req_0', 'b64::JC5pZA==::46b', 'never', 60 %}"}]}]}`
	doc := Read([]byte(src), Options{})
	if len(doc.Requests) != 1 || doc.Requests[0].Header("x-account-id").Value.IsKnown() {
		t.Errorf("{%% response %%} tag read as known: %+v", doc.Requests)
	}
}

func TestMalformed(t *testing.T) {
	for _, tc := range []struct {
		src, rule string
		line      int32
	}{
		{"{\"_type\": \"export\", \"__export_format\": 4,\n \"resources\": [}", request.RuleSyntax, 2},
		{"type: collection.insomnia.rest/5.0\ncollection:\n  - url: [\n", request.RuleSyntax, 3},
		{"type: something/else\n", request.RuleNotARequest, 1},
	} {
		doc := Read([]byte(tc.src), Options{})
		if len(doc.Problems) != 1 || doc.Problems[0].Rule != tc.rule || doc.Problems[0].Span.Start.Line != tc.line {
			t.Errorf("%q: problems %+v, want %s on line %d", tc.src, doc.Problems, tc.rule, tc.line)
		}
	}
}

// Aliases are not expanded: nine levels of ten would be a billion values.
func TestAliasesNotExpanded(t *testing.T) {
	src := "type: collection.insomnia.rest/5.0\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'j'; c++ {
		p := string(c - 1)
		src += string(c) + ": &" + string(c) + " [*" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + "]\n"
	}
	src += "collection:\n  - url: https://api.stackone.com/unified/ats/jobs\n    headers:\n      - name: x-account-id\n        value: *j\n"
	doc := Read([]byte(src), Options{})
	if len(doc.Requests) != 1 || doc.Requests[0].Header("x-account-id").Value.IsKnown() {
		t.Fatalf("requests %+v, problems %+v", doc.Requests, doc.Problems)
	}
}
