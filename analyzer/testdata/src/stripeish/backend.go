// Package stripeish is a StackOne client in stripe-go's shape: one
// backend Call(ctx, method, path, params, out) that every resource method
// goes through, and resources that only name their path and params.
package stripeish

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
)

const apiURL = "https://api.stackone.com"

type Backend struct {
	URL        string
	Key        string
	AccountID  string
	HTTPClient *http.Client
}

func NewBackend(accountID string) *Backend {
	return &Backend{URL: apiURL, Key: os.Getenv("STACKONE_API_KEY"), AccountID: accountID, HTTPClient: &http.Client{}}
}

// Call sends one request; params, when not nil, is the JSON body.
func (b *Backend) Call(ctx context.Context, method, path string, params, out any) error { // want Call:`atslint: sends \{p1\} https://api\.stackone\.com\{p2\}; body from parameter 3`
	var body io.Reader
	if params != nil {
		data, err := json.Marshal(params)
		if err != nil {
			return err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, b.URL+path, body)
	if err != nil {
		return err
	}
	req.SetBasicAuth(b.Key, "")
	req.Header.Set("x-account-id", b.AccountID)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := b.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}

// JobParams offers a deprecated field and misspells another: whatever
// callers set, these are the type's bugs, reported once at the tags.
type JobParams struct {
	Title         string   `json:"title,omitempty"`
	Confidential  string   `json:"confidential,omitempty"`
	Status        string   `json:"status,omitempty"`         // want `warning: field "status" is deprecated; use "job_status" \[stackone/deprecated-field\]`
	DepartmentIDs []string `json:"departmnet_ids,omitempty"` // want `warning: unknown field "departmnet_ids"; StackOne drops it silently; did you mean "department_ids"\? \[stackone/unknown-field\]`
}

type CandidateParams struct {
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Email     string `json:"email,omitempty"`
}

type Job struct {
	ID string `json:"id"`
}

// JobClient is the jobs resource.
type JobClient struct{ B *Backend }

// Get reads one job.
func (c JobClient) Get(ctx context.Context, id string) (*Job, error) { // want Get:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs/\{p1\}`
	j := &Job{}
	err := c.B.Call(ctx, http.MethodGet, "/unified/ats/jobs/"+id, nil, j)
	return j, err
}

// Update patches a job; the body is the caller's params.
func (c JobClient) Update(ctx context.Context, id string, params *JobParams) (*Job, error) { // want Update:`atslint: sends PATCH https://api\.stackone\.com/unified/ats/jobs/\{p1\}; body from parameter 2`
	j := &Job{}
	err := c.B.Call(ctx, http.MethodPatch, "/unified/ats/jobs/"+id, params, j)
	return j, err
}

// CandidateClient is the candidates resource.
type CandidateClient struct{ B *Backend }

// New creates a candidate.
func (c CandidateClient) New(ctx context.Context, params *CandidateParams) error { // want New:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates; body from parameter 1`
	return c.B.Call(ctx, http.MethodPost, "/unified/ats/candidates", params, nil)
}

// ListScorecards misspells the resource: the resource's own bug.
func (c CandidateClient) ListScorecards(ctx context.Context) error {
	return c.B.Call(ctx, http.MethodGet, "/unified/ats/scorecard", nil, nil) // want `\[stackone/unknown-operation\]`
}

// ApplicationParams can carry either candidate_id or candidate: from a
// parameter the analyzer cannot tell which, so the helper is silent.
type ApplicationParams struct {
	JobID       string           `json:"job_id"`
	CandidateID string           `json:"candidate_id,omitempty"`
	Candidate   *CandidateParams `json:"candidate,omitempty"`
}

// ApplicationClient is the applications resource.
type ApplicationClient struct{ B *Backend }

// New creates an application.
func (c ApplicationClient) New(ctx context.Context, params *ApplicationParams) error { // want New:`atslint: sends POST https://api\.stackone\.com/unified/ats/applications; body from parameter 1`
	return c.B.Call(ctx, http.MethodPost, "/unified/ats/applications", params, nil)
}
