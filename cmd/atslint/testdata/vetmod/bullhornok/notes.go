//atslint:provider bullhorn

// Package bullhornok writes notes to a Bullhorn account through StackOne
// and names the author: atslint is silent.
package bullhornok

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
	AuthorID string    `json:"author_id,omitempty"`
}

func AddNote(ctx context.Context, accountID, candidateID, authorID, text string) error {
	data, err := json.Marshal(Note{Content: []Content{{Body: text}}, AuthorID: authorID})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", "https://api.stackone.com/unified/ats/candidates/"+candidateID+"/notes", bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.SetBasicAuth(os.Getenv("STACKONE_API_KEY"), "")
	req.Header.Set("x-account-id", accountID)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
