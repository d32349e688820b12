// Package ghclient is a StackOne ATS client in go-github's shape: a Client
// with a BaseURL set in its constructor, NewRequest resolving relative
// references against it, Do, and one service per resource that builds its
// path with fmt.Sprintf and passes typed request structs.
package ghclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-querystring/query"
)

const defaultBaseURL = "https://api.stackone.com/"

type Client struct {
	client    *http.Client
	BaseURL   *url.URL
	AccountID string
	apiKey    string

	common     service
	Notes      *NotesService
	Jobs       *JobsService
	Candidates *CandidatesService
}

type service struct{ client *Client }

type NotesService service
type JobsService service
type CandidatesService service

func NewClient(httpClient *http.Client, accountID, apiKey string) *Client {
	if httpClient == nil {
		httpClient = &http.Client{}
	}
	baseURL, _ := url.Parse(defaultBaseURL)
	c := &Client{client: httpClient, BaseURL: baseURL, AccountID: accountID, apiKey: apiKey}
	c.common.client = c
	c.Notes = (*NotesService)(&c.common)
	c.Jobs = (*JobsService)(&c.common)
	c.Candidates = (*CandidatesService)(&c.common)
	return c
}

// NewRequest resolves a relative reference against BaseURL and encodes
// body as JSON.
func (c *Client) NewRequest(ctx context.Context, method, urlStr string, body any) (*http.Request, error) { // want NewRequest:`atslint: builds \{p1\} resolve\(https://api\.stackone\.com/, \{p2\}\); body from parameter 3`
	if !strings.HasSuffix(c.BaseURL.Path, "/") {
		return nil, fmt.Errorf("BaseURL must have a trailing slash, but %q does not", c.BaseURL)
	}
	u, err := c.BaseURL.Parse(urlStr)
	if err != nil {
		return nil, err
	}
	var buf io.ReadWriter
	if body != nil {
		buf = &bytes.Buffer{}
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(body); err != nil {
			return nil, err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), buf)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("x-account-id", c.AccountID)
	req.SetBasicAuth(c.apiKey, "")
	return req, nil
}

// Do sends a request and decodes the JSON response into v.
func (c *Client) Do(ctx context.Context, req *http.Request, v any) (*http.Response, error) {
	resp, err := c.client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if v != nil {
		err = json.NewDecoder(resp.Body).Decode(v)
	}
	return resp, err
}

// addOptions adds the parameters in opts as URL query parameters to s.
func addOptions(s string, opts any) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return s, err
	}
	qs, err := query.Values(opts)
	if err != nil {
		return s, err
	}
	u.RawQuery = qs.Encode()
	return u.String(), nil
}
