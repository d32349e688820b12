// Package withprovider is checked with the plugin setting provider:
// smartrecruiters.
package withprovider

import "net/http"

func List() {
	req, _ := http.NewRequest("GET", "https://api.stackone.com/unified/ats/applications", nil) // want `\[smartrecruiters/list-applications\]`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}
