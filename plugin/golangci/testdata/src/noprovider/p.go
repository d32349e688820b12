// Package noprovider is the same request checked with no settings: no
// provider, so no provider rule fires.
package noprovider

import "net/http"

func List() {
	req, _ := http.NewRequest("GET", "https://api.stackone.com/unified/ats/applications", nil)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}
