// Package provflag has no provider directive of its own: the test runs it
// with -provider smartrecruiters.
package provflag

import "net/http"

const apps = "https://api.stackone.com/unified/ats/applications"

// The flag names the provider.
func List() {
	req, _ := http.NewRequest("GET", apps, nil) // want `\[smartrecruiters/list-applications\]`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A directive on the function wins over the flag.
//
//atslint:provider lever
func ListLever() {
	req, _ := http.NewRequest("GET", apps, nil)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}
