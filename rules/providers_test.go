package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/request"
)

// only keeps the lines of check's output for one rule.
func only(lines []string, rule string) []string {
	var out []string
	for _, l := range lines {
		if strings.Contains(l, " "+rule+" ") || strings.Contains(l, " "+rule+" (") {
			out = append(out, l)
		}
	}
	return out
}

func TestLeverUpdatedAtAnySpelling(t *testing.T) {
	const msg = "Lever cannot filter on updated_at, so StackOne rejects %s (400) or returns unfiltered records; use filter[updated_after], which matches any change to the record"
	for _, tc := range []struct {
		name, target string
		want         string // "line:col full-name"
	}{
		{"flat in url", `"url": "/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z"`, "1:85 filter[updated_at]"},
		{"nested query", `"url": "/unified/ats/candidates", "query": {"filter": {"updated_at": "2024-01-01T00:00:00Z"}}`, "1:108 filter[updated_at]"},
		{"flat query key", `"url": "/unified/ats/candidates", "query": {"filter[updated_at]": "2024-01-01T00:00:00Z"}`, "1:97 filter[updated_at]"},
		{"plain parameter", `"url": "/unified/ats/candidates?updated_at=2024-01-01T00:00:00Z"`, "1:85 updated_at"},
		{"camel case", `"url": "/unified/ats/candidates?filter[updatedAt]=2024-01-01T00:00:00Z"`, "1:85 filter[updatedAt]"},
		{"operator suffix", `"url": "/unified/ats/applications?filter[updated_at][gte]=2024-01-01T00:00:00Z"`, "1:87 filter[updated_at]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := `{"method": "GET", "headers": {"x-account-id": "a"}, ` + tc.target + `}`
			got := only(check(t, Options{Provider: "lever"}, doc), "lever/updated-at-filter")
			pos, name, _ := strings.Cut(tc.want, " ")
			assert.Equal(t, []string{pos + " lever/updated-at-filter (lever) " + fmt.Sprintf(msg, name)}, got)
		})
	}
	for _, target := range []string{
		`"url": "/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z"`,
		`"url": "/unified/ats/candidates?proxy[updated_at_start]=1704067200000"`, // Lever-native, passed through
		`"url": "/unified/ats/candidates?filter[created_after]=2024-01-01T00:00:00Z"`,
	} {
		doc := `{"method": "GET", "headers": {"x-account-id": "a"}, ` + target + `}`
		assert.Empty(t, only(check(t, Options{Provider: "lever"}, doc), "lever/updated-at-filter"), target)
	}
	// Another provider gets only the provider-independent diagnostic.
	doc := `{"method": "GET", "headers": {"x-account-id": "a"}, "url": "/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z"}`
	got := check(t, Options{Provider: "greenhouse"}, doc)
	require.Len(t, got, 1)
	assert.Contains(t, got[0], "stackone/unknown-filter")
}

// srRequest builds an application or interview list as a HAR front end
// would: with a time and, unless account is "", an x-account-id header.
func srRequest(i int, path, account string, at time.Time) *request.Request {
	r := &request.Request{Index: i, Method: "GET", MethodKnown: true, PathKnown: true, Path: path, Time: at,
		HeadersComplete: true, QueryComplete: true}
	if account != "" {
		r.Headers = []request.Header{{Name: "x-account-id", Value: &request.Value{Kind: request.String, Str: account}}}
	}
	return r
}

func srDiagnostics(reqs []*request.Request) []string {
	var out []string
	for _, d := range New(Options{Provider: "smartrecruiters"}).Check(reqs) {
		if d.Rule == "smartrecruiters/rate-limit" {
			out = append(out, fmt.Sprintf("%d %s %s", d.Request, d.Provider, d.Message))
		}
	}
	return out
}

func TestSmartRecruitersRateLimitWithTimes(t *testing.T) {
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	const msg = "SmartRecruiters application list called again for the same account after 1 min, within its 5-minute rate limit, so it gets 429; call it at most once per 5 minutes and reuse the result"

	// Six application lists one minute apart: every call after the first
	// comes 1 minute after the previous one.
	var reqs []*request.Request
	for i := 0; i < 6; i++ {
		reqs = append(reqs, srRequest(i, "/unified/ats/applications", "acc_1", start.Add(time.Duration(i)*time.Minute)))
	}
	got := srDiagnostics(reqs)
	require.Len(t, got, 5)
	assert.Equal(t, "1 smartrecruiters "+msg, got[0])
	for i, g := range got {
		assert.True(t, strings.HasPrefix(g, fmt.Sprint(i+1)+" "), g)
	}

	// Out of order in the file: the interval is between the calls in time.
	reqs = []*request.Request{
		srRequest(0, "/unified/ats/interviews", "acc_1", start.Add(150*time.Second)),
		srRequest(1, "/unified/ats/interviews", "acc_1", start),
	}
	assert.Equal(t, []string{"0 smartrecruiters SmartRecruiters interview list called again for the same account after 2 min 30 s, within its 5-minute rate limit, so it gets 429; call it at most once per 5 minutes and reuse the result"}, srDiagnostics(reqs))

	for name, reqs := range map[string][]*request.Request{
		"5 minutes apart": {
			srRequest(0, "/unified/ats/applications", "acc_1", start),
			srRequest(1, "/unified/ats/applications", "acc_1", start.Add(5*time.Minute)),
		},
		"other accounts": {
			srRequest(0, "/unified/ats/applications", "acc_1", start),
			srRequest(1, "/unified/ats/applications", "acc_2", start.Add(time.Minute)),
		},
		"other endpoints": {
			srRequest(0, "/unified/ats/applications", "acc_1", start),
			srRequest(1, "/unified/ats/interviews", "acc_1", start.Add(time.Minute)),
		},
		"not rate limited": {
			srRequest(0, "/unified/ats/candidates", "acc_1", start),
			srRequest(1, "/unified/ats/candidates", "acc_1", start.Add(time.Second)),
		},
	} {
		assert.Empty(t, srDiagnostics(reqs), name)
	}

	// Without x-account-id the file's requests count as one account.
	reqs = []*request.Request{
		srRequest(0, "/unified/ats/applications", "", start),
		srRequest(1, "/unified/ats/applications", "", start.Add(30*time.Second)),
	}
	got = srDiagnostics(reqs)
	require.Len(t, got, 1)
	assert.Contains(t, got[0], "after 30 s")

	// An account the front end could not see is not guessed.
	unknown := func(i int, at time.Time) *request.Request {
		r := srRequest(i, "/unified/ats/applications", "", at)
		r.Headers = []request.Header{{Name: "x-account-id", Value: &request.Value{Kind: request.Unknown}}}
		return r
	}
	assert.Empty(t, srDiagnostics([]*request.Request{unknown(0, start), unknown(1, start.Add(time.Minute))}))
	incomplete := []*request.Request{srRequest(0, "/unified/ats/applications", "", start), srRequest(1, "/unified/ats/applications", "", start.Add(time.Minute))}
	for _, r := range incomplete {
		r.HeadersComplete = false
	}
	assert.Empty(t, srDiagnostics(incomplete))

	// Only for SmartRecruiters.
	assert.Empty(t, only(func() []string {
		var out []string
		for _, d := range New(Options{Provider: "lever"}).Check([]*request.Request{
			srRequest(0, "/unified/ats/applications", "acc_1", start), srRequest(1, "/unified/ats/applications", "acc_1", start.Add(time.Minute)),
		}) {
			out = append(out, "0:0 "+d.Rule+" ")
		}
		return out
	}(), "smartrecruiters/rate-limit"))
}

func TestSmartRecruitersRateLimitInOneFile(t *testing.T) {
	doc := `[
{"method": "GET", "url": "/unified/ats/applications", "headers": {"x-account-id": "a"}},
{"method": "GET", "url": "/unified/ats/applications?next=c2", "headers": {"x-account-id": "a"}},
{"method": "GET", "url": "/unified/ats/interviews", "headers": {"x-account-id": "a"}},
{"method": "GET", "url": "/unified/ats/applications?next=c3", "headers": {"x-account-id": "a"}}
]`
	assert.Equal(t, []string{
		"3:26 smartrecruiters/rate-limit (smartrecruiters) SmartRecruiters application list called more than once in one request file (call 2), but it allows 1 request per 5 minutes, so this call gets 429; call it once and reuse the result",
		"5:26 smartrecruiters/rate-limit (smartrecruiters) SmartRecruiters application list called more than once in one request file (call 3), but it allows 1 request per 5 minutes, so this call gets 429; call it once and reuse the result",
	}, only(check(t, Options{Provider: "smartrecruiters"}, doc), "smartrecruiters/rate-limit"))
}

func TestProviderResolutionOrder(t *testing.T) {
	accounts := map[string]string{"acc_bh": "bullhorn"}
	for _, tc := range []struct {
		name     string
		doc      string
		opts     Options
		provider []string
	}{
		{"document provider first", `{"provider": "Workable", "headers": {"x-account-id": "acc_bh"}}`,
			Options{Accounts: accounts, Provider: "lever", Providers: []string{"ashby"}}, []string{"workable"}},
		{"category suffix", `{"provider": "bullhorn_ats"}`, Options{Provider: "lever"}, []string{"bullhorn"}},
		{"accounts before --provider", `{"headers": {"x-account-id": "acc_bh"}}`,
			Options{Accounts: accounts, Provider: "lever", Providers: []string{"ashby"}}, []string{"bullhorn"}},
		{"--provider before the list", `{"headers": {"x-account-id": "acc_other"}}`,
			Options{Accounts: accounts, Provider: "lever", Providers: []string{"ashby"}}, []string{"lever"}},
		{"the list last", `{"headers": {"x-account-id": "acc_other"}}`,
			Options{Accounts: accounts, Providers: []string{"ashby", "greenhouse"}}, []string{"ashby", "greenhouse"}},
		{"nothing", `{"query": {}}`, Options{}, nil},
		{"unknown document provider", `{"provider": "bullhorm"}`, Options{Provider: "lever"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := strings.Replace(tc.doc, "{", `{"method": "GET", "url": "/unified/ats/jobs", `, 1)
			d, err := request.ReadDocument([]byte(doc), request.Options{})
			require.NoError(t, err)
			require.Len(t, d.Requests, 1)
			assert.Equal(t, tc.provider, New(tc.opts).Providers(d.Requests[0]))
		})
	}
}

func TestUnknownProviderIsReported(t *testing.T) {
	doc := `{"provider": "bullhorm", "method": "POST", "url": "/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "a"},
 "body": {"content": [{"body": "Great call"}]}}`
	got := check(t, Options{Provider: "bullhorn"}, doc)
	require.Len(t, got, 1, "no provider rule may run: %v", got)
	assert.Equal(t, `1:14 input/unknown-provider unknown provider "bullhorm" (did you mean "bullhorn"?), so no provider rule runs for this request; use one of: `+
		strings.Join(KnownProviders(), ", "), got[0])

	ds := checkBytes(New(Options{}), []byte(doc))
	require.Len(t, ds, 1)
	assert.Equal(t, "/provider", ds[0].Pointer)
	assert.Equal(t, Error, ds[0].Severity)

	// In an array, the pointer names the request.
	ds = checkBytes(New(Options{}), []byte(`[{"method": "GET", "url": "/unified/ats/jobs", "headers": {"x-account-id": "a"}}, {"provider": "nope", "method": "GET", "url": "/unified/ats/jobs", "headers": {"x-account-id": "a"}}]`))
	require.Len(t, ds, 1)
	assert.Equal(t, "/1/provider", ds[0].Pointer)
	assert.Equal(t, 1, ds[0].Request)
	assert.NotContains(t, ds[0].Message, "did you mean")

	// Known keys in any case and with a category suffix are fine.
	for _, p := range []string{"Bullhorn", "BULLHORN_ATS", "workable"} {
		assert.Empty(t, only(check(t, Options{}, strings.Replace(doc, "bullhorm", p, 1)), "input/unknown-provider"), p)
	}
	// The rule can be switched off like any other.
	assert.Empty(t, check(t, Options{Severity: map[string]Severity{"input/unknown-provider": Off}}, doc))
}

func TestTargetListNamesEachProvider(t *testing.T) {
	// A note with no author and no provider, checked against the config's
	// providers list: one diagnostic per provider that has a rule for it.
	doc := `{"method": "POST", "url": "/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "a"},
 "body": {"content": [{"body": "Great call"}]}}`
	got := check(t, Options{Providers: []string{"bullhorn", "workable", "ashby"}}, doc)
	assert.Equal(t, []string{
		"2:10 bullhorn/note-missing-author (bullhorn) note has no author_id, so Bullhorn silently attributes it to the API user; set author_id to the Bullhorn user who wrote it",
		"2:10 workable/acting-user (workable) note has no author_id, but Workable requires the acting member on every comment, so the note is rejected or attributed to another member; set author_id to the Workable member who wrote it",
	}, got)
}

func TestBullhornNotes(t *testing.T) {
	note := func(path, body string) string {
		return `{"method": "POST", "url": "/unified/ats/` + path + `", "headers": {"x-account-id": "a"}, "body": ` + body + `}`
	}
	const ok = `{"content": [{"body": "x"}], "author_id": "8841"}`
	bh := Options{Provider: "bullhorn"}

	// Missing author on every kind of note create, at the body; a null or
	// blank author_id at its key.
	for _, path := range []string{"candidates/1/notes", "applications/1/notes", "interviews/1/notes"} {
		got := only(check(t, bh, note(path, `{"content": [{"body": "x"}]}`)), "bullhorn/note-missing-author")
		require.Len(t, got, 1, path)
	}
	got := only(check(t, bh, note("candidates/1/notes", `{"content": [{"body": "x"}], "author_id": null}`)), "bullhorn/note-missing-author")
	require.Len(t, got, 1)
	assert.True(t, strings.HasPrefix(got[0], "1:133 "), got[0])
	assert.Empty(t, only(check(t, bh, note("candidates/1/notes", ok)), "bullhorn/note-missing-author"))
	// Updates keep their author.
	assert.Empty(t, only(check(t, bh, `{"method": "PATCH", "url": "/unified/ats/applications/1/notes/2", "headers": {"x-account-id": "a"}, "body": {"content": [{"body": "x"}]}}`), "bullhorn/note-missing-author"))

	// Candidate ids: placeholders and missing values at the segment; real
	// ids of any format are not judged.
	for _, id := range []string{"{id}", ":candidateId", "${id}", "undefined", "null", "%20"} {
		got := only(check(t, bh, note("candidates/"+id+"/notes", ok)), "bullhorn/note-candidate-id")
		require.Len(t, got, 1, id)
		assert.True(t, strings.HasPrefix(got[0], "1:52 "), got[0])
	}
	for _, id := range []string{"12345", "c_9f2", "b3JnOjEyMw"} {
		assert.Empty(t, only(check(t, bh, note("candidates/"+id+"/notes", ok)), "bullhorn/note-candidate-id"), id)
	}
	got = only(check(t, bh, note("candidates/notes", ok)), "bullhorn/note-candidate-id")
	assert.Equal(t, []string{"1:27 bullhorn/note-candidate-id (bullhorn) note path has no candidate id, so Bullhorn cannot attach the note to a candidate and never shows it; use /unified/ats/candidates/{id}/notes"}, got)

	// Unknown values (the Go front end) are never reported.
	req := &request.Request{Method: "POST", MethodKnown: true, PathKnown: true, Path: "/unified/ats/candidates/\x00/notes",
		Headers: []request.Header{{Name: "x-account-id", Value: &request.Value{Kind: request.Unknown}}},
		Body: &request.Value{Kind: request.Object, Members: []*request.Member{
			{Key: "content", Value: &request.Value{Kind: request.Unknown}},
			{Key: "author_id", Value: &request.Value{Kind: request.Unknown}},
		}}}
	assert.Empty(t, New(bh).Check([]*request.Request{req}))
	req.Body = &request.Value{Kind: request.Unknown}
	assert.Empty(t, New(Options{Providers: []string{"bullhorn", "workable", "greenhouse"}}).Check([]*request.Request{req}))
}

// proxy builds a passthrough request document around a native request.
func proxy(native string) string {
	return `{"method": "POST", "url": "/unified/proxy", "headers": {"x-account-id": "a"}, "body": ` + native + `}`
}

func TestProxyRules(t *testing.T) {
	for _, tc := range []struct {
		name, provider, native string
		want                   []string // rule IDs, in output order
	}{
		// Greenhouse
		// StackOne acts as the linked user: a passthrough write without
		// On-Behalf-Of is not reported (issue 17).
		{"gh write without On-Behalf-Of", "greenhouse", `{"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/1/tags/2"}`, nil},
		{"gh read needs no acting user", "greenhouse", `{"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates"}`, nil},
		{"gh base url plus path", "greenhouse", `{"method": "delete", "url": "https://harvest.greenhouse.io/v1", "path": "/candidates/1?per_page=0", "headers": {"Accept": "application/json"}}`, []string{"greenhouse/proxy-per-page"}},
		{"gh header in any case", "greenhouse", `{"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/1/tags/2", "headers": {"on-behalf-of": "4080"}}`, nil},
		{"gh unknown headers", "greenhouse", `{"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/1/tags/2", "headers": "x"}`, nil},
		{"gh job board api is another api", "greenhouse", `{"method": "post", "url": "https://boards-api.greenhouse.io/v1/boards/acme/jobs/1?per_page=900"}`, nil},
		{"gh on-behalf-of template", "greenhouse", `{"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/1/tags/2", "headers": {"On-Behalf-Of": "${GH_USER_ID}"}}`, nil},
		{"gh on-behalf-of e-mail", "greenhouse", `{"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/1/tags/2", "headers": {"On-Behalf-Of": "ada@example.com"}}`, []string{"greenhouse/proxy-on-behalf-of-id"}},
		{"gh per_page 0", "greenhouse", `{"method": "get", "path": "/v1/jobs?per_page=0"}`, []string{"greenhouse/proxy-per-page"}},
		{"gh v3 cursor alone", "greenhouse", `{"method": "get", "url": "https://harvest.greenhouse.io/v3/jobs?cursor=abc"}`, nil},
		{"gh v3 cursor with two others", "greenhouse", `{"method": "get", "url": "https://harvest.greenhouse.io/v3/jobs?per_page=10&cursor=abc&status=open"}`, []string{"greenhouse/proxy-cursor-params", "greenhouse/proxy-cursor-params"}},
		{"gh v3 last_activity_after", "greenhouse", `{"method": "get", "url": "https://harvest.greenhouse.io/v3/candidates?last_activity_after=2026-01-01T00:00:00Z"}`, []string{"greenhouse/proxy-v3-last-activity"}},
		{"gh v1 last_activity_after is v1's own", "greenhouse", `{"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?last_activity_after=2026-01-01T00:00:00Z"}`, nil},
		{"gh v1 page is fine", "greenhouse", `{"method": "get", "url": "https://harvest.greenhouse.io/v1/jobs?page=2"}`, nil},
		{"gh status on v1 applications", "greenhouse", `{"method": "get", "url": "https://harvest.greenhouse.io/v1/applications?status=rejected"}`, nil},
		{"gh native reject with template", "greenhouse", `{"method": "post", "url": "https://harvest.greenhouse.io/v1/applications/9/reject", "headers": {"On-Behalf-Of": "1"}, "body": {"rejection_email": {"email_template_id": 3}}}`, []string{"greenhouse/rejection-email"}},
		{"gh native reject without template", "greenhouse", `{"method": "post", "url": "https://harvest.greenhouse.io/v1/applications/9/reject", "headers": {"On-Behalf-Of": "1"}, "body": {"rejection_email": {}}}`, []string{"greenhouse/rejection-email", "greenhouse/rejection-email-template"}},
		{"gh native patch clears emails", "greenhouse", `{"method": "patch", "url": "https://harvest.greenhouse.io/v1/candidates/9", "headers": {"On-Behalf-Of": "1"}, "body": {"email_addresses": [], "phone_numbers": []}}`, []string{"greenhouse/empty-contact-array", "greenhouse/empty-contact-array"}},
		{"gh custom field blank string", "greenhouse", `{"method": "patch", "url": "https://harvest.greenhouse.io/v1/applications/9", "headers": {"On-Behalf-Of": "1"}, "body": {"custom_fields": [{"id": 1, "value": " "}, {"id": 2, "value": "x"}]}}`, []string{"greenhouse/proxy-custom-field-clear"}},
		{"gh attachment by url needs no content type", "greenhouse", `{"method": "post", "url": "https://harvest.greenhouse.io/v1/applications/9/attachments", "headers": {"On-Behalf-Of": "1"}, "body": {"filename": "a.pdf", "type": "resume", "url": "https://www.dropbox.com/s/abc/a.pdf"}}`, []string{"greenhouse/proxy-attachment-share-link"}},
		// Bullhorn
		{"bh association put is fine", "bullhorn", `{"method": "put", "url": "https://rest9.bullhornstaffing.com/rest-services/abc1/entity/Candidate/1/primarySkills/2,3"}`, nil},
		{"bh corp token base url", "bullhorn", `{"method": "get", "url": "https://rest9.bullhornstaffing.com/rest-services/abc1/", "path": "search/Candidate?query=isDeleted:0"}`, []string{"bullhorn/proxy-missing-fields"}},
		{"bh layout instead of fields", "bullhorn", `{"method": "get", "path": "/entity/Candidate/1?layout=basic"}`, nil},
		{"bh meta needs no fields", "bullhorn", `{"method": "get", "path": "/meta/Candidate"}`, nil},
		{"bh other host", "bullhorn", `{"method": "get", "url": "https://example.com/entity/Candidate/1"}`, nil},
		{"bh unknown method", "bullhorn", `{"path": "/entity/Candidate"}`, nil},
		{"bh note update keeps its author", "bullhorn", `{"method": "post", "path": "/entity/Note/5", "body": {"comments": "x"}}`, nil},
		{"bh note create without body", "bullhorn", `{"method": "put", "path": "/entity/Note"}`, []string{"bullhorn/proxy-note-author"}},
		// Workable
		{"wk comment without member", "workable", `{"method": "post", "url": "https://acme.workable.com/spi/v3/candidates/3f/comments", "body": {"comment": {"body": "x"}}}`, []string{"workable/proxy-member-id"}},
		{"wk native create sourced false", "workable", `{"method": "post", "url": "https://acme.workable.com/spi/v3/jobs/GROOV005/candidates", "body": {"sourced": false, "candidate": {"name": "Ada Lovelace"}}}`, []string{"workable/sourced-false"}},
		{"wk native create without names", "workable", `{"method": "post", "url": "https://acme.workable.com/spi/v3/talent_pool/candidates", "body": {"candidate": {"firstname": "Ada"}}}`, []string{"workable/candidate-name"}},
		{"wk limit on jobs is not judged", "workable", `{"method": "get", "url": "https://acme.workable.com/spi/v3/jobs?limit=500"}`, nil},
		// Ashby, Personio, Recruitee, iCIMS, Teamtailor
		{"ashby post is fine", "ashby", `{"method": "post", "url": "https://api.ashbyhq.com/candidate.list", "body": {"limit": 100}}`, nil},
		{"ashby candidate.list takes syncToken", "ashby", `{"method": "post", "url": "https://api.ashbyhq.com/candidate.list", "headers": {"Content-Type": "application/json"}, "body": {"limit": 100, "syncToken": "abc"}}`, nil},
		{"ashby limit outside list", "ashby", `{"method": "post", "url": "https://api.ashbyhq.com/candidate.search", "body": {"limit": 500}}`, nil},
		{"personio non-recruiting api", "personio", `{"method": "get", "url": "https://api.personio.de/v1/company/employees"}`, nil},
		{"recruitee offers with token", "recruitee", `{"method": "get", "url": "https://acme.recruitee.com/api/offers/", "headers": {"x-careers-sites-token": "${T}"}}`, nil},
		{"icims query and path", "icims", `{"method": "get", "url": "https://api.icims.com/customers/1/Search/people?searchJson=x"}`, []string{"icims/proxy-lowercase", "icims/proxy-lowercase"}},
		{"teamtailor other api", "teamtailor", `{"method": "get", "url": "https://career.acme.com/jobs"}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range checkBytes(New(Options{Provider: tc.provider}), []byte(proxy(tc.native))) {
				// Every v1/v2 call is also greenhouse/proxy-harvest-retired;
				// TestGreenhouseHarvestRetired tests that.
				if d.Provider != "" && d.Rule != "greenhouse/proxy-harvest-retired" {
					got = append(got, d.Rule)
				}
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestProxyPositions(t *testing.T) {
	doc := `{"method": "POST", "url": "/unified/proxy", "headers": {"x-account-id": "a"},
 "body": {"method": "get", "url": "https://harvest.greenhouse.io/v3/jobs?cursor=abc&status=open"}}`
	ds := checkBytes(New(Options{Provider: "greenhouse"}), []byte(doc))
	require.Len(t, ds, 1)
	d := ds[0]
	assert.Equal(t, "greenhouse/proxy-cursor-params", d.Rule)
	// At the status key inside the native url, with the url's pointer.
	assert.Equal(t, int32(2), d.Span.Start.Line)
	assert.Equal(t, int32(85), d.Span.Start.Column)
	assert.Equal(t, int32(91), d.Span.End.Column)
	assert.Equal(t, "/body/url", d.Pointer)
	assert.Equal(t, "stackone_proxy_request", d.Operation)
}

func TestGreenhouseUnified(t *testing.T) {
	gh := Options{Provider: "greenhouse"}
	// The acting-user and visibility rules look at note creates only.
	assert.Empty(t, only(check(t, gh, `{"method": "POST", "url": "/unified/ats/applications/a1/move", "headers": {"x-account-id": "a"}, "body": {"interview_stage_id": "s1"}}`), "greenhouse/acting-user"))
	// An empty list clears; a list with entries or no list does not.
	upd := `{"method": "PATCH", "url": "/unified/ats/candidates/c1", "headers": {"x-account-id": "a"}, "body": %s}`
	assert.Equal(t, []string{
		`1:101 greenhouse/empty-contact-array (greenhouse) an empty phone_numbers list makes Greenhouse delete all of the candidate's phone numbers; leave the field out to keep them`,
	}, only(check(t, gh, fmt.Sprintf(upd, `{"phone_numbers": [], "emails": [{"type": "personal", "value": "a@example.com"}]}`)), "greenhouse/empty-contact-array"))
	// A rejection without passthrough sends no e-mail.
	assert.Empty(t, check(t, gh, `{"method": "POST", "url": "/unified/ats/applications/a1/reject", "headers": {"x-account-id": "a"}, "body": {"rejected_reason_id": "r1", "passthrough": null}}`))
}

func TestWorkableUnified(t *testing.T) {
	wk := Options{Provider: "workable"}
	// An application with a new candidate needs names; name alone is fine.
	app := `{"method": "POST", "url": "/unified/ats/applications", "headers": {"x-account-id": "a"}, "body": {"job_id": "j1", "candidate": %s}}`
	assert.Empty(t, check(t, wk, fmt.Sprintf(app, `{"name": "Ada Lovelace"}`)))
	assert.Empty(t, check(t, wk, `{"method": "POST", "url": "/unified/ats/applications", "headers": {"x-account-id": "a"}, "body": {"job_id": "j1", "candidate_id": "c1"}}`))
	got := only(check(t, wk, fmt.Sprintf(app, `{"first_name": "Ada", "last_name": "  "}`)), "workable/candidate-name")
	assert.Equal(t, []string{"1:128 workable/candidate-name (workable) Workable requires name, or first_name and last_name, so this candidate is rejected; send both names"}, got)
	// sourced false in the new candidate's passthrough too.
	got = only(check(t, wk, fmt.Sprintf(app, `{"name": "Ada", "passthrough": {"sourced": false}}`)), "workable/sourced-false")
	require.Len(t, got, 1)
	assert.Contains(t, got[0], `sourced: false makes Workable treat the candidate as applied`)
	// sourced true, or a string, is not reported.
	assert.Empty(t, only(check(t, wk, fmt.Sprintf(app, `{"name": "Ada", "passthrough": {"sourced": true}}`)), "workable/sourced-false"))
}

func TestProxyUnknownValuesNeverReport(t *testing.T) {
	str := func(s string) *request.Value { return &request.Value{Kind: request.String, Str: s} }
	unknown := &request.Value{Kind: request.Unknown}
	body := func(members map[string]*request.Value) *request.Request {
		b := &request.Value{Kind: request.Object}
		for _, k := range []string{"method", "url", "path", "headers", "body"} {
			if v, ok := members[k]; ok {
				b.Members = append(b.Members, &request.Member{Key: k, Value: v})
			}
		}
		return &request.Request{Method: "POST", MethodKnown: true, PathKnown: true, Path: "/unified/proxy",
			Headers: []request.Header{{Name: "x-account-id", Value: str("a")}}, HeadersComplete: true, QueryComplete: true, Body: b}
	}
	// Each of these would be reported with the unknown part replaced by a
	// visible bad value.
	for _, tc := range []struct {
		name, provider string
		req            *request.Request
	}{
		{"greenhouse write, headers unknown", "greenhouse", body(map[string]*request.Value{"method": str("post"), "url": str("https://harvest.greenhouse.io/v1/candidates/1/tags/2"), "headers": unknown})},
		{"greenhouse write, method unknown", "greenhouse", body(map[string]*request.Value{"method": unknown, "url": str("https://harvest.greenhouse.io/v1/candidates/1/tags/2")})},
		{"greenhouse url unknown", "greenhouse", body(map[string]*request.Value{"method": str("get"), "url": unknown, "path": str("/v1/jobs?per_page=900")})},
		{"bullhorn get, url unknown", "bullhorn", body(map[string]*request.Value{"method": str("get"), "url": unknown})},
		{"personio, headers unknown", "personio", body(map[string]*request.Value{"method": str("get"), "url": str("https://api.personio.de/v1/recruiting/applications"), "headers": unknown})},
		{"workable move, body unknown", "workable", body(map[string]*request.Value{"method": str("post"), "path": str("/spi/v3/candidates/1/move"), "body": unknown})},
		{"ashby, method unknown", "ashby", body(map[string]*request.Value{"method": unknown, "url": str("https://api.ashbyhq.com/candidate.list")})},
		{"teamtailor, headers unknown", "teamtailor", body(map[string]*request.Value{"method": str("get"), "url": str("https://api.teamtailor.com/v1/jobs"), "headers": unknown})},
		{"on-behalf-of value unknown", "greenhouse", body(map[string]*request.Value{"method": str("post"), "url": str("https://harvest.greenhouse.io/v1/candidates/1/tags/2"),
			"headers": {Kind: request.Object, Members: []*request.Member{{Key: "On-Behalf-Of", Value: unknown}}}})},
	} {
		var ds []Diagnostic
		for _, d := range New(Options{Provider: tc.provider}).Check([]*request.Request{tc.req}) {
			// The v1 path itself is known, and retired.
			if d.Rule != "greenhouse/proxy-harvest-retired" {
				ds = append(ds, d)
			}
		}
		assert.Empty(t, ds, tc.name)
	}
}

// Every spelling of the provider list means its provider; StackOne's keys
// as its docs spell them, display names, category-suffixed forms and the
// keys earlier releases accepted all resolve.
func TestProviderSpellings(t *testing.T) {
	for _, p := range Providers() {
		require.NotEmpty(t, p.Spellings, p.Key)
		for _, s := range p.Spellings {
			assert.NotEmpty(t, s.From, "%s: spelling %q says not where it comes from", p.Key, s.Text)
			k, ok := NormalizeProvider(s.Text)
			assert.True(t, ok, s.Text)
			assert.Equal(t, p.Key, k, s.Text)
		}
	}
	for in, want := range map[string]string{
		"workdayats": "workday", "sapsuccessfactors_ats": "successfactors", "bullhorn_ats": "bullhorn", "jobadder": "jobadder",
		"vincere": "vincere", "eploy": "eploy", "oraclehcm": "oracle", "jazzhr": "jazzhr", "pinpoint": "pinpoint", "breezyhr": "breezy",
		"cornerstone": "cornerstone", "ukgpro": "ukgpro", "logicmelon": "logicmelon", "mercury": "mercury",
		"Workday ATS": "workday", "Workday ATS (OAuth)": "workday", "SAP Success Factors": "successfactors", "Breezy HR": "breezy",
		"Oracle HCM": "oracle", "UKG Pro ATS": "ukgpro", "JobAdder (OAuth)": "jobadder",
		"workday_ats": "workday", "greenhouse_ats": "greenhouse", "Greenhouse ATS": "greenhouse", "LEVER_hris": "lever",
		"workday": "workday", "successfactors": "successfactors", "breezy": "breezy", "bullhorn": "bullhorn", " Bullhorn ": "bullhorn",
	} {
		got, ok := NormalizeProvider(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "nope", "workdays", "ats", "taleo", "oraclehcm2"} {
		_, ok := NormalizeProvider(in)
		assert.False(t, ok, in)
	}
	// An unknown key names the closest spelling, written as a key.
	for in, want := range map[string]string{
		"workdayat": "workdayats", "sapsucessfactors_ats": "sapsuccessfactors_ats", "bullhorm": "bullhorn",
		"Breezy H": "breezy", "oraclhcm": "oraclehcm",
	} {
		assert.EqualError(t, UnknownProviderError(in), `unknown provider "`+in+`" (did you mean "`+want+`"?); known providers: `+
			strings.Join(KnownProviders(), ", ")+" (StackOne's keys such as workdayats and sapsuccessfactors_ats are accepted too)", in)
	}
	assert.NotContains(t, UnknownProviderError("zzzzzzzz").Error(), "did you mean")
}

// A Harvest v1 or v2 passthrough call is an error naming its v3
// counterpart where the migration notes give one; v3, a path without a
// version and Greenhouse's other APIs are not.
func TestGreenhouseHarvestRetired(t *testing.T) {
	const port = "Greenhouse removed Harvest %s at the end of August 2026, so this passthrough call fails; rewrite it for Harvest v3 (/v3/…) on a v3 OAuth connection"
	for _, tc := range []struct{ native, want string }{
		{`{"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?per_page=100"}`, "2:35 " + fmt.Sprintf(port, "v1")},
		{`{"method": "get", "path": "/v2/jobs"}`, "2:36 " + fmt.Sprintf(port, "v2")},
		{`{"method": "post", "url": "https://harvest.greenhouse.io/v1/applications/9/reject", "headers": {"On-Behalf-Of": "1"}}`,
			"2:36 " + fmt.Sprintf(port, "v1") + ", where rejecting and unrejecting are dedicated reject/unreject actions"},
		{`{"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/9/attachments"}`,
			"2:36 " + fmt.Sprintf(port, "v1") + ", where candidate attachments have a resource of their own"},
		{`{"method": "patch", "url": "https://harvest.greenhouse.io/v2/users/disable"}`,
			"2:37 " + fmt.Sprintf(port, "v2") + ", where users are activated and deactivated instead of enabled and disabled"},
		{`{"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?last_activity_after=2026-01-01T00:00:00Z"}`,
			"2:35 " + fmt.Sprintf(port, "v1") + ", which polls changes with last_activity_at[gte] and a cursor"},
		{`{"method": "get", "url": "https://harvest.greenhouse.io/v1/jobs?page=2"}`,
			"2:35 " + fmt.Sprintf(port, "v1") + ", which pages with a cursor instead of page"},
	} {
		doc := "{\"method\": \"POST\", \"url\": \"/unified/proxy\", \"headers\": {\"x-account-id\": \"a\"},\n \"body\": " + tc.native + "}"
		got := only(check(t, Options{Provider: "greenhouse"}, doc), "greenhouse/proxy-harvest-retired")
		pos, msg, _ := strings.Cut(tc.want, " ")
		assert.Equal(t, []string{pos + " greenhouse/proxy-harvest-retired (greenhouse) " + msg}, got, tc.native)
	}
	for _, native := range []string{
		`{"method": "get", "url": "https://harvest.greenhouse.io/v3/candidates?per_page=100"}`,
		`{"method": "get", "path": "/candidates"}`, // the base URL decides
		`{"method": "get", "url": "https://boards-api.greenhouse.io/v1/boards/acme/jobs"}`,
	} {
		doc := `{"method": "POST", "url": "/unified/proxy", "headers": {"x-account-id": "a"}, "body": ` + native + `}`
		assert.Empty(t, only(check(t, Options{Provider: "greenhouse"}, doc), "greenhouse/proxy-harvest-retired"), native)
	}
	// Another provider's passthrough to the same URL is not judged.
	doc := `{"method": "POST", "url": "/unified/proxy", "headers": {"x-account-id": "a"}, "body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/jobs"}}`
	assert.Empty(t, only(check(t, Options{Provider: "lever"}, doc), "greenhouse/proxy-harvest-retired"))
}
