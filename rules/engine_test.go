package rules

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/request"
)

// check runs every rule over a document and returns "line:col rule message"
// lines.
func check(t *testing.T, opts Options, doc string) []string {
	t.Helper()
	var out []string
	for _, d := range checkBytes(New(opts), []byte(doc)) {
		p := ""
		if d.Provider != "" {
			p = " (" + d.Provider + ")"
		}
		out = append(out, fmt.Sprintf("%d:%d %s%s %s", d.Span.Start.Line, d.Span.Start.Column, d.Rule, p, d.Message))
	}
	return out
}

func TestUnknownFieldNamesClosest(t *testing.T) {
	doc := `{
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/candidates/c1/notes",
  "headers": {"x-account-id": "acc_1"},
  "body": {
    "content": [{"body": "Great call"}],
    "auther_id": "u1"
  }
}`
	assert.Equal(t, []string{
		`7:5 stackone/unknown-field unknown field "auther_id"; StackOne drops it silently; did you mean "author_id"?`,
	}, check(t, Options{}, doc))
}

func TestUnknownFilterAtItsPosition(t *testing.T) {
	doc := `{"method": "GET", "headers": {"x-account-id": "a"},
 "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z"}`
	assert.Equal(t, []string{
		`2:58 stackone/unknown-filter filter key "updated_at" is not declared by ats_list_candidates; did you mean filter[updated_after]?`,
	}, check(t, Options{}, doc))
}

func TestUnknownOperationNamesAllowedMethods(t *testing.T) {
	doc := `{"method": "PATCH", "url": "https://api.stackone.com/unified/ats/candidates/1/notes/2", "headers": {"x-account-id": "a"}, "body": {"content": [{"body": "x"}]}}`
	assert.Equal(t, []string{
		`1:28 stackone/unknown-operation no PATCH operation on /unified/ats/candidates/{id}/notes/{subResourceId}; the path allows GET (ats_get_candidate_note)`,
	}, check(t, Options{}, doc))
}

func TestUnknownOperationSuggestsNearestPath(t *testing.T) {
	doc := `{"method": "GET", "path": "/unified/ats/candidate", "headers": {"x-account-id": "a"}}`
	got := check(t, Options{}, doc)
	require.Len(t, got, 1)
	assert.Contains(t, got[0], "stackone/unknown-operation")
	assert.Contains(t, got[0], "nearest: GET /unified/ats/candidates (ats_list_candidates)")
}

func TestMatchingAcceptsHostsAndTrailingSlash(t *testing.T) {
	for _, u := range []string{
		"https://api.stackone.com/unified/ats/jobs/",
		"/unified/ats/jobs",
		"https://api.stackone.com/unified/ats/jobs?page_size=10",
	} {
		doc := `{"method": "get", "url": "` + u + `", "headers": {"x-account-id": "a"}}`
		assert.Empty(t, check(t, Options{}, doc), u)
	}
}

func TestFormatViolationDoesNotEchoValue(t *testing.T) {
	doc := `{"method": "POST", "url": "/unified/ats/candidates", "headers": {"x-account-id": "a"},
  "body": {"email": "jane.doe.private-at-example.org", "hired_at": "sometime 2021"}}`
	got := check(t, Options{}, doc)
	assert.Equal(t, []string{
		`2:21 stackone/body-schema email: not a valid email address`,
		`2:68 stackone/body-schema hired_at: not a valid date-time (RFC 3339)`,
	}, got)
	for _, line := range got {
		assert.NotContains(t, line, "jane.doe")
		assert.NotContains(t, line, "sometime")
	}
}

func TestNullableFieldsAcceptNull(t *testing.T) {
	doc := `{"method": "POST", "url": "/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "a"},
  "body": {"content": [{"body": "ok"}], "author_id": null, "visibility": null}}`
	assert.Empty(t, check(t, Options{}, doc))
}

func TestPlaceholderIDs(t *testing.T) {
	for seg, what := range map[string]string{
		"{id}":              "is the unresolved placeholder {id}",
		"{candidate_id}":    "is the unresolved placeholder {candidate_id}", // as written, not the catalogue's {id}
		":id":               "is the unresolved placeholder :id",
		"<id>":              "is the unresolved placeholder <id>",
		"${candidateId}":    "is the unresolved placeholder ${candidateId}",
		"<ada@example.com>": "is an unresolved placeholder", // not a name: not repeated
		"undefined":         "is a missing value (undefined)",
		"null":              "is a missing value (null)",
		"":                  "is empty",
	} {
		doc := `{"method": "GET", "url": "/unified/ats/candidates/` + seg + `/notes", "headers": {"x-account-id": "a"}}`
		got := check(t, Options{}, doc)
		require.Len(t, got, 1, seg)
		assert.Contains(t, got[0], "stackone/placeholder-id path parameter id "+what+"; substitute the real id", seg)
	}
	// The span is the segment itself.
	got := check(t, Options{}, `{"method": "GET", "url": "/unified/ats/candidates/{id}", "headers": {"x-account-id": "a"}}`)
	assert.Equal(t, []string{"1:51 stackone/placeholder-id path parameter id is the unresolved placeholder {id}; substitute the real id"}, got)
}

func TestQueryFormsAgree(t *testing.T) {
	forms := []string{
		`"url": "/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z"`,
		`"url": "/unified/ats/candidates", "query": {"filter": {"updated_at": "2024-01-01T00:00:00Z"}}`,
		`"url": "/unified/ats/candidates", "query": {"filter[updated_at]": "2024-01-01T00:00:00Z"}`,
	}
	for _, f := range forms {
		got := check(t, Options{}, `{"method": "GET", "headers": {"x-account-id": "a"}, `+f+`}`)
		require.Len(t, got, 1, f)
		assert.Contains(t, got[0], "stackone/unknown-filter", f)
	}
}

func TestIgnores(t *testing.T) {
	base := `{"method": "GET", "url": "/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"}, "x-atslint": {"ignore": [%s]}}`
	assert.Empty(t, check(t, Options{}, fmt.Sprintf(base, `{"rule": "stackone/page-size", "reason": "capped by our proxy"}`)))

	got := check(t, Options{}, fmt.Sprintf(base, `{"rule": "stackone/page-size"}`))
	assert.Len(t, got, 2)
	assert.Contains(t, strings.Join(got, "\n"), "atslint/ignore ignore of stackone/page-size has no reason")

	got = check(t, Options{}, fmt.Sprintf(base, `{"rule": "stackone/page-size", "reason": "x"}, {"rule": "stackone/unknown-filter", "reason": "old"}`))
	assert.Len(t, got, 1)
	assert.Contains(t, got[0], "atslint/ignore ignore of stackone/unknown-filter silences nothing")
}

func TestSeverityOverride(t *testing.T) {
	doc := `{"method": "GET", "url": "/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"}}`
	assert.Empty(t, check(t, Options{Severity: map[string]Severity{"stackone/page-size": Off}}, doc))
	ds := checkBytes(New(Options{Severity: map[string]Severity{"stackone/page-size": Info}}), []byte(doc))
	require.Len(t, ds, 1)
	assert.Equal(t, Info, ds[0].Severity)
}

func TestUnknownValuesNeverReport(t *testing.T) {
	// A front end (the Go analyzer) marks what it cannot see as Unknown.
	body := &request.Value{Kind: request.Object, Pointer: "/body", Members: []*request.Member{
		{Key: "content", Value: &request.Value{Kind: request.Unknown, Pointer: "/body/content"}},
		{Key: "visibility", Value: &request.Value{Kind: request.Unknown, Pointer: "/body/visibility"}},
	}}
	req := &request.Request{Method: "POST", MethodKnown: true, Path: "/unified/ats/candidates/\x00/notes",
		Headers: []request.Header{{Name: "x-account-id", Value: &request.Value{Kind: request.Unknown}}},
		Body:    body, HeadersComplete: false, QueryComplete: false}
	assert.Empty(t, New(Options{}).Check([]*request.Request{req}))
}

func TestStackOneRateLimit(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var reqs []*request.Request
	for i := 0; i < 1002; i++ {
		reqs = append(reqs, &request.Request{Index: i, Method: "GET", MethodKnown: true, PathKnown: true,
			Path: "/unified/ats/jobs", Time: start.Add(time.Duration(i) * 50 * time.Millisecond),
			Headers: []request.Header{{Name: "Authorization", Value: &request.Value{Kind: request.String, Str: "Basic secret"}},
				{Name: "x-account-id", Value: &request.Value{Kind: request.String, Str: "a"}}},
			HeadersComplete: true, QueryComplete: true})
	}
	var got []Diagnostic
	for _, d := range New(Options{}).Check(reqs) {
		if d.Rule == "stackone/rate-limit" {
			got = append(got, d)
		}
	}
	require.Len(t, got, 1)
	assert.Equal(t, 1000, got[0].Request) // the 1,001st request is the first over the limit
	assert.Equal(t, "this API key sent 1001 requests in 60 s (limit 1000 per minute); StackOne answers 429", got[0].Message)
	assert.NotContains(t, got[0].Message, "secret")
}

func TestRegistryIDs(t *testing.T) {
	for _, id := range []string{
		"input/syntax", "input/not-a-request", "input/unknown-key", "input/too-large", "input/too-deep",
		"atslint/ignore", "stackone/rate-limit", "stackone/unknown-operation", "stackone/missing-account-id",
		"stackone/placeholder-id", "stackone/unknown-query-param", "stackone/deprecated-query-param",
		"stackone/unknown-filter", "stackone/invalid-filter-value", "stackone/page-size", "stackone/proxy-pagination",
		"stackone/missing-body", "stackone/unexpected-body", "stackone/body-schema", "stackone/unknown-field",
		"stackone/deprecated-field", "stackone/application-candidate", "stackone/empty-note",
		"security/hardcoded-credential", "security/insecure-url",
		// DESIGN.md §3's provider rules.
		"lever/updated-at-filter", "smartrecruiters/list-applications", "smartrecruiters/interview-scope",
		"smartrecruiters/rate-limit", "bullhorn/note-missing-author", "bullhorn/note-candidate-id",
		"workable/candidate-without-application", "teamtailor/missing-permissions", "greenhouse/acting-user",
	} {
		_, ok := Lookup(id)
		assert.True(t, ok, id)
	}
	assert.Panics(t, func() { Register(&Rule{ID: "Bad ID"}) })
}

func TestSecretPlaceholders(t *testing.T) {
	for _, v := range []string{"${STACKONE_API_KEY}", "$STACKONE_API_KEY", "{{apiKey}}", "<api-key>", "Basic ${KEY_B64}",
		"Bearer YOUR_API_KEY", "Basic JHtTVEFDS09ORV9BUElfS0VZfTo=", "xxxx", "***", "%API_KEY%"} {
		assert.True(t, isSecretPlaceholder(v), v)
	}
	for _, v := range []string{"Basic c2tfbGl2ZV80ZjJhOTljMGUxYjM6", "Bearer v1.sk_live_abcdef0123", "sk_live_4f2a99c0e1b3"} {
		assert.False(t, isSecretPlaceholder(v), v)
	}
}

func TestRuleSharedByProviders(t *testing.T) {
	// One request can yield the same rule for two providers of a target
	// list, each diagnostic naming its provider.
	shared := &Rule{ID: "test/shared", Severity: Warning, Providers: []string{"lever", "workable"},
		Check: func(p *Pass) { p.ReportRequest("for %s", p.Provider) }}
	doc := `{"method": "GET", "url": "/unified/ats/jobs", "headers": {"x-account-id": "a"}}`
	got := check(t, Options{Rules: []*Rule{shared}, Providers: []string{"workable", "bullhorn", "lever"}}, doc)
	assert.Equal(t, []string{"1:26 test/shared (lever) for lever", "1:26 test/shared (workable) for workable"}, got)
	assert.Empty(t, check(t, Options{Rules: []*Rule{shared}}, doc))
}

func TestIgnoreUseIsPerCheck(t *testing.T) {
	doc := `{"method": "GET", "url": "/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"}, "x-atslint": {"ignore": [{"rule": "stackone/page-size", "reason": "capped"}]}}`
	d, err := request.ReadDocument([]byte(doc), request.Options{})
	require.NoError(t, err)
	e := New(Options{})
	assert.Empty(t, e.Check(d.Requests))
	// Without the page_size the ignore silences nothing, even though an
	// earlier check of the same request marked it used.
	d.Requests[0].Query = nil
	ds := e.Check(d.Requests)
	require.Len(t, ds, 1)
	assert.Equal(t, "atslint/ignore", ds[0].Rule)
}

// TestCheckLeavesRequestsAlone: the engine never writes into the Requests
// it checks, so one Request checked twice, or by several goroutines at
// once, gives the same diagnostics each time.
func TestCheckLeavesRequestsAlone(t *testing.T) {
	doc := `[{"method": "GET", "url": "/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "a"},
	  "x-atslint": {"ignore": [{"rule": "stackone/page-size", "reason": "capped"}, {"rule": "stackone/unknown-filter", "reason": "old"}]}},
	 {"provider": "bullhorn", "method": "POST", "url": "/unified/ats/candidates/1/notes", "headers": {"x-account-id": "a"}, "body": {"content": []},
	  "x-atslint": {"ignore": [{"rule": "stackone/empty-note"}]}}]`
	read := func() []*request.Request {
		d, err := request.ReadDocument([]byte(doc), request.Options{})
		require.NoError(t, err)
		require.Len(t, d.Requests, 2)
		return d.Requests
	}
	reqs, untouched := read(), read()
	e := New(Options{Providers: KnownProviders()})
	want := e.Check(reqs)
	var ignores []string
	for _, d := range want {
		if d.Rule == "atslint/ignore" {
			ignores = append(ignores, d.Message)
		}
	}
	assert.Equal(t, []string{
		"ignore of stackone/unknown-filter silences nothing; remove it",
		"ignore of stackone/empty-note has no reason; say why the diagnostic does not apply",
	}, ignores)
	assert.Equal(t, untouched, reqs, "the engine wrote into the requests")

	results := make([][]Diagnostic, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i] = e.Check(reqs) })
	}
	wg.Wait()
	for _, got := range results {
		assert.Equal(t, want, got)
	}
	assert.Equal(t, untouched, reqs, "the engine wrote into the requests")
}

func TestOutcome(t *testing.T) {
	for _, tc := range []struct {
		o      Outcome
		status int
		want   bool
	}{
		{"400", 400, true}, {"400", 422, false},
		{"4xx", 400, true}, {"4xx", 499, true}, {"4xx", 500, false}, {"4xx", 399, false},
		{"5xx", 501, true},
		{Silent, 200, true}, {Silent, 400, false},
		{None, 400, false}, {None, 200, false},
	} {
		assert.Equal(t, tc.want, tc.o.Matches(tc.status), "%s matches %d", tc.o, tc.status)
	}
	for _, o := range []Outcome{"40", "4xxx", "6xx", "0xx", "abc", "", "099"} {
		assert.False(t, o.Valid(), "%q", o)
	}
	for _, r := range All() {
		assert.True(t, r.Predicts.Valid(), "%s predicts %q", r.ID, r.Predicts)
	}
	assert.Equal(t, "4xx (any 4xx status; which one depends on the provider)", Outcome("4xx").Describe())
}

// TestDateFilterLowerCase: RFC 3339 §5.6 lets "T" and "Z" be lower case;
// time.Parse does not, and the rule used to report such a date.
func TestDateFilterLowerCase(t *testing.T) {
	doc := `{"method": "GET", "url": "/unified/ats/candidates?filter[updated_after]=%s", "headers": {"x-account-id": "a"}}`
	assert.Empty(t, check(t, Options{}, fmt.Sprintf(doc, "2024-01-01t00:00:00z")))
	assert.Empty(t, check(t, Options{}, fmt.Sprintf(doc, "2024-01-01T00:00:00.5%2B02:00")))
	assert.Equal(t, []string{`1:73 stackone/invalid-filter-value filter[updated_after] is not an RFC 3339 date-time (for example 2024-01-01T00:00:00Z)`},
		check(t, Options{}, fmt.Sprintf(doc, "2024-01-01")))
}

func TestDiagnosticTag(t *testing.T) {
	for _, tc := range []struct{ rule, provider, want string }{
		{"stackone/page-size", "", "stackone/page-size"},
		{"bullhorn/note-missing-author", "bullhorn", "bullhorn/note-missing-author"},
		{"lever/updated-at-filter", "lever", "lever/updated-at-filter"},
		{"stackone/page-size", "lever", "stackone/page-size for lever"},
		{"test/unregistered", "test", "test/unregistered"},
	} {
		assert.Equal(t, tc.want, Diagnostic{Rule: tc.rule, Provider: tc.provider}.Tag(), "%s %s", tc.rule, tc.provider)
	}
	// A rule of one provider's set that applies to several names the
	// provider even when it is the set's own.
	for _, r := range All() {
		set, _, _ := strings.Cut(r.ID, "/")
		if len(r.Providers) > 1 && slices.Contains(r.Providers, set) {
			assert.Equal(t, r.ID+" for "+set, Diagnostic{Rule: r.ID, Provider: set}.Tag())
		}
	}
}

// TestIgnoreProblems: the one set of messages about ignores, for request
// documents and Go directives alike.
func TestIgnoreProblems(t *testing.T) {
	const syntax = "//atslint:ignore RULE reason"
	for _, tc := range []struct {
		ig   Ignore
		used bool
		want []string
	}{
		{Ignore{Reason: "x"}, false, []string{"ignore names no rule; write " + syntax}},
		{Ignore{Rules: []string{"stackone/page-size"}}, false, []string{"ignore of stackone/page-size has no reason; say why the diagnostic does not apply"}},
		{Ignore{Rules: []string{"Jane Doe"}}, false, []string{"ignore has no reason and names no rule ID (ruleset/name)"}},
		{Ignore{Rules: []string{"stackone/page-size", "stackone/unknown-filter"}, Reason: "x"}, true, nil},
		{Ignore{Rules: []string{"stackone/page-size", "stackone/unknown-filter"}, Reason: "x"}, false,
			[]string{"ignore of stackone/page-size,stackone/unknown-filter silences nothing; remove it"}},
		{Ignore{Rules: []string{"stackone/page-sise", "jane doe"}, Reason: "x"}, false,
			[]string{`ignore names unknown rule "stackone/page-sise"; did you mean stackone/page-size?`, "ignore names no rule ID (ruleset/name)"}},
	} {
		assert.Equal(t, tc.want, tc.ig.Problems(tc.used, syntax), "%+v used=%v", tc.ig, tc.used)
	}
	assert.False(t, Ignore{Rules: []string{"atslint/ignore"}, Reason: "x"}.Silences("atslint/ignore"), "an ignore cannot silence ignores")
	assert.False(t, Ignore{Rules: []string{"stackone/page-size"}}.Silences("stackone/page-size"), "no reason, no silence")
	assert.Nil(t, IgnoreDiagnostics(Ignore{}, false, syntax, Off))
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"stackone/unknown-query-param": true, "bullhorn/note-missing-author": true, "a/b": true, "s3/x--y": true,
		"": false, "stackone": false, "/x": false, "x/": false, "x/-y": false, "x/y-": false, "-x/y": false,
		"x/y/z": false, "X/y": false, "x/y z": false, "x/é": false, "x/y_z": false,
	} {
		assert.Equal(t, want, validID(id), id)
	}
}

// A duplicate ID registered before the registry is used panics at its
// first use; one registered after, at once.
func TestRegisterDuplicate(t *testing.T) {
	registry.Lock()
	list, byID, sorted := registry.list, registry.byID, registry.sorted
	registry.list, registry.byID, registry.sorted = slices.Clone(list), nil, nil
	registry.Unlock()
	defer func() {
		registry.Lock()
		registry.list, registry.byID, registry.sorted = list, byID, sorted
		registry.Unlock()
	}()
	Register(&Rule{ID: "stackone/test-duplicate"}, &Rule{ID: "stackone/test-duplicate"})
	assert.PanicsWithValue(t, "rules: duplicate rule ID stackone/test-duplicate", func() { All() })
	assert.PanicsWithValue(t, "rules: duplicate rule ID stackone/test-duplicate", func() { Lookup("stackone/test-duplicate") })

	registry.Lock()
	registry.list, registry.byID, registry.sorted = slices.Clone(list), nil, nil
	registry.Unlock()
	_, ok := Lookup("stackone/unknown-operation")
	require.True(t, ok)
	assert.PanicsWithValue(t, "rules: duplicate rule ID stackone/unknown-operation", func() {
		Register(&Rule{ID: "stackone/unknown-operation"})
	})
}

// TestCheckRequestResultsStandAlone: what CheckRequest and Record return
// is the check's own (a later check does not change it) and does not keep
// the request's tree alive, a passthrough's native call included.
func TestCheckRequestResultsStandAlone(t *testing.T) {
	other := `{"method": "GET", "url": "/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "b"}}`
	read := func(s string) *request.Request {
		d, err := request.ReadDocument([]byte(s), request.Options{})
		require.NoError(t, err)
		require.Len(t, d.Requests, 1)
		return d.Requests[0]
	}
	e := New(Options{Providers: KnownProviders()})
	for name, doc := range map[string]string{
		"note":        `{"provider": "bullhorn", "method": "POST", "url": "/unified/ats/candidates/1/notes", "headers": {"x-account-id": "a"}, "body": {"content": []}}`,
		"passthrough": `{"provider": "greenhouse", "method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "a"}, "body": {"method": "get", "path": "/v1/candidates?per_page=900&updated_after=x"}}`,
	} {
		for _, how := range []string{"CheckRequest", "Record"} {
			t.Run(name+"/"+how, func(t *testing.T) {
				req := read(doc)
				require.NotNil(t, req.Body)
				collected := make(chan struct{})
				runtime.AddCleanup(req.Body, func(ch chan struct{}) { close(ch) }, collected)
				var diags []Diagnostic
				var rec *Record
				if how == "CheckRequest" {
					diags, rec = e.CheckRequest(req)
					require.NotEmpty(t, diags)
				} else {
					rec = e.Record(req)
				}
				req = nil
				want, wantRec := slices.Clone(diags), *rec

				for range 3 {
					e.CheckRequest(read(other))
				}
				assert.Equal(t, want, diags, "a later check changed the diagnostics")
				assert.Equal(t, wantRec, *rec, "a later check changed the Record")

				for i := 0; i < 100; i++ {
					runtime.GC()
					select {
					case <-collected:
						runtime.KeepAlive(diags)
						runtime.KeepAlive(rec)
						return
					case <-time.After(10 * time.Millisecond):
					}
				}
				t.Fatal("the check's results keep the request's body alive")
			})
		}
	}
}

// A request that sends x-account-id twice sends both values (a server
// joins them): each is checked, not only the first.
func TestEveryAccountHeaderChecked(t *testing.T) {
	doc := `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs",
 "headers": {"x-account-id": "acc_1", "x-account-id": "{account_id}", "X-Account-Id": " "}}`
	assert.Equal(t, []string{
		"2:39 stackone/placeholder-id x-account-id header is the unresolved placeholder {account_id}, which names no linked account; send the linked account's id",
		"2:71 stackone/missing-account-id x-account-id header is empty; StackOne cannot tell which linked account to call",
	}, check(t, Options{}, doc))
}
