package triage

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source/har"
)

// TestCodesAreTheSeedTable: the reference holds exactly the seed's twelve
// codes, each with its name and description.
func TestCodesAreTheSeedTable(t *testing.T) {
	var got []int
	for _, c := range Codes {
		got = append(got, c.Status)
		assert.NotEmpty(t, c.Name)
		assert.NotEmpty(t, c.Description)
	}
	assert.Equal(t, []int{400, 401, 403, 404, 408, 409, 412, 422, 429, 500, 501, 502}, got)
	c, ok := LookupCode(412)
	assert.True(t, ok)
	assert.Equal(t, "Linked account belongs to a disabled integration", c.Description)
	_, ok = LookupCode(503)
	assert.False(t, ok)
}

func TestExplain(t *testing.T) {
	e := Explain(501, []string{"teamtailor"})
	require.Len(t, e.Rows, 1)
	assert.Equal(t, "API key missing permissions", e.Rows[0].Cause)
	assert.Contains(t, e.Rows[0].Fix, "re-authenticate")
	assert.Empty(t, e.Others)

	e = Explain(404, []string{"greenhouse"})
	require.Len(t, e.Rows, 1)
	assert.Equal(t, "Invalid Greenhouse user ID provided during account linking", e.Rows[0].Cause)

	// Lever has a row for each of 400, 401, 403, 429, 500 and 503.
	for status, fix := range map[int]string{
		400: "Check request parameters against documentation",
		401: "Re-verify integration credentials per the Lever setup guide",
		403: "Contact Lever Super Admin to update API settings",
		429: "Use SDK retryConfig or implement retry strategy",
		500: "Contact StackOne support",
		503: "Retry with exponential backoff",
	} {
		e := Explain(status, []string{"lever"})
		require.Len(t, e.Rows, 1, "%d", status)
		assert.Equal(t, fix, e.Rows[0].Fix)
	}
	assert.False(t, Explain(503, nil).InCode)

	// No provider: the providers with a row are named instead.
	e = Explain(429, nil)
	assert.Empty(t, e.Rows)
	assert.Equal(t, []string{"bamboohr", "lever", "smartrecruiters"}, e.Others)

	// BambooHR throttles with 429 since 2026-09-16; its 503 is an outage.
	e = Explain(429, []string{"bamboohr"})
	require.Len(t, e.Rows, 1)
	assert.Equal(t, "Wait the Retry-After seconds, then retry; 503 from BambooHR is an outage, not throttling", e.Rows[0].Fix)
	assert.Contains(t, e.Rows[0].Source, "documentation.bamboohr.com/docs/planned-changes-to-the-api")
	e = Explain(503, []string{"bamboohr"})
	require.Len(t, e.Rows, 1)
	assert.Equal(t, "Retry later with backoff; do not treat it as throttling", e.Rows[0].Fix)
	assert.NotContains(t, e.Rows[0].Cause+e.Rows[0].Fix, "rate limit exceeded")

	// A 401 from SuccessFactors may be an account linked minutes ago.
	e = Explain(401, []string{"successfactors"})
	require.Len(t, e.Rows, 1)
	assert.True(t, strings.HasPrefix(e.Rows[0].Cause, "Account not active yet: "), e.Rows[0].Cause)
	assert.Contains(t, e.Rows[0].Fix, "do not rotate the credentials")
	assert.Equal(t, "https://hub.stackone.com/connection-guides/ats/sapsuccessfactors", e.Rows[0].Guide)
	// Another provider: neither rows nor others.
	e = Explain(501, []string{"lever"})
	assert.Empty(t, e.Rows)
	assert.Empty(t, e.Others)

	// 408 and 429 say to honour Retry-After.
	for _, s := range []int{408, 429} {
		require.Len(t, Explain(s, nil).Notes, 1)
		assert.Contains(t, Explain(s, nil).Notes[0].Text, "Retry-After")
		assert.Equal(t, RateSource, Explain(s, nil).Notes[0].Source)
	}
}

func TestFromValue(t *testing.T) {
	v, err := request.Parse([]byte(`{"statusCode": "422", "message": "Jane Doe <jane@example.com> exists", "errorCode": "jane@example.com",
		"timestamp": "2024-01-15T10:30:00.000Z", "provider": "Bullhorn_ATS",
		"provider_errors": [{"status": 409, "url": "https://user:pw@rest91.bullhornstaffing.com:443/rest-services/x/entity/Candidate?email=jane@example.com", "raw": {"a": "jane"}, "headers": {"k": "v"}},
		                    {"url": "mailto:jane@example.com"}, 7]}`), request.Options{})
	require.NoError(t, err)
	e, ok := FromValue(v)
	require.True(t, ok)
	assert.Equal(t, 422, e.Status)
	assert.Equal(t, "", e.ErrorCode, "an errorCode that is not an identifier is dropped")
	assert.Equal(t, "2024-01-15T10:30:00.000Z", e.Timestamp)
	assert.True(t, e.HasMessage)
	assert.Equal(t, "bullhorn_ats", e.Provider)
	assert.Equal(t, []ProviderError{{409, "rest91.bullhornstaffing.com"}, {0, ""}, {0, ""}}, e.ProviderErrors)

	for _, doc := range []string{`{"message": "x"}`, `{"statusCode": "abc"}`, `{"statusCode": 42}`, `[]`} {
		v, err := request.Parse([]byte(doc), request.Options{})
		require.NoError(t, err)
		_, ok := FromValue(v)
		assert.False(t, ok, doc)
	}
}

// TestNoPersonalData: neither format prints the message, errorCode
// values that are not identifiers, or anything of provider_errors but
// status and host.
func TestNoPersonalData(t *testing.T) {
	data := []byte(`[{"statusCode": 409, "message": "Jane Doe <jane@example.com> already exists", "errorCode": "Conflict jane@example.com", "provider": "teamtailor",
		"provider_errors": [{"status": 409, "url": "https://api.teamtailor.com/v1/candidates?email=jane@example.com", "raw": {"detail": "Jane Doe"}, "headers": {"x-secret": "s3cr3t"}}]},
		{"statusCode": 501, "message": "+44 20 7946 0958", "provider": "teamtailor"}]`)
	rep := &Report{}
	rep.AddErrorFile(rules.New(rules.Options{}), "e.json", data, request.Options{})
	require.Empty(t, rep.Problems)
	for name, format := range Formats {
		var b bytes.Buffer
		require.NoError(t, format(&b, rep))
		out := b.String()
		for _, secret := range []string{"jane", "Jane", "+44", "7946", "s3cr3t", "x-secret", "email=", "already exists"} {
			assert.NotContains(t, out, secret, name)
		}
		assert.Contains(t, out, "api.teamtailor.com", name)
		assert.Contains(t, out, "409", name)
	}
}

func TestAddErrorFileProblems(t *testing.T) {
	eng := rules.New(rules.Options{})
	for doc, want := range map[string]string{
		`{"statusCode": 400,}`: "1:19 trailing comma before '}'",
		`"x"`:                  `1:1 expected a StackOne error response (an object with a numeric "statusCode") or an array of them, got string`,
		`[]`:                   `1:1 expected a StackOne error response (an object with a numeric "statusCode") or an array of them, got an empty array`,
		`[{"message": "m"}]`:   `1:2 expected a StackOne error response (an object with a numeric "statusCode"), got an object without a numeric "statusCode"`,
		`{"statusCode": 404, "provider": "nope"}`: `1:33 unknown provider "nope"; known providers: ashby, avature, bamboohr, breezy, bullhorn, cornerstone, eploy, freshteam, greenhouse, icims, jazzhr, jobadder, jobvite, lever, logicmelon, mercury, oracle, personio, pinpoint, recruitee, recruiterflow, smartrecruiters, successfactors, teamtailor, ukgpro, vincere, workable, workday (StackOne's keys such as workdayats and sapsuccessfactors_ats are accepted too)`,
	} {
		rep := &Report{}
		rep.AddErrorFile(eng, "f.json", []byte(doc), request.Options{})
		require.Len(t, rep.Problems, 1, doc)
		p := rep.Problems[0]
		assert.Equal(t, want, fmt.Sprintf("%d:%d %s", p.Span.Start.Line, p.Span.Start.Column, p.Message), doc)
	}
	// A success is no error and no problem.
	rep := &Report{}
	rep.AddErrorFile(eng, "f.json", []byte(`{"statusCode": 201, "message": "Record created successfully."}`), request.Options{})
	assert.Empty(t, rep.Problems)
	assert.Empty(t, rep.Items)
	assert.Equal(t, 0, rep.Summary.Errors)
}

// TestClassPredictionMatches: a rule that predicts a class (4xx) predicts
// a 400. Triage used to compare "4xx" with "400" as strings and listed the
// rule as merely flagged.
func TestClassPredictionMatches(t *testing.T) {
	rec := `{"log": {"entries": [{"request": {"method": "POST", "url": "https://api.stackone.com/unified/proxy",
	  "headers": [{"name": "x-account-id", "value": "acc_1"}],
	  "postData": {"mimeType": "application/json", "text": "{\"method\": \"post\", \"path\": \"/entity/Candidate\", \"body\": {\"firstName\": \"Ada\"}}"}},
	  "response": {"status": 400, "content": {"text": ""}}}]}}`
	doc, err := har.Read(strings.NewReader(rec), har.Options{Responses: true})
	require.NoError(t, err)
	require.Empty(t, doc.Problems)
	var r Report
	r.AddHAR(rules.New(rules.Options{Provider: "bullhorn"}), "rec.har", doc, request.Options{})
	require.Len(t, r.Items, 1)
	var predicted, flagged []string
	for _, f := range r.Items[0].Predicted {
		predicted = append(predicted, f.Rule)
	}
	for _, f := range r.Items[0].Flagged {
		flagged = append(flagged, f.Rule)
	}
	assert.Contains(t, predicted, "bullhorn/proxy-create-with-post")
	assert.NotContains(t, flagged, "bullhorn/proxy-create-with-post")
}
