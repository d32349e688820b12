// Package bodies builds request bodies in every form the analyzer follows.
package bodies

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

const notes = "https://api.stackone.com/unified/ats/candidates/c1/notes"

func send(method, u string, body *bytes.Reader) {
	// body is a parameter here: this request is not checked for its body.
	req, _ := http.NewRequest(method, u, body)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

type Content struct {
	Body string `json:"body"`
}

type Value struct {
	Value string `json:"value"`
}

// Common is embedded: its fields are promoted into the note.
type Common struct {
	AuthorID string `json:"author_id,omitempty"`
	Remote   string `json:"remote_id,omitempty"` // not a note field, but empty: omitted
}

type Note struct {
	Common
	Content    []Content `json:"content"`
	Visibility *Value    `json:"visibility,omitempty"`
	Internal   string    `json:"-"`
	lower      string
}

// Embedded, omitempty, "-" and unexported fields: a clean note.
func embedded() {
	data, _ := json.Marshal(Note{
		Common:     Common{AuthorID: "u1"},
		Content:    []Content{{Body: "Strong systems design round"}},
		Visibility: &Value{Value: "private"},
		Internal:   "not sent",
		lower:      "not sent",
	})
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A promoted field with a value: remote_id is not a note field.
func promoted() {
	data, _ := json.Marshal(Note{
		Common:  Common{Remote: "r1"}, // want `warning: unknown field "remote_id"; StackOne drops it silently \[stackone/unknown-field\]`
		Content: []Content{{Body: "x"}},
	})
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A pointer to an enum value outside its list.
func badEnum() {
	data, _ := json.Marshal(&Note{
		Content:    []Content{{Body: "x"}},
		Visibility: &Value{Value: "everyone"}, // want `error: visibility/value: .* \[stackone/body-schema\]`
	})
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// Content without omitempty and not set encodes as null.
func nullContent() {
	data, _ := json.Marshal(Note{Common: Common{AuthorID: "u1"}}) // want `error: note content is null; send "content": \[\{"body": …\}\] \[stackone/empty-note\]`
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A map literal, nested.
func mapLiteral() {
	data, _ := json.Marshal(map[string]any{
		"content":    []map[string]any{{"body": "  "}}, // want `error: note content has only blank bodies \[stackone/empty-note\]`
		"visibility": map[string]string{"value": "private"},
	})
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// JSON in a string literal, read by strings.NewReader: the position is
// the key inside the literal.
func stringLiteral() {
	req, _ := http.NewRequest("POST", notes, strings.NewReader(`{"content": [{"body": "Good call"}], "auther_id": "u1"}`)) // want `warning: unknown field "auther_id"; StackOne drops it silently; did you mean "author_id"\? \[stackone/unknown-field\]`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// bytes.NewBufferString with an interpreted string literal full of escapes.
func bufferString() {
	req, _ := http.NewRequest("POST", notes, bytes.NewBufferString("{\"content\": [{\"body\": \"ok\"}], \"visibility\": \"public\"}")) // want `error: visibility: .* \[stackone/body-schema\]`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// bytes.NewReader([]byte(...)).
func byteConversion() {
	body := []byte(`{"first_name": "Ada", "phone_number": "+44 20 7946 0000"}`) // want `warning: field "phone_number" is deprecated; use "phone_numbers" \[stackone/deprecated-field\]`
	req, _ := http.NewRequest("POST", "https://api.stackone.com/unified/ats/candidates", bytes.NewReader(body))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

type Application struct {
	JobID       string     `json:"job_id"`
	CandidateID string     `json:"candidate_id,omitempty"`
	Candidate   *Candidate `json:"candidate,omitempty"`
}

type Candidate struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

// json.NewEncoder(&buf).Encode of a value with both ways to name the
// candidate. (A candidate id from a parameter would be unknown, and with
// omitempty maybe absent: only a visible one makes both.)
func encoder(jobID string) {
	var buf bytes.Buffer
	json.NewEncoder(&buf).Encode(Application{
		JobID:       jobID,
		CandidateID: "c1",
		Candidate:   &Candidate{FirstName: "Ada", LastName: "Lovelace"}, // want `error: application has both candidate_id and candidate; send one of them \[stackone/application-candidate\]`
	})
	req, _ := http.NewRequest("POST", "https://api.stackone.com/unified/ats/applications", &buf)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A local encoder over a new buffer; neither way to name the candidate.
func localEncoder(jobID string) {
	buf := new(bytes.Buffer)
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	enc.Encode(Application{JobID: jobID}) // want `error: application has neither candidate_id nor candidate; send one of them \[stackone/application-candidate\]`
	req, _ := http.NewRequest("POST", "https://api.stackone.com/unified/ats/applications", buf)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A local variable updated after its definition: unconditional updates
// are followed, conditional ones make the field unknown.
func updates(authorID string, public bool) {
	n := Note{Content: []Content{{Body: "x"}}}
	n.Visibility = &Value{Value: "secret"} // want `error: visibility/value: .* \[stackone/body-schema\]`
	if public {
		n.AuthorID = authorID
	}
	data, _ := json.Marshal(n)
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// Map index writes.
func mapWrites(id string) {
	m := map[string]any{"content": []Content{{Body: "x"}}}
	m["author"] = id // want `warning: unknown field "author"; StackOne drops it silently; did you mean "author_id"\? \[stackone/unknown-field\]`
	data, _ := json.Marshal(m)
	req, _ := http.NewRequest("POST", notes, bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A JSON template: %q is an unknown string, the rest is checked.
func template(text string) {
	body := fmt.Sprintf(`{"content": [{"body": %q}], "visibilty": {"value": "private"}}`, text) // want `warning: unknown field "visibilty"; StackOne drops it silently; did you mean "visibility"\? \[stackone/unknown-field\]`
	req, _ := http.NewRequest("POST", notes, strings.NewReader(body))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// ",string" encodes a number as a string.
type Job struct {
	Title     string `json:"title"`
	Confident int    `json:"confidential,string"`
}

func stringOption() {
	data, _ := json.Marshal(Job{Title: "Engineer", Confident: 1}) // want `error: confidential: .* \[stackone/body-schema\]`
	req, _ := http.NewRequest("POST", "https://api.stackone.com/unified/ats/jobs", bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A body on a GET, and no body on a write.
func methods() {
	req, _ := http.NewRequest("GET", "https://api.stackone.com/unified/ats/jobs", strings.NewReader(`{"filter": {"status": "open"}}`)) // want `warning: GET request has a body, which the API ignores \[stackone/unexpected-body\]`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)

	req2, _ := http.NewRequest("POST", notes, nil) // want `error: ats_create_candidate_note requires a JSON body \(AtsCreateNotesRequestDto\) \[stackone/missing-body\]`
	req2.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req2)
}

// A body string in a local variable; strings.NewReader(string(data)).
func localString(data []byte) {
	payload := `{"content": [{"body": "x"}], "visibility": "private"}` // want `error: visibility: .* \[stackone/body-schema\]`
	req, _ := http.NewRequest("POST", notes, strings.NewReader(payload))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)

	enc, _ := json.Marshal(Note{Content: []Content{{Body: "x"}}, Visibility: &Value{Value: "team"}}) // want `error: visibility/value: .* \[stackone/body-schema\]`
	req2, _ := http.NewRequest("POST", notes, strings.NewReader(string(enc)))
	req2.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req2)
}
