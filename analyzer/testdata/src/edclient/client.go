// Package edclient builds its requests with net/http and sets the
// credential and the linked account in request editors: functions that
// take the *http.Request and set its headers.
package edclient

import (
	"context"
	"net/http"
)

const base = "https://api.stackone.com/unified/ats"

type Client struct {
	hc        *http.Client
	accountID string
}

// SetAuth sets the credential and the account on any request.
func SetAuth(req *http.Request, key, account string) { // want SetAuth:`atslint: sets headers of \{p0\} Authorization=Bearer \{p1\}&x-account-id=\{p2\}`
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("x-account-id", account)
}

// setKey sets the credential only.
func setKey(req *http.Request, key string) {
	req.Header.Set("Authorization", "Bearer "+key)
}

// setBasic sets basic auth from a parameter: present, value unknown (the
// encoding of an argument is not carried).
func setBasic(req *http.Request, key string) {
	req.SetBasicAuth(key, "")
}

// setAccount sets the account from a field: present, value unknown.
func (c *Client) setAccount(req *http.Request) {
	req.Header.Set("x-account-id", c.accountID)
}

// logRequest reads the request: no editor, the request escapes.
func logRequest(req *http.Request) {
	println(req.URL.String())
	send(req)
}

func send(req *http.Request) { http.DefaultClient.Do(req) }

// ListJobs sets only the credential: the account is missing.
func (c *Client) ListJobs(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil) // want `\[stackone/missing-account-id\]`
	if err != nil {
		return err
	}
	setKey(req, "sk_live_abcdef0123456789") // want `\[security/hardcoded-credential\]`
	_, err = c.hc.Do(req)
	return err
}

// ListJobsOK sets both: silent.
func (c *Client) ListJobsOK(ctx context.Context, key string) error { // want ListJobsOK:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	setKey(req, key)
	c.setAccount(req)
	_, err = c.hc.Do(req)
	return err
}

// ListJobsLogged hands the request to a function that is no editor:
// anything may be set there, silent.
func (c *Client) ListJobsLogged(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	logRequest(req)
	return nil
}

// ListJobsBasic sets both, the key by basic auth: silent.
func (c *Client) ListJobsBasic(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	setBasic(req, "sk_live_abcdef0123456789")
	c.setAccount(req)
	_, err = c.hc.Do(req)
	return err
}

// ListJobsMaybe sets the account under a condition: present, maybe;
// silent.
func (c *Client) ListJobsMaybe(ctx context.Context, key string, scoped bool) error { // want ListJobsMaybe:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	setKey(req, key)
	if scoped {
		c.setAccount(req)
	}
	_, err = c.hc.Do(req)
	return err
}

// AddAccount adds the account header: an edit like Set, but one that keeps
// the values the request already has (+= in the summary).
func AddAccount(req *http.Request, account string) { // want AddAccount:`atslint: sets headers of \{p0\} x-account-id\+=\{p1\}`
	req.Header.Add("x-account-id", account)
}

// Forward sets a header on the request it is given and also sends a
// request of its own: a function that builds requests is no editor, so a
// request handed to it escapes (anything may be set there).
func Forward(ctx context.Context, req *http.Request, key string) error { // want Forward:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req.Header.Set("X-Trace", "1")
	out, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	out.Header.Set("Authorization", "Bearer "+key)
	out.Header.Set("x-account-id", "acc_1")
	_, err = http.DefaultClient.Do(out)
	return err
}

// ListJobsForwarded hands its request to Forward, which is no editor:
// silent.
func (c *Client) ListJobsForwarded(ctx context.Context, key string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	setKey(req, key)
	return Forward(ctx, req, key)
}

// setToken replaces the credential when the caller has a token of its
// own: under a condition, so the key the request already carries may stay.
func setToken(req *http.Request, token string) {
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
}

// ListJobsDefaultKey writes a fallback key into the source and lets
// setToken replace it, maybe: the literal may still be sent, so it is
// reported.
func (c *Client) ListJobsDefaultKey(ctx context.Context, token string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer sk_live_abcdef0123456789") // want `\[security/hardcoded-credential\]`
	req.Header.Set("x-account-id", "acc_1")
	setToken(req, token)
	_, err = c.hc.Do(req)
	return err
}

// addAuth adds the credential with Add, as much hand-written client code
// does: a value the request already has for the header stays.
func addAuth(req *http.Request, key string) {
	req.Header.Add("Authorization", "Bearer "+key)
}

// ListJobsAddedKey adds a key to a request that already carries a
// literal one: both are sent, and the literal is reported.
func (c *Client) ListJobsAddedKey(ctx context.Context, key string) error { // want ListJobsAddedKey:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer sk_live_abcdef0123456789") // want `\[security/hardcoded-credential\]`
	req.Header.Set("x-account-id", "acc_1")
	addAuth(req, key)
	_, err = c.hc.Do(req)
	return err
}

// withHeaders sets the credential and adds each of the caller's extra
// headers, as stripe-go copies the Headers of its Params onto a request:
// which headers those are, the summary cannot say.
func withHeaders(req *http.Request, key string, extra http.Header) {
	req.Header.Set("Authorization", "Bearer "+key)
	for name, values := range extra {
		for _, v := range values {
			req.Header.Add(name, v)
		}
	}
}

// ListJobsExtra passes the account among the extra headers: the request's
// headers are not all known, so no missing account is reported.
func (c *Client) ListJobsExtra(ctx context.Context, key, account string) error { // want ListJobsExtra:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	withHeaders(req, key, http.Header{"X-Account-Id": {account}})
	_, err = c.hc.Do(req)
	return err
}

// ListJobsMaybeToken calls setKey only when it has a token: the literal
// key it set before may be what is sent, so it is reported.
func (c *Client) ListJobsMaybeToken(ctx context.Context, token string) error { // want ListJobsMaybeToken:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs`
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/jobs", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer sk_live_abcdef0123456789") // want `\[security/hardcoded-credential\]`
	req.Header.Set("x-account-id", "acc_1")
	if token != "" {
		setKey(req, token)
	}
	_, err = c.hc.Do(req)
	return err
}
