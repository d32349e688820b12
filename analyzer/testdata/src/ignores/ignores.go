// Package ignores silences diagnostics with //atslint:ignore directives.
package ignores

import (
	"net/http"
	"net/url"
)

const candidates = "https://api.stackone.com/unified/ats/candidates"

func send(q url.Values) {
	req, _ := http.NewRequest("GET", candidates+"?"+q.Encode(), nil)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// On the line above, with a reason: silenced.
func lineAbove() {
	q := url.Values{}
	//atslint:ignore stackone/unknown-query-param our proxy still reads pagesize
	q.Set("pagesize", "50")
	req, _ := http.NewRequest("GET", candidates+"?"+q.Encode(), nil)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// On the same line, several rules at once.
func sameLine() {
	req, _ := http.NewRequest("GET", candidates+"?pagesize=5&page=2", nil) //atslint:ignore stackone/unknown-query-param,stackone/deprecated-query-param migrating in ATS-1234
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// Without a reason: nothing is silenced and the directive is reported.
func noReason() {
	q := url.Values{}
	// want +1 `warning: ignore of stackone/unknown-query-param has no reason; say why the diagnostic does not apply \[atslint/ignore\]`
	//atslint:ignore stackone/unknown-query-param
	q.Set("pagesize", "50") // want `\[stackone/unknown-query-param\]`
	req, _ := http.NewRequest("GET", candidates+"?"+q.Encode(), nil)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A directive that silences nothing is stale.
func stale() {
	// want +1 `warning: ignore of stackone/page-size silences nothing; remove it \[atslint/ignore\]`
	//atslint:ignore stackone/page-size we used to send 500 here
	req, _ := http.NewRequest("GET", candidates+"?page_size=50", nil)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A directive naming no rule atslint has.
func unknownRule() {
	// want +1 `warning: ignore names unknown rule "stackone/page-sise"; did you mean stackone/page-size\? \[atslint/ignore\]`
	//atslint:ignore stackone/page-sise typo in the rule ID
	req, _ := http.NewRequest("GET", candidates+"?page_size=500", nil) // want `\[stackone/page-size\]`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// Two lines above is too far.
func tooFar() {
	//atslint:ignore stackone/missing-account-id this one is really missing // want `silences nothing`

	http.Get(candidates) // want `\[stackone/missing-account-id\]`
}
