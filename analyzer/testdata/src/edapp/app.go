// Package edapp builds requests and calls edclient's exported editor: its
// headers, with this package's arguments, are the request's.
package edapp

import (
	"context"
	"net/http"

	"edclient"
)

const jobs = "https://api.stackone.com/unified/ats/jobs"

// List passes a literal key to the editor two packages away: reported at
// this literal.
func List(ctx context.Context, account string) error { // want List:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req, err := http.NewRequestWithContext(ctx, "GET", jobs, nil)
	if err != nil {
		return err
	}
	edclient.SetAuth(req, "sk_live_abcdef0123456789", account) // want `\[security/hardcoded-credential\]`
	_, err = http.DefaultClient.Do(req)
	return err
}

// ListOK passes its own parameters: silent.
func ListOK(ctx context.Context, key, account string) error { // want ListOK:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req, err := http.NewRequestWithContext(ctx, "GET", jobs, nil)
	if err != nil {
		return err
	}
	edclient.SetAuth(req, key, account)
	_, err = http.DefaultClient.Do(req)
	return err
}

// ListNoEditor sets nothing: the account is missing.
func ListNoEditor(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", jobs, nil) // want `\[stackone/missing-account-id\]`
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// ListTemplated keeps the template's account placeholder and adds the real
// account with edclient.AddAccount: Add keeps the placeholder, which comes
// first, and a server that reads one value reads it.
func ListTemplated(ctx context.Context, key, account string) error { // want ListTemplated:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req, err := http.NewRequestWithContext(ctx, "GET", jobs, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("x-account-id", "{account_id}") // want `\[stackone/placeholder-id\]`
	edclient.AddAccount(req, account)
	_, err = http.DefaultClient.Do(req)
	return err
}

// ListAddedPlaceholder sets the real account and then adds a placeholder
// with edclient.AddAccount: both values are sent, and the second is
// reported as the first would be.
func ListAddedPlaceholder(ctx context.Context, account string) error { // want ListAddedPlaceholder:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req, err := http.NewRequestWithContext(ctx, "GET", jobs, nil)
	if err != nil {
		return err
	}
	req.Header.Set("x-account-id", account)
	edclient.AddAccount(req, "{account_id}") // want `\[stackone/placeholder-id\]`
	_, err = http.DefaultClient.Do(req)
	return err
}
