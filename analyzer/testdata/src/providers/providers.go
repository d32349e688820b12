// Package providers builds one request per provider rule of DESIGN.md §3,
// each labelled with //atslint:provider, the way a multi-provider sync
// service would: the StackOne client is shared, the provider is known per
// linked account.
package providers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
)

const api = "https://api.stackone.com/unified"

type Client struct {
	accountID string
	apiKey    string
}

func NewClient(accountID string) *Client {
	return &Client{accountID: accountID, apiKey: os.Getenv("STACKONE_API_KEY")}
}

func (c *Client) do(method, u string, body any) error {
	var buf bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&buf).Encode(body); err != nil {
			return err
		}
	}
	req, err := http.NewRequest(method, u, &buf)
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.apiKey, "")
	req.Header.Set("x-account-id", c.accountID)
	_, err = http.DefaultClient.Do(req)
	return err
}

type Content struct {
	Body string `json:"body"`
}

type Note struct {
	Content  []Content `json:"content"`
	AuthorID string    `json:"author_id,omitempty"`
}

// Lever cannot filter on updated_at.
//
//atslint:provider lever
func (c *Client) LeverChanges(since string) { // want LeverChanges:`atslint: sends GET https://api\.stackone\.com/unified/ats/candidates\?\{query\}`
	q := url.Values{}
	q.Set("filter[updated_at]", since) // want `error: .* \[lever/updated-at-filter\]`
	req, _ := http.NewRequest("GET", api+"/ats/candidates?"+q.Encode(), nil)
	req.Header.Set("x-account-id", c.accountID)
	http.DefaultClient.Do(req)
}

// A Bullhorn note to a candidate whose id was never filled in, and without
// an author.
//
//atslint:provider bullhorn
func (c *Client) BullhornNote(text string) {
	data, _ := json.Marshal(Note{Content: []Content{{Body: text}}})                                      // want `\[bullhorn/note-missing-author\]`
	req, _ := http.NewRequest("POST", api+"/ats/candidates/${candidateId}/notes", bytes.NewReader(data)) // want `\[bullhorn/note-candidate-id\]`
	req.Header.Set("x-account-id", c.accountID)
	http.DefaultClient.Do(req)
}

// The candidate id and the author from variables are unknown, not missing.
//
//atslint:provider bullhorn
func (c *Client) BullhornNoteOK(candidateID, authorID, text string) { // want BullhornNoteOK:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p0\}/notes`
	data, _ := json.Marshal(Note{Content: []Content{{Body: text}}, AuthorID: authorID})
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/ats/candidates/%s/notes", api, candidateID), bytes.NewReader(data))
	req.Header.Set("x-account-id", c.accountID)
	http.DefaultClient.Do(req)
}

type Candidate struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

// A Workable candidate with no job lands in the talent pool.
//
//atslint:provider workable
func (c *Client) WorkableCandidate() {
	data, _ := json.Marshal(Candidate{FirstName: "Ada", LastName: "Lovelace"}) // want `\[workable/candidate-without-application\]`
	req, _ := http.NewRequest("POST", api+"/ats/candidates", bytes.NewReader(data))
	req.Header.Set("x-account-id", c.accountID)
	http.DefaultClient.Do(req)
}

// Teamtailor writes need an Admin key.
//
//atslint:provider teamtailor
func (c *Client) TeamtailorCandidate() {
	data, _ := json.Marshal(map[string]any{"first_name": "Ada", "last_name": "Lovelace"})
	req, _ := http.NewRequest("POST", api+"/ats/candidates", bytes.NewReader(data)) // want `info: .* \[teamtailor/missing-permissions\]`
	req.Header.Set("x-account-id", c.accountID)
	http.DefaultClient.Do(req)
}

// A Greenhouse passthrough to the retired Harvest v1 API.
//
//atslint:provider greenhouse
func (c *Client) GreenhouseProxy() {
	body := map[string]any{
		"url":    "https://harvest.greenhouse.io/v1/candidates/1/activity_feed/notes", // want `error: Greenhouse removed Harvest v1 .* \[greenhouse/proxy-harvest-retired\]`
		"method": "post",
		"body":   map[string]any{"user_id": 1, "body": "x", "visibility": "public"},
	}
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", api+"/proxy", bytes.NewReader(data))
	req.Header.Set("x-account-id", c.accountID)
	http.DefaultClient.Do(req)
}

// SmartRecruiters lists, the interview one in a loop.
//
//atslint:provider smartrecruiters
func (c *Client) SmartRecruitersPoll() {
	req, _ := http.NewRequest("GET", api+"/ats/applications", nil) // want `\[smartrecruiters/list-applications\]`
	req.Header.Set("x-account-id", c.accountID)
	http.DefaultClient.Do(req)
	for {
		req, _ := http.NewRequest("GET", api+"/ats/interviews", nil) // want `\[smartrecruiters/interview-scope\]` `\[smartrecruiters/rate-limit\]`
		req.Header.Set("x-account-id", c.accountID)
		http.DefaultClient.Do(req)
	}
}

// The shared helper takes the body as a parameter: its summary gives the
// caller's Note{} to the request, whose content is null.
func (c *Client) Helper() {
	c.do("POST", api+"/ats/candidates/c1/notes", Note{}) // want `error: note content is null; send "content": \[\{"body": …\}\] \[stackone/empty-note\]`
}
