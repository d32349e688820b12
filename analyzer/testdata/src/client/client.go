// Package client is a StackOne ATS client written the way people write
// them with net/http: a client struct with a base URL and an API key from
// the environment, one helper method per endpoint. Some helpers have the
// bugs atslint exists to catch; the others must stay silent.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"
)

const defaultBaseURL = "https://api.stackone.com"

type Client struct {
	baseURL   string
	apiKey    string
	accountID string
	http      *http.Client
}

func New(accountID string) *Client {
	return &Client{
		baseURL:   defaultBaseURL,
		apiKey:    os.Getenv("STACKONE_API_KEY"),
		accountID: accountID,
		http:      &http.Client{Timeout: 30 * time.Second},
	}
}

type NoteContent struct {
	Body string `json:"body"`
}

type Visibility struct {
	Value string `json:"value"`
}

type CreateNoteRequest struct {
	Content    []NoteContent `json:"content"`
	AuthorID   string        `json:"author_id,omitempty"`
	Visibility *Visibility   `json:"visibility,omitempty"`
}

// CreateCandidateNote is correct: no diagnostics.
func (c *Client) CreateCandidateNote(ctx context.Context, candidateID, authorID, text string) error { // want CreateCandidateNote:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes`
	note := CreateNoteRequest{
		Content:    []NoteContent{{Body: text}},
		AuthorID:   authorID,
		Visibility: &Visibility{Value: "private"},
	}
	data, err := json.Marshal(note)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		c.baseURL+"/unified/ats/candidates/"+candidateID+"/notes", bytes.NewReader(data))
	if err != nil {
		return err
	}
	return c.send(req)
}

// send is what every helper ends with. Nothing here is a request of its
// own: req is a parameter.
func (c *Client) send(req *http.Request) error {
	req.SetBasicAuth(c.apiKey, "")
	req.Header.Set("x-account-id", c.accountID)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// ApplicationNote has a tag typo: the API drops auther_id silently.
type ApplicationNote struct {
	Content  []NoteContent `json:"content"`
	AutherID string        `json:"auther_id"`
}

func (c *Client) CreateApplicationNote(ctx context.Context, applicationID, authorID, text string) error { // want CreateApplicationNote:`atslint: sends POST https://api\.stackone\.com/unified/ats/applications/\{p1\}/notes`
	body, _ := json.Marshal(ApplicationNote{
		Content:  []NoteContent{{Body: text}},
		AutherID: authorID, // want `warning: unknown field "auther_id"; StackOne drops it silently; did you mean "author_id"\? \[stackone/unknown-field\]`
	})
	req, _ := http.NewRequestWithContext(ctx, "POST", c.baseURL+"/unified/ats/applications/"+applicationID+"/notes", bytes.NewReader(body))
	req.SetBasicAuth(c.apiKey, "")
	req.Header.Set("x-account-id", c.accountID)
	_, err := c.http.Do(req)
	return err
}

// PublicNote sends visibility as a bare string; the schema wants {"value": …}.
type PublicNote struct {
	Content    []NoteContent `json:"content"`
	Visibility string        `json:"visibility"`
}

func (c *Client) CreatePublicNote(ctx context.Context, candidateID, text string) error { // want CreatePublicNote:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes`
	body, _ := json.Marshal(&PublicNote{
		Content:    []NoteContent{{Body: text}},
		Visibility: "public", // want `error: visibility: .* \[stackone/body-schema\]`
	})
	req, _ := http.NewRequestWithContext(ctx, "POST", c.baseURL+"/unified/ats/candidates/"+candidateID+"/notes", bytes.NewReader(body))
	req.SetBasicAuth(c.apiKey, "")
	req.Header.Set("x-account-id", c.accountID)
	_, err := c.http.Do(req)
	return err
}

// ListCandidates pages with page_size and the deprecated page parameter,
// and misspells page_size once.
func (c *Client) ListCandidates(ctx context.Context, pageSize, page int) error { // want ListCandidates:`atslint: sends GET https://api\.stackone\.com/unified/ats/candidates\?\{query\}`
	q := url.Values{}
	q.Set("page_size", strconv.Itoa(pageSize))
	q.Set("pagesize", "50")           // want `warning: query parameter "pagesize" is not declared by ats_list_candidates; StackOne ignores it; did you mean "page_size"\? \[stackone/unknown-query-param\]`
	q.Set("page", strconv.Itoa(page)) // want `warning: query parameter page is deprecated; use the next cursor from the previous response \[stackone/deprecated-query-param\]`
	req, err := http.NewRequestWithContext(ctx, "GET", c.baseURL+"/unified/ats/candidates?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.apiKey, "")
	req.Header.Set("x-account-id", c.accountID)
	_, err = c.http.Do(req)
	return err
}

// GetJob misspells the resource and forgets the account header.
func (c *Client) GetJob(ctx context.Context, id string) error { // want GetJob:`atslint: sends GET https://api\.stackone\.com/unified/ats/job/\{p1\}`
	req, err := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/unified/ats/job/%s", c.baseURL, id), nil) // want `error: missing x-account-id header; StackOne cannot tell which linked account to call \[stackone/missing-account-id\]` `error: GET on this path matches no StackOne ATS operation; nearest: GET /unified/ats/jobs/\{id\} \(ats_get_job\) \[stackone/unknown-operation\]`
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.apiKey, "")
	_, err = c.http.Do(req)
	return err
}

// GetCandidate is correct: a %s in a path segment is an id, not a
// placeholder.
func (c *Client) GetCandidate(ctx context.Context, id string) error { // want GetCandidate:`atslint: sends GET https://api\.stackone\.com/unified/ats/candidates/\{p1\}`
	req, err := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/unified/ats/candidates/%s", c.baseURL, id), nil)
	if err != nil {
		return err
	}
	return c.send(req)
}

// ListCandidateNotes left the template's placeholder in the path.
func (c *Client) ListCandidateNotes(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", c.baseURL+"/unified/ats/candidates/{id}/notes", nil) // want `error: path parameter id is the unresolved placeholder \{id\}; substitute the real id \[stackone/placeholder-id\]`
	if err != nil {
		return err
	}
	return c.send(req)
}

// ListJobs asks for more than a page can hold.
func (c *Client) ListJobs(ctx context.Context) error {
	u := c.baseURL + "/unified/ats/jobs?page_size=500" // want `error: page_size must be an integer from 1 to 100.* \[stackone/page-size\]`
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	return c.send(req)
}
