// Package notes writes candidate notes through StackOne with a misspelt
// struct tag: StackOne drops auther_id without an error.
package notes

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
)

type Content struct {
	Body string `json:"body"`
}

type Note struct {
	Content  []Content `json:"content"`
	AutherID string    `json:"auther_id"`
}

type Client struct {
	BaseURL   string
	AccountID string
	HTTP      *http.Client
}

func (c *Client) AddNote(ctx context.Context, candidateID, authorID, text string) error {
	data, err := json.Marshal(Note{
		Content:  []Content{{Body: text}},
		AutherID: authorID,
	})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", c.BaseURL+"/unified/ats/candidates/"+candidateID+"/notes", bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.SetBasicAuth(os.Getenv("STACKONE_API_KEY"), "")
	req.Header.Set("x-account-id", c.AccountID)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
