// Package restyapp talks to StackOne through go-resty v2 and v3 and
// hashicorp/go-retryablehttp.
package restyapp

import (
	"context"
	"encoding/json"
	"os"

	resty "github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
	resty3 "resty.dev/v3"
)

type NoteContent struct {
	Body string `json:"body"`
}

type Note struct {
	Content  []NoteContent `json:"content"`
	AuthorID string        `json:"author_id,omitempty"`
}

type Service struct {
	client *resty.Client
}

func NewService(accountID string) *Service {
	return &Service{client: resty.New().
		SetBaseURL("https://api.stackone.com").
		SetHeader("x-account-id", accountID).
		SetBasicAuth(os.Getenv("STACKONE_API_KEY"), "")}
}

// AddNote misspells a field in a map body.
func (s *Service) AddNote(ctx context.Context, id, text string) error { // want AddNote:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes`
	_, err := s.client.R().
		SetContext(ctx).
		SetBody(map[string]any{"content": []NoteContent{{Body: text}}, "auther_id": "u1"}). // want `warning: unknown field "auther_id"; StackOne drops it silently; did you mean "author_id"\? \[stackone/unknown-field\]`
		SetPathParam("id", id).
		Post("/unified/ats/candidates/{id}/notes")
	return err
}

// AddNoteOK is correct: silent.
func (s *Service) AddNoteOK(ctx context.Context, id, text string) error { // want AddNoteOK:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes`
	_, err := s.client.R().SetContext(ctx).SetBody(&Note{Content: []NoteContent{{Body: text}}}).SetPathParam("id", id).Post("/unified/ats/candidates/{id}/notes")
	return err
}

// ListJobs pages with a query parameter StackOne does not declare.
func (s *Service) ListJobs(ctx context.Context) error {
	_, err := s.client.R().
		SetQueryParam("page_size", "25").
		SetQueryParam("updated_since", "2024-01-01"). // want `warning: query parameter "updated_since" is not declared by ats_list_jobs.* \[stackone/unknown-query-param\]`
		Get("/unified/ats/jobs")
	return err
}

// GetJob forgets to substitute the path parameter.
func (s *Service) GetJob(ctx context.Context) error {
	_, err := s.client.R().Execute("GET", "/unified/ats/jobs/{id}") // want `\[stackone/placeholder-id\]`
	return err
}

// A local client without the account header.
func ListCandidates() error {
	c := resty.New().SetBaseURL("https://api.stackone.com")
	c.SetAuthToken(os.Getenv("STACKONE_TOKEN"))
	_, err := c.R().Get("/unified/ats/candidates") // want `error: missing x-account-id header; StackOne cannot tell which linked account to call \[stackone/missing-account-id\]`
	return err
}

// Clean look-alike: the header is set on the client variable.
func ListCandidatesOK(account string) error { // want ListCandidatesOK:`atslint: sends GET https://api\.stackone\.com/unified/ats/candidates`
	c := resty.New().SetBaseURL("https://api.stackone.com")
	c.SetHeader("x-account-id", account)
	_, err := c.R().Get("/unified/ats/candidates")
	return err
}

// Another API entirely: silent.
func Weather() error {
	_, err := resty.New().R().Get("https://api.weather.example/v1/today")
	return err
}

// resty v3: same builder.
func ListInterviewsV3(account string) error { // want ListInterviewsV3:`atslint: sends GET https://api\.stackone\.com/unified/ats/interviews\?\{query\}`
	c := resty3.New().SetBaseURL("https://api.stackone.com/").SetHeader("x-account-id", account)
	_, err := c.R().SetQueryParam("page_size", "500").Get("unified/ats/interviews") // want `\[stackone/page-size\]`
	return err
}

// retryablehttp: a JSON body in bytes.
func CreateNoteRetry(ctx context.Context, id string) error { // want CreateNoteRetry:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes`
	data, _ := json.Marshal(Note{AuthorID: "u1"}) // want `\[stackone/empty-note\]`
	req, err := retryablehttp.NewRequestWithContext(ctx, "POST", "https://api.stackone.com/unified/ats/candidates/"+id+"/notes", data)
	if err != nil {
		return err
	}
	req.Header.Set("x-account-id", "acc_1")
	_, err = retryablehttp.NewClient().Do(req)
	return err
}

// retryablehttp without the account header.
func GetJobRetry(id string) error { // want GetJobRetry:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs/\{p0\}`
	req, err := retryablehttp.NewRequest("GET", "https://api.stackone.com/unified/ats/jobs/"+id, nil) // want `\[stackone/missing-account-id\]`
	if err != nil {
		return err
	}
	_, err = retryablehttp.NewClient().Do(req)
	return err
}

// newClient builds a client the analyzer does not read (it returns two
// results, and what it sets is not modelled).
func newClient() (*resty.Client, error) {
	return resty.New(), nil
}

func configured() *resty.Client { return newClientOrPanic() }

func newClientOrPanic() *resty.Client {
	c, err := newClient()
	if err != nil {
		panic(err)
	}
	return c
}

// A client from a call: its headers are unknown (no missing-account-id),
// the path and body it sends here are seen, whether the call returns one
// result or two.
func ListCandidatesFromCall() error {
	c, err := newClient()
	if err != nil {
		return err
	}
	_, err = c.R().SetQueryParam("pagesize", "5").Get("https://api.stackone.com/unified/ats/candidates") // want `\[stackone/unknown-query-param\]`
	if err != nil {
		return err
	}
	d := configured()
	_, err = d.R().SetQueryParam("pagesize", "5").Get("https://api.stackone.com/unified/ats/candidates") // want `\[stackone/unknown-query-param\]`
	return err
}
