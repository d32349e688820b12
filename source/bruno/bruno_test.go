package bruno

import (
	"os"
	"path/filepath"
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

func opts(env string) Options {
	return Options{Dir: "testdata/ats/candidates", EnvName: env, ReadFile: os.ReadFile, ReadDir: func(d string) ([]string, error) {
		es, err := os.ReadDir(d)
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out, err
	}}
}

func read(t *testing.T, name string, o Options) ([]byte, *request.Request) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/ats/candidates", name))
	if err != nil {
		t.Fatal(err)
	}
	doc := Read(data, o)
	if len(doc.Problems) != 0 || len(doc.Requests) != 1 {
		t.Fatalf("%s: %d requests, problems %+v", name, len(doc.Requests), doc.Problems)
	}
	return data, doc.Requests[0]
}

func TestRead(t *testing.T) {
	data, r := read(t, "list.bru", opts("prod"))
	if r.Method != "GET" || r.Host != "api.stackone.com" || r.Path != "/unified/ats/candidates" || r.Pointer != "" {
		t.Errorf("%s %s %s at %q", r.Method, r.Host, r.Path, r.Pointer)
	}
	at(t, data, "page_size", r.Query[0].Value.Span, 8, 53, "500")
	acct := r.Header("x-account-id").Value
	if acct.Str != "acc_123" || acct.Pointer != "/headers/x-account-id" {
		t.Errorf("x-account-id = %q at %q", acct.Str, acct.Pointer)
	}
	at(t, data, "x-account-id", acct.Span, 19, 17, "{{accountId}}")
	if r.Header("x-debug") != nil {
		t.Error("~x-debug is disabled, read as sent")
	}
	// apiKey is a secret: no value in the environment file.
	if v := r.Header("Authorization").Value; v.IsKnown() {
		t.Errorf("Authorization = %q, want unknown", v.Str)
	}

	_, get := read(t, "get.bru", opts("prod"))
	if s := get.PathSegments(); s[3] != ":id" {
		t.Errorf("empty params:path id sent as %q, want :id", s[3])
	}

	data, note := read(t, "note.bru", opts("prod"))
	vis := note.Body.Get("visibility")
	if vis.Str != "private" || vis.Pointer != "/body/visibility" {
		t.Errorf("visibility = %q at %q", vis.Str, vis.Pointer)
	}
	at(t, data, "visibility", vis.Span, 20, 19, `"private"`)

	_, script := read(t, "script.bru", opts("prod"))
	if h := script.Header("x-account-id"); h == nil || h.Value.IsKnown() {
		t.Errorf("req.setHeader x-account-id: %+v, want present and unknown", h)
	}
}

func TestNoEnvironmentChosen(t *testing.T) {
	// One environment: its values are the only ones possible.
	_, r := read(t, "list.bru", opts(""))
	if v := r.Header("x-account-id").Value.Str; v != "acc_123" {
		t.Errorf("x-account-id = %q", v)
	}
	o := opts("")
	o.Vars = map[string]string{"accountId": "acc_flag"}
	_, r = read(t, "list.bru", o)
	if v := r.Header("x-account-id").Value.Str; v != "acc_flag" {
		t.Errorf("x-account-id with --env = %q", v)
	}
	// Without the collection (no file access): the variables are unknown,
	// the request is still one (a /unified/ path behind an unknown host).
	_, r = read(t, "list.bru", Options{})
	if r.Host != "" || r.Path != "/unified/ats/candidates" || r.Header("x-account-id").Value.IsKnown() {
		t.Errorf("host %q path %q", r.Host, r.Path)
	}
}

func TestMalformed(t *testing.T) {
	src := "meta {\n  name: x\n}\n\nget {\n  url: https://api.stackone.com/unified/ats/jobs\n\nheaders {\n  x-account-id: a\n}\n"
	doc := Read([]byte(src), Options{})
	if len(doc.Problems) != 1 || doc.Problems[0].Rule != request.RuleSyntax {
		t.Fatalf("problems %+v", doc.Problems)
	}
	if s := doc.Problems[0].Span.Start; s.Line != 8 || s.Column != 1 {
		t.Errorf("unclosed block reported at %d:%d (%s)", s.Line, s.Column, doc.Problems[0].Message)
	}
}

func TestIsRequestPath(t *testing.T) {
	for name, want := range map[string]bool{
		"c/list.bru": true, "c/collection.bru": false, "c/folder.bru": false, "c/environments/prod.bru": false, "c/list.json": false,
	} {
		if got := IsRequestPath(name); got != want {
			t.Errorf("IsRequestPath(%q) = %v", name, got)
		}
	}
}
