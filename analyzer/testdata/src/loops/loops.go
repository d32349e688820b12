//atslint:provider smartrecruiters

// Package loops calls SmartRecruiters' rate-limited lists from loops.
package loops

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"time"
)

type Client struct {
	baseURL, apiKey, accountID string
	http                       *http.Client
}

func NewClient(accountID string) *Client {
	return &Client{baseURL: "https://api.stackone.com", apiKey: os.Getenv("STACKONE_API_KEY"), accountID: accountID, http: http.DefaultClient}
}

// ListApplications lists a job's applications: fine on its own.
func (c *Client) ListApplications(ctx context.Context, jobID string) (*http.Response, error) { // want ListApplications:`atslint: sends GET https://api\.stackone\.com/unified/ats/applications\?\{query\}`
	q := url.Values{"filter[job_id]": {jobID}}
	req, err := http.NewRequestWithContext(ctx, "GET", c.baseURL+"/unified/ats/applications?"+q.Encode(), nil) // want `warning: SmartRecruiters cannot list applications directly.* \[smartrecruiters/list-applications\]`
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.apiKey, "")
	req.Header.Set("x-account-id", c.accountID)
	return c.http.Do(req)
}

// ListCandidates is not one of the rate-limited lists.
func (c *Client) ListCandidates(ctx context.Context) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", c.baseURL+"/unified/ats/candidates", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("x-account-id", c.accountID)
	return c.http.Do(req)
}

// A loop over jobs that never waits: every job is another call.
func SyncAll(ctx context.Context, c *Client, jobIDs []string) {
	for _, id := range jobIDs {
		c.ListApplications(ctx, id) // want `warning: ListApplications requests the SmartRecruiters application list and is called in a loop that never waits; it allows 1 request per 5 minutes, so repeated calls get 429; wait between calls \(time.Sleep, a ticker, a rate limiter's Wait\) \[smartrecruiters/rate-limit\]`
	}
}

// Sleeping between calls is fine.
func SyncSlowly(ctx context.Context, c *Client, jobIDs []string) {
	for _, id := range jobIDs {
		c.ListApplications(ctx, id)
		time.Sleep(5 * time.Minute)
	}
}

// So is waiting on a ticker.
func SyncTicker(ctx context.Context, c *Client, jobIDs []string) {
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for _, id := range jobIDs {
		<-t.C
		c.ListApplications(ctx, id)
	}
}

// Limiter is shaped like golang.org/x/time/rate.Limiter.
type Limiter struct{}

func (*Limiter) Wait(ctx context.Context) error { return nil }

// And waiting on a rate limiter.
func SyncLimited(ctx context.Context, c *Client, lim *Limiter, jobIDs []string) {
	for _, id := range jobIDs {
		if err := lim.Wait(ctx); err != nil {
			return
		}
		c.ListApplications(ctx, id)
	}
}

func (c *Client) throttle() { time.Sleep(time.Minute) }

// And waiting in a helper of this package.
func SyncThrottled(ctx context.Context, c *Client, jobIDs []string) {
	for _, id := range jobIDs {
		c.throttle()
		c.ListApplications(ctx, id)
	}
}

// Candidates are not rate-limited that way.
func PollCandidates(ctx context.Context, c *Client) {
	for {
		c.ListCandidates(ctx)
	}
}

// A request built in the loop itself, polling interviews.
func PollInterviews(ctx context.Context, c *Client) {
	for i := 0; i < 10; i++ {
		req, _ := http.NewRequestWithContext(ctx, "GET", c.baseURL+"/unified/ats/interviews", nil) // want `warning: SmartRecruiters interview list requested in a loop that never waits; it allows 1 request per 5 minutes, so repeated calls get 429; wait between calls \(time.Sleep, a ticker, a rate limiter's Wait\) \[smartrecruiters/rate-limit\]` `info: on SmartRecruiters this list only includes candidates in INTERVIEW, OFFERED, HIRED or TRANSFERRED status.* \[smartrecruiters/interview-scope\]`
		req.Header.Set("x-account-id", c.accountID)
		c.http.Do(req)
	}
}

// A select on a timer channel waits too.
func PollInterviewsTimer(ctx context.Context, c *Client) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Minute):
		}
		req, _ := http.NewRequestWithContext(ctx, "GET", c.baseURL+"/unified/ats/interviews", nil) // want `\[smartrecruiters/interview-scope\]`
		req.Header.Set("x-account-id", c.accountID)
		c.http.Do(req)
	}
}

// A function labelled for another provider is not SmartRecruiters'.
//
//atslint:provider lever
func PollLever(ctx context.Context, c *Client) {
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", c.baseURL+"/unified/ats/applications", nil)
		req.Header.Set("x-account-id", c.accountID)
		c.http.Do(req)
	}
}
