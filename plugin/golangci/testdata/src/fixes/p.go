package fixes

import "net/http"

// golangci-lint run --fix applies the analyzer's suggested fixes.
func F() {
	req, _ := http.NewRequest("GET", "http://api.stackone.com/unified/ats/jobs", nil) // want `url uses http://`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}
