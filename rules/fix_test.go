package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/atslint/atslint/fix"
	"github.com/atslint/atslint/request"
)

// fixRule applies the fixes of one rule to src until none is left and
// returns the result and the fixes seen in the first round.
func fixRule(t *testing.T, e *Engine, rule, src string) (string, []*Fix) {
	t.Helper()
	var first []*Fix
	for round := 0; round < 10; round++ {
		var edits [][]request.Edit
		for _, d := range checkBytes(e, []byte(src)) {
			if d.Rule == rule && d.Fix != nil {
				if round == 0 {
					first = append(first, d.Fix)
				}
				edits = append(edits, d.Fix.Edits)
			}
		}
		out, n := fix.Apply([]byte(src), edits)
		if n == 0 {
			return src, first
		}
		src = string(out)
	}
	t.Fatalf("fixes of %s did not settle in 10 rounds", rule)
	return "", nil
}

const acc = `"headers": {"x-account-id": "a"}`

func TestFixes(t *testing.T) {
	for _, tc := range []struct {
		name, rule, provider string
		in, want             string // want == in: no fix
		safety               Safety
	}{
		{"unknown key", "input/unknown-key", "",
			`{"method": "GET", "url": "/unified/ats/jobs", "heders": {"x-account-id": "a"}}`,
			`{"method": "GET", "url": "/unified/ats/jobs", "headers": {"x-account-id": "a"}}`, Unsafe},
		{"unknown key whose target exists", "input/unknown-key", "",
			`{"method": "GET", "url": "/unified/ats/jobs", "heders": {}, ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/jobs", "heders": {}, ` + acc + `}`, 0},
		{"unknown ignore key", "input/unknown-key", "",
			`{"method": "GET", "url": "/unified/ats/jobs", ` + acc + `, "x-atslint": {"ignroe": []}}`,
			`{"method": "GET", "url": "/unified/ats/jobs", ` + acc + `, "x-atslint": {"ignore": []}}`, Unsafe},
		{"unknown field, escaped key", "stackone/unknown-field", "",
			`{"method": "POST", "url": "/unified/ats/candidates/c1/notes", ` + acc + `, "body": {"content": [{"body": "x"}], "auth\u0065r_id": "u1"}}`,
			`{"method": "POST", "url": "/unified/ats/candidates/c1/notes", ` + acc + `, "body": {"content": [{"body": "x"}], "author_id": "u1"}}`, Unsafe},
		{"unknown field already present", "stackone/unknown-field", "",
			`{"method": "POST", "url": "/unified/ats/candidates/c1/notes", ` + acc + `, "body": {"content": [{"body": "x"}], "author_id": "u1", "auther_id": "u2"}}`,
			`{"method": "POST", "url": "/unified/ats/candidates/c1/notes", ` + acc + `, "body": {"content": [{"body": "x"}], "author_id": "u1", "auther_id": "u2"}}`, 0},
		{"unknown filter in url", "stackone/unknown-filter", "",
			`{"method": "GET", "url": "/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z&page_size=5", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z&page_size=5", ` + acc + `}`, Unsafe},
		{"unknown filter nested in query", "stackone/unknown-filter", "",
			`{"method": "GET", "url": "/unified/ats/candidates", "query": {"filter": {"updated_at": "2024-01-01T00:00:00Z"}}, ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates", "query": {"filter": {"updated_after": "2024-01-01T00:00:00Z"}}, ` + acc + `}`, Unsafe},
		{"unknown filter flat in query", "stackone/unknown-filter", "",
			`{"method": "GET", "url": "/unified/ats/candidates", "query": {"filter[updated_at]": "2024-01-01T00:00:00Z"}, ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates", "query": {"filter[updated_after]": "2024-01-01T00:00:00Z"}, ` + acc + `}`, Unsafe},
		{"unknown filter in a url with escapes", "stackone/unknown-filter", "",
			`{"method": "GET", "url": "\/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z", ` + acc + `}`,
			`{"method": "GET", "url": "\/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z", ` + acc + `}`, 0},
		{"unknown query param", "stackone/unknown-query-param", "",
			`{"method": "GET", "url": "/unified/ats/candidates?pagesize=5", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates?page_size=5", ` + acc + `}`, Unsafe},
		{"deprecated updated_after", "stackone/deprecated-query-param", "",
			`{"method": "GET", "url": "/unified/ats/candidates?updated_after=2024-01-01T00:00:00Z", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z", ` + acc + `}`, Safe},
		{"deprecated updated_after in query", "stackone/deprecated-query-param", "",
			`{"method": "GET", "url": "/unified/ats/candidates", "query": {"updated_after": "2024-01-01T00:00:00Z"}, ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates", "query": {"filter[updated_after]": "2024-01-01T00:00:00Z"}, ` + acc + `}`, Safe},
		{"deprecated job status filter", "stackone/deprecated-query-param", "",
			`{"method": "GET", "url": "/unified/ats/jobs?filter[status]=open", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/jobs?filter[job_status]=open", ` + acc + `}`, Safe},
		{"deprecated with its replacement present", "stackone/deprecated-query-param", "",
			`{"method": "GET", "url": "/unified/ats/candidates?updated_after=2024-01-01T00:00:00Z&filter[updated_after]=2024-01-01T00:00:00Z", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates?updated_after=2024-01-01T00:00:00Z&filter[updated_after]=2024-01-01T00:00:00Z", ` + acc + `}`, 0},
		{"deprecated updated_after whose value the filter rejects", "stackone/deprecated-query-param", "",
			`{"method": "GET", "url": "/unified/ats/candidates?updated_after=2024-01-01", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates?updated_after=2024-01-01", ` + acc + `}`, 0},
		{"deprecated page has no equivalent", "stackone/deprecated-query-param", "",
			`{"method": "GET", "url": "/unified/ats/candidates?page=2", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates?page=2", ` + acc + `}`, 0},
		{"lever updated_at", "lever/updated-at-filter", "lever",
			`{"method": "GET", "url": "/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z", ` + acc + `}`, Unsafe},
		{"lever updated_at operator", "lever/updated-at-filter", "lever",
			`{"method": "GET", "url": "/unified/ats/candidates?filter[updated_at][gte]=2024-01-01T00:00:00Z", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/candidates?filter[updated_at][gte]=2024-01-01T00:00:00Z", ` + acc + `}`, 0},
		{"bare enum", "stackone/body-schema", "",
			`{"method": "POST", "url": "/unified/ats/candidates/c1/notes", ` + acc + `, "body": {"content": [{"body": "x"}], "visibility": "p\u0075blic"}}`,
			`{"method": "POST", "url": "/unified/ats/candidates/c1/notes", ` + acc + `, "body": {"content": [{"body": "x"}], "visibility": {"value": "p\u0075blic"}}}`, Safe},
		{"bare enum outside the list", "stackone/body-schema", "",
			`{"method": "POST", "url": "/unified/ats/candidates/c1/notes", ` + acc + `, "body": {"content": [{"body": "x"}], "visibility": "publik"}}`,
			`{"method": "POST", "url": "/unified/ats/candidates/c1/notes", ` + acc + `, "body": {"content": [{"body": "x"}], "visibility": "publik"}}`, 0},
		{"page size in url", "stackone/page-size", "",
			`{"method": "GET", "url": "/unified/ats/jobs?page_size=500&next=x", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/jobs?page_size=100&next=x", ` + acc + `}`, Unsafe},
		{"page size number in query", "stackone/page-size", "",
			`{"method": "GET", "url": "/unified/ats/jobs", "query": {"page_size": 500}, ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/jobs", "query": {"page_size": 100}, ` + acc + `}`, Unsafe},
		{"page size string in query", "stackone/page-size", "",
			`{"method": "GET", "url": "/unified/ats/jobs", "query": {"page_size": "500"}, ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/jobs", "query": {"page_size": "100"}, ` + acc + `}`, Unsafe},
		{"page size zero", "stackone/page-size", "",
			`{"method": "GET", "url": "/unified/ats/jobs?page_size=0", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/jobs?page_size=0", ` + acc + `}`, 0},
		{"insecure url", "security/insecure-url", "",
			`{"method": "GET", "url": "HTTP://api.stackone.com/unified/ats/jobs", ` + acc + `}`,
			`{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", ` + acc + `}`, Safe},
		{"insecure url with escapes", "security/insecure-url", "",
			`{"method": "GET", "url": "http:\/\/api.stackone.com/unified/ats/jobs", ` + acc + `}`,
			`{"method": "GET", "url": "http:\/\/api.stackone.com/unified/ats/jobs", ` + acc + `}`, 0},
		{"insecure passthrough url", "security/insecure-url", "",
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"url": "http://x.example/a", "method": "get"}}`,
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"url": "https://x.example/a", "method": "get"}}`, Safe},
		{"workable limit in the passthrough path", "workable/proxy-limit", "workable",
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"method": "get", "path": "/spi/v3/candidates?limit=500&state=x"}}`,
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"method": "get", "path": "/spi/v3/candidates?limit=100&state=x"}}`, Unsafe},
		{"workable limit in a path with escapes", "workable/proxy-limit", "workable",
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"method": "get", "path": "\/spi/v3/candidates?limit=500"}}`,
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"method": "get", "path": "\/spi/v3/candidates?limit=500"}}`, 0},
		{"ashby limit as a string", "ashby/proxy-limit", "ashby",
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"method": "post", "url": "https://api.ashbyhq.com/candidate.list", "body": {"limit": "500"}}}`,
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"method": "post", "url": "https://api.ashbyhq.com/candidate.list", "body": {"limit": "100"}}}`, Unsafe},
		{"greenhouse per_page zero", "greenhouse/proxy-per-page", "greenhouse",
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?per_page=0"}}`,
			`{"method": "POST", "url": "https://api.stackone.com/unified/proxy", ` + acc + `, "body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?per_page=0"}}`, 0},
		{"unexpected body", "stackone/unexpected-body", "",
			"{\n  \"method\": \"GET\",\n  \"url\": \"/unified/ats/jobs\",\n  \"body\": {\"a\": 1},\n  " + acc + "\n}\n",
			"{\n  \"method\": \"GET\",\n  \"url\": \"/unified/ats/jobs\",\n  " + acc + "\n}\n", Unsafe},
		{"unexpected body first", "stackone/unexpected-body", "",
			`{"body": {"a": 1}, "method": "GET", "url": "/unified/ats/jobs", ` + acc + `}`,
			`{"method": "GET", "url": "/unified/ats/jobs", ` + acc + `}`, Unsafe},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := New(Options{Provider: tc.provider})
			got, fixes := fixRule(t, e, tc.rule, tc.in)
			assert.Equal(t, tc.want, got)
			if tc.want == tc.in {
				assert.Empty(t, fixes)
				return
			}
			for _, f := range fixes {
				assert.Equal(t, tc.safety, f.Safety)
			}
			for _, d := range checkBytes(e, []byte(got)) {
				assert.NotEqual(t, tc.rule, d.Rule, "after the fix: %s", d.Message)
			}
		})
	}
}

func TestFixesCompose(t *testing.T) {
	// Several rules fix one file; the same rename from two rules is made once.
	in := `{"method": "GET", "url": "http://api.stackone.com/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z&page_size=500", "heders": {"x-account-id": "a"}}`
	want := `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z&page_size=100", "headers": {"x-account-id": "a"}}`
	e := New(Options{Provider: "lever"})
	src := []byte(in)
	for range 10 {
		var edits [][]request.Edit
		for _, d := range checkBytes(e, src) {
			if d.Fix != nil {
				edits = append(edits, d.Fix.Edits)
			}
		}
		out, n := fix.Apply(src, edits)
		if n == 0 {
			break
		}
		src = out
	}
	assert.Equal(t, want, string(src))
}
