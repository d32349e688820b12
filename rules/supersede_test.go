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
