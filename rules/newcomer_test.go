package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSupersedesNamesRegisteredRules(t *testing.T) {
	for _, r := range All() {
		for _, id := range r.Supersedes {
			_, ok := Lookup(id)
			assert.True(t, ok, "%s supersedes unknown rule %s", r.ID, id)
			assert.NotEqual(t, r.ID, id)
		}
	}
}

// rulesOf keeps the rule (and provider) of check's lines.
func rulesOf(lines []string) []string {
	var out []string
	for _, l := range lines {
		f := strings.Fields(l)
		s := f[1]
		if strings.HasPrefix(f[2], "(") {
			s += " " + f[2]
		}
		out = append(out, f[0]+" "+s)
	}
	return out
}

func TestOneMistakeOneFinding(t *testing.T) {
	lever := `{"method": "GET", "url": "/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z", "headers": {"x-account-id": "a"}}`
	leverPlain := `{"method": "GET", "url": "/unified/ats/candidates?updated_at=2024-01-01T00:00:00Z", "headers": {"x-account-id": "a"}}`
	note := `{"method": "POST", "url": "/unified/ats/candidates/{candidate_id}/notes", "headers": {"x-account-id": "a"}, "body": {"content": [{"body": "x"}], "author_id": "u1"}}`

	// The provider rule explains the mistake: the generic rule is not
	// reported as well.
	assert.Equal(t, []string{"1:51 lever/updated-at-filter (lever)"}, rulesOf(check(t, Options{Provider: "lever"}, lever)))
	assert.Equal(t, []string{"1:51 lever/updated-at-filter (lever)"}, rulesOf(check(t, Options{Provider: "lever"}, leverPlain)))
	assert.Equal(t, []string{"1:52 bullhorn/note-candidate-id (bullhorn)"}, rulesOf(check(t, Options{Provider: "bullhorn"}, note)))

	// Without the provider, the generic finding is all there is.
	assert.Equal(t, []string{"1:51 stackone/unknown-filter"}, rulesOf(check(t, Options{}, lever)))
	assert.Equal(t, []string{"1:52 stackone/placeholder-id path parameter id is the unresolved placeholder {candidate_id}; substitute the real id"},
		check(t, Options{Provider: "greenhouse"}, note)[:1])

	// Checked against two providers, the generic finding still holds for
	// the one without an explanation.
	assert.Equal(t, []string{"1:51 lever/updated-at-filter (lever)", "1:51 stackone/unknown-filter"},
		rulesOf(check(t, Options{Providers: []string{"lever", "greenhouse"}}, lever)))

	// With the provider rule turned off, the generic one is reported.
	assert.Equal(t, []string{"1:51 stackone/unknown-filter"},
		rulesOf(check(t, Options{Provider: "lever", Severity: map[string]Severity{"lever/updated-at-filter": Off}}, lever)))
}

func TestExplainShowsSupersedes(t *testing.T) {
	r, _ := Lookup("lever/updated-at-filter")
	assert.Contains(t, Explain(r), "\nSupersedes stackone/unknown-filter, stackone/unknown-query-param: where this rule reports, those rules are not also reported for the same text of the request.\n")
	r, _ = Lookup("stackone/placeholder-id")
	assert.Contains(t, Explain(r), "\nSuperseded by bullhorn/note-candidate-id: where that rule reports the same text more precisely (for every provider the request is checked against), this rule is not reported.\n")
}

// Item 10: a placeholder in x-account-id is reported like a placeholder id.
func TestAccountIDPlaceholder(t *testing.T) {
	for value, want := range map[string]string{
		"<x-account-id>":         "x-account-id header is the unresolved placeholder <x-account-id>, which names no linked account; send the linked account's id",
		"{account_id}":           "x-account-id header is the unresolved placeholder {account_id}, which names no linked account; send the linked account's id",
		"${STACKONE_ACCOUNT_ID}": "x-account-id header is the unresolved placeholder ${STACKONE_ACCOUNT_ID}, which names no linked account; send the linked account's id",
		"undefined":              "x-account-id header is a missing value (undefined), which names no linked account; send the linked account's id",
		"<ada@example.com>":      "x-account-id header is an unresolved placeholder, which names no linked account; send the linked account's id",
	} {
		doc := `{"method": "GET", "url": "/unified/ats/jobs", "headers": {"x-account-id": "` + value + `"}}`
		assert.Equal(t, []string{"1:59 stackone/placeholder-id " + want}, check(t, Options{}, doc), value)
	}
	// An operation that does not match is still checked for it.
	doc := `{"method": "GET", "url": "/unified/ats/widgets", "headers": {"x-account-id": "<x-account-id>"}}`
	assert.Contains(t, rulesOf(check(t, Options{}, doc)), "1:62 stackone/placeholder-id")
	assert.Empty(t, check(t, Options{}, `{"method": "GET", "url": "/unified/ats/jobs", "headers": {"x-account-id": "acc_9f2"}}`))
}

// Item 9: a null query value is not sent (StackOne's SDKs leave it out),
// so no rule judges it, whatever the parameter.
func TestNullQueryValuesAreNotSent(t *testing.T) {
	for _, q := range []string{
		`{"filter": null}`, `{"page_size": null}`, `{"fields": null}`, `{"page": null}`, `{"foo": null}`,
		`{"filter": {"updated_after": null}}`, `{"filter": {"status": null}}`, `{"filter": {"nope": null}}`,
		`{"proxy": {"per_page": null}}`, `{"filter[updated_after]": null}`,
	} {
		doc := `{"method": "GET", "url": "/unified/ats/jobs", "headers": {"x-account-id": "a"}, "query": ` + q + `}`
		assert.Empty(t, check(t, Options{}, doc), q)
	}
	// The same parameters with values are judged, and the text "null" in
	// a URL is sent as text.
	assert.Equal(t, []string{"1:104 stackone/page-size page_size must be an integer from 1 to 100, got 0"},
		check(t, Options{}, `{"method": "GET", "url": "/unified/ats/jobs", "headers": {"x-account-id": "a"}, "query": {"page_size": 0, "fields": null}}`))
	assert.Equal(t, []string{"1:55 stackone/page-size page_size must be an integer from 1 to 100"},
		check(t, Options{}, `{"method": "GET", "url": "/unified/ats/jobs?page_size=null", "headers": {"x-account-id": "a"}}`))
}

// Item 8: schema messages say what is right: the expected shape of an
// enum wrapper, every value of an enum, and the field a short name means.
func TestSchemaMessagesSayWhatIsRight(t *testing.T) {
	doc := `{"method": "POST", "url": "/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "a"},
 "body": {"content": [{"body": "x"}], "visibility": "public", "author": "u1"}}`
	assert.Equal(t, []string{
		`2:53 stackone/body-schema visibility: expected object {"value": "private" | "public" | "unmapped_value"}, got string`,
		`2:63 stackone/unknown-field unknown field "author"; StackOne drops it silently; did you mean "author_id"?`,
	}, check(t, Options{}, doc))

	doc = `{"method": "POST", "url": "/unified/ats/applications", "headers": {"x-account-id": "a"},
 "body": {"job_id": "j1", "candidate_id": "c1", "application_status": {"value": "pending"}}}`
	assert.Equal(t, []string{
		`2:81 stackone/body-schema application_status/value: value is not one of the allowed values: active, assessment, background_check, ` +
			`converted, declined_by_candidate, hired, interview, lead, offer, reference_check, rejected, review, screen, new, onboarding, ` +
			`created, accepted, short_list, approved, unmapped_value`,
	}, check(t, Options{}, doc))
}
