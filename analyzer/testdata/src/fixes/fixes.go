// Package fixes has findings whose fix is text the user wrote: a url's
// scheme and query keys, JSON keys and values in string literals and map
// literals, and a json struct tag. RunWithSuggestedFixes applies them and
// compares the result with fixes.go.golden.
package fixes

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

const notes = "https://api.stackone.com/unified/ats/candidates/c1/notes"

func urlLiteral() {
	req, _ := http.NewRequest("GET", "http://api.stackone.com/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z&page_size=500", nil) // want `url uses http://` `filter key "updated_at"` `page_size must be an integer from 1 to 100, got 500`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

func rawJSON() {
	req, _ := http.NewRequest("POST", notes, strings.NewReader(`{"content": [{"body": "Good call"}], "visibility": "public", "auther_id": "u1"}`)) // want `visibility: expected object \{"value": .*\}, got string` `unknown field "auther_id"`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

func quotedJSON() {
	req, _ := http.NewRequest("POST", notes, strings.NewReader("{\"content\": [{\"body\": \"Good call\"}], \"visibility\": \"public\"}")) // want `visibility: expected object \{"value": .*\}, got string`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

func mapBody() {
	data, _ := json.Marshal(map[string]any{
		"content":   []map[string]any{{"body": "Good call"}},
		"auther_id": "u1", // want `unknown field "auther_id"`
	})
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

type noteContent struct {
	Body string `json:"body"`
}

// note has a tag typo: the fix renames the JSON name in the tag.
type note struct {
	Content  []noteContent `json:"content"`
	AutherID string        `json:"auther_id,omitempty"`
}

func structBody() {
	data, _ := json.Marshal(note{
		Content:  []noteContent{{Body: "Good call"}},
		AutherID: "u1", // want `unknown field "auther_id"`
	})
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A body on a GET: removing it is Go code, not text in a literal, so there
// is no suggested fix.
func getWithBody() {
	req, _ := http.NewRequest("GET", "https://api.stackone.com/unified/ats/jobs", strings.NewReader(`{"a": 1}`)) // want `GET request has a body`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}
