// Package positions pins the exact source range of each kind of part;
// TestPositions checks columns, the want comments lines.
package positions

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

const notes = "https://api.stackone.com/unified/ats/candidates/{id}/notes" // want `placeholder-id`

type Note struct {
	Content  []string `json:"content"`
	AutherID string   `json:"auther_id"`
}

func Positions() {
	data, _ := json.Marshal(Note{AutherID: "u1"}) // want `unknown-field` `empty-note`
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	req.Header.Set("X-Api-Key", "sk_live_abcdef") // want `hardcoded-credential`
	http.DefaultClient.Do(req)

	req2, _ := http.NewRequest("POST", "https://api.stackone.com/unified/ats/applications/a1/notes",
		strings.NewReader(`{"content": [{"body": "x"}], "visibilty": {"value": "private"}}`)) // want `unknown-field`
	req2.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req2)

	q := "pagesize"                                                   // want `unknown-query-param`
	http.Get("https://api.stackone.com/unified/ats/jobs?" + q + "=5") // want `missing-account-id`
}
