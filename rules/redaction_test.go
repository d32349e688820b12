package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Messages name keys, types and what the schema allows, never a value the
// request holds where a value may be anything: personal data included.

func TestPageSizeDoesNotRepeatLongNumbers(t *testing.T) {
	doc := `{"method": "GET", "headers": {"x-account-id": "a"}, "url": "/unified/ats/jobs?page_size=442079460958&page_size=-7700900461&page_size=250&page_size=-5"}`
	assert.Equal(t, []string{
		`1:89 stackone/page-size page_size must be an integer from 1 to 100`,
		`1:112 stackone/page-size page_size must be an integer from 1 to 100`,
		`1:134 stackone/page-size page_size must be an integer from 1 to 100, got 250`,
		`1:148 stackone/page-size page_size must be an integer from 1 to 100, got -5`,
	}, check(t, Options{}, doc))
}

func TestIgnoreDoesNotRepeatWhatIsNoRuleID(t *testing.T) {
	doc := `{"method": "GET", "headers": {"x-account-id": "a"}, "url": "/unified/ats/jobs", "x-atslint": {"ignore": [
  {"rule": "ada.lovelace@example.com", "reason": "x"},
  {"rule": "Ada Lovelace"},
  {"rule": "stackone/page-sise", "reason": "x"},
  {"rule": "stackone/page-size"}]}}`
	assert.Equal(t, []string{
		`2:3 atslint/ignore ignore names no rule ID (ruleset/name)`,
		`3:3 atslint/ignore ignore has no reason and names no rule ID (ruleset/name)`,
		`4:3 atslint/ignore ignore names unknown rule "stackone/page-sise"; did you mean stackone/page-size?`,
		`5:3 atslint/ignore ignore of stackone/page-size has no reason; say why the diagnostic does not apply`,
	}, check(t, Options{}, doc))
}

func TestUnknownOperationDoesNotRepeatOddMethods(t *testing.T) {
	doc := `[{"method": "Ada Lovelace", "url": "/unified/ats/candidates/1", "headers": {"x-account-id": "a"}},
 {"method": "Ada Lovelace", "url": "/unified/ats/candidatez/1", "headers": {"x-account-id": "a"}}]`
	assert.Equal(t, []string{
		`1:36 stackone/unknown-operation the method is not an HTTP method; /unified/ats/candidates/{id} allows GET (ats_get_candidate), PATCH (ats_update_candidate)`,
		`2:36 stackone/unknown-operation a method that is no HTTP method on this path matches no StackOne ATS operation; nearest: GET /unified/ats/candidates/{id} (ats_get_candidate), PATCH /unified/ats/candidates/{id} (ats_update_candidate)`,
	}, check(t, Options{}, doc))
}
