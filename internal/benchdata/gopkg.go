package benchdata

import (
	"fmt"
	"strings"
)

// goSites are the request sites of GoPackage, written the ways people
// write StackOne clients with net/http: constant and concatenated URLs,
// fmt.Sprintf paths, url.Values queries, json.Marshal of struct and map
// literals, headers set on the request; about half have a mistake.
// %[1]d is the site's number.
var goSites = []string{
	// A correct note, sent through a helper.
	`func (c *Client) Note%[1]d(ctx context.Context, candidateID, authorID, text string) error {
	body, err := json.Marshal(CreateNote{Content: []NoteContent{{Body: text}}, AuthorID: authorID, Visibility: &Visibility{Value: "private"}})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/unified/ats/candidates/"+candidateID+"/notes", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return c.send(req)
}
`,
	// A misspelt body field.
	`func (c *Client) AppNote%[1]d(ctx context.Context, applicationID, authorID string) error {
	body, _ := json.Marshal(ApplicationNote{Content: []NoteContent{{Body: "call %[1]d"}}, AutherID: authorID})
	req, _ := http.NewRequestWithContext(ctx, "POST", c.baseURL+"/unified/ats/applications/"+applicationID+"/notes", bytes.NewReader(body))
	req.SetBasicAuth(c.apiKey, "")
	req.Header.Set("x-account-id", c.accountID)
	_, err := c.http.Do(req)
	return err
}
`,
	// A list with a misspelt and a deprecated parameter.
	`func (c *Client) ListCandidates%[1]d(ctx context.Context, pageSize, page int) error {
	q := url.Values{}
	q.Set("page_size", strconv.Itoa(pageSize))
	q.Set("pagesize", "%[1]d")
	q.Set("page", strconv.Itoa(page))
	req, err := http.NewRequestWithContext(ctx, "GET", c.baseURL+"/unified/ats/candidates?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	return c.send(req)
}
`,
	// A misspelt resource and no account header.
	`func (c *Client) GetJob%[1]d(ctx context.Context, id string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%%s/unified/ats/job/%%s", c.baseURL, id), nil)
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.apiKey, "")
	_, err = c.http.Do(req)
	return err
}
`,
	// A correct get.
	`func (c *Client) GetCandidate%[1]d(ctx context.Context, id string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%%s/unified/ats/candidates/%%s", c.baseURL, id), nil)
	if err != nil {
		return err
	}
	return c.send(req)
}
`,
	// A page size over the limit, from a constant URL.
	`func (c *Client) ListJobs%[1]d(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", c.baseURL+"/unified/ats/jobs?page_size=%[2]d", nil)
	if err != nil {
		return err
	}
	return c.send(req)
}
`,
	// A candidate from a map literal, with a bad e-mail and a deprecated field.
	`func (c *Client) CreateCandidate%[1]d(ctx context.Context) error {
	body, _ := json.Marshal(map[string]any{
		"first_name":   "Ada",
		"last_name":    "Lovelace %[1]d",
		"email":        "ada-at-example.com",
		"phone_number": "+44 20 7946 0000",
	})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.stackone.com/unified/ats/candidates", bytes.NewReader(body))
	req.Header.Set("x-account-id", c.accountID)
	req.Header.Set("Content-Type", "application/json")
	_, err := c.http.Do(req)
	return err
}
`,
	// A passthrough request from a JSON string literal.
	`func (c *Client) Proxy%[1]d(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/unified/proxy",
		strings.NewReader(` + "`" + `{"url": "https://harvest.greenhouse.io/v1/candidates/%[1]d", "method": "get"}` + "`" + `))
	return c.send(req)
}
`,
}

// GoPackage returns the source of a Go package named pkg with n request
// sites (n methods of a StackOne client, cycling through the forms of
// goSites), for the analyzer benchmark.
func GoPackage(pkg string, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `// Package %s is a generated StackOne ATS client (atslint's analyzer benchmark).
package %s

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
)

type Client struct {
	baseURL, apiKey, accountID string
	http                       *http.Client
}

func New(accountID string) *Client {
	return &Client{baseURL: "https://api.stackone.com", apiKey: os.Getenv("STACKONE_API_KEY"), accountID: accountID, http: http.DefaultClient}
}

type NoteContent struct {
	Body string `+"`json:\"body\"`"+`
}

type Visibility struct {
	Value string `+"`json:\"value\"`"+`
}

type CreateNote struct {
	Content    []NoteContent `+"`json:\"content\"`"+`
	AuthorID   string        `+"`json:\"author_id,omitempty\"`"+`
	Visibility *Visibility   `+"`json:\"visibility,omitempty\"`"+`
}

type ApplicationNote struct {
	Content  []NoteContent `+"`json:\"content\"`"+`
	AutherID string        `+"`json:\"auther_id\"`"+`
}

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

var _ = strings.NewReader
`, pkg, pkg)
	for i := range n {
		b.WriteString("\n")
		fmt.Fprintf(&b, goSites[i%len(goSites)], i, 100+i)
	}
	return []byte(b.String())
}
