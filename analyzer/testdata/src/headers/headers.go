// Package headers sets request headers in every form the analyzer follows,
// and writes credentials into code the ways people do. Diagnostics never
// repeat the secret.
package headers

import (
	"encoding/base64"
	"net/http"
	"strings"
)

const (
	jobs   = "https://api.stackone.com/unified/ats/jobs"
	apiKey = "sk_live_9f2c41d07b" // want `error: Authorization header holds a literal credential; read it from the environment \[security/hardcoded-credential\]`
)

// SetBasicAuth with a literal key: the key is the username.
func basicAuth() {
	req, _ := http.NewRequest("GET", jobs, nil)
	req.SetBasicAuth("sk_live_0e1d2c3b4a", "") // want `error: Authorization header holds a literal credential; read it from the environment \[security/hardcoded-credential\]`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// An Authorization header built from a constant key: reported at the key.
func basicHeader() {
	req, _ := http.NewRequest("GET", jobs, nil)
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(apiKey+":")))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A bearer token literal, and a provider key in an X-Api-Key header.
func bearer() {
	req, _ := http.NewRequest("GET", jobs, nil)
	req.Header.Add("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x") // want `error: Authorization header holds a literal credential; read it from the environment \[security/hardcoded-credential\]`
	req.Header["X-Api-Key"] = []string{"gh_live_abcdef"}                 // want `error: X-Api-Key header holds a literal credential; read it from the environment \[security/hardcoded-credential\]`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// Placeholders are fine.
func placeholders() {
	req, _ := http.NewRequest("GET", jobs, nil)
	req.SetBasicAuth("${STACKONE_API_KEY}", "")
	req.Header.Set("X-Api-Key", "YOUR_API_KEY")
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// An http.Header literal, then Del of the account header (names compare
// case-insensitively).
func headerLiteral() {
	req, _ := http.NewRequest("GET", jobs, nil) // want `error: missing x-account-id header; StackOne cannot tell which linked account to call \[stackone/missing-account-id\]`
	req.Header = http.Header{"X-Account-Id": {"acc_1"}, "Accept": {"application/json"}}
	req.Header.Del("X-Account-ID")
	http.DefaultClient.Do(req)
}

// The same literal without the Del: silent.
func headerLiteralKept() {
	req, _ := http.NewRequest("GET", jobs, nil)
	req.Header = http.Header{"X-Account-Id": {"acc_1"}}
	http.DefaultClient.Do(req)
}

// A local header map assigned to the request.
func headerVar() {
	h := make(http.Header)
	h.Set("Content-Type", "application/json")
	req, _ := http.NewRequest("GET", jobs, nil) // want `error: missing x-account-id header; StackOne cannot tell which linked account to call \[stackone/missing-account-id\]`
	req.Header = h
	http.DefaultClient.Do(req)
}

// An empty account id.
func emptyAccount() {
	req, _ := http.NewRequest("GET", jobs, nil)
	req.Header.Set("X-Account-Id", strings.TrimSpace(" ")) // want `error: x-account-id header is empty; StackOne cannot tell which linked account to call \[stackone/missing-account-id\]`
	http.DefaultClient.Do(req)
}

// A passthrough request carrying the provider's key in its body.
func passthrough() {
	body := `{"url": "https://harvest.greenhouse.io/v1/candidates", "method": "get", "headers": {"Authorization": "Basic Z2hfbGl2ZV9rZXk6"}}` // want `error: passthrough Authorization header holds a literal credential; read it from the environment \[security/hardcoded-credential\]`
	req, _ := http.NewRequest("POST", "https://api.stackone.com/unified/proxy", strings.NewReader(body))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}
