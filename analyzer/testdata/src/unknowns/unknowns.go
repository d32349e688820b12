// Package unknowns builds requests from values the analyzer cannot see.
// Rules never report on unknowns: each request here is analysed (a
// deliberate query typo, reported, proves it), and nothing else fires.
package unknowns

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

const base = "https://api.stackone.com/unified/ats"

type Note struct {
	Content  []Content `json:"content"`
	AuthorID string    `json:"author_id"`
}

type Content struct {
	Body string `json:"body"`
}

// The body is built from a parameter: no body diagnostics (no empty-note,
// no body-schema), though the same request's URL is checked.
func bodyFromParameter(note Note) {
	data, _ := json.Marshal(note)
	req, _ := http.NewRequest("POST", base+"/candidates/c1/notes?expnd=x", bytes.NewReader(data)) // want `query parameter "expnd"`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A body reader from a parameter.
func readerFromParameter(body io.Reader) {
	req, _ := http.NewRequest("POST", base+"/candidates/c1/notes?expnd=x", body) // want `query parameter "expnd"`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// Field values from parameters are unknown; the fields themselves are not.
func fieldsFromParameters(text, author string) {
	data, _ := json.Marshal(Note{Content: []Content{{Body: text}}, AuthorID: author})
	req, _ := http.NewRequest("POST", base+"/candidates/c1/notes?expnd=x", bytes.NewReader(data)) // want `query parameter "expnd"`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A map body from a parameter, and a map with a key the analyzer cannot see.
func maps(body map[string]any, key string) {
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", base+"/candidates/c1/notes?expnd=x", bytes.NewReader(data)) // want `query parameter "expnd"`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)

	data2, _ := json.Marshal(map[string]any{key: "u1", "content": nil})
	req2, _ := http.NewRequest("POST", base+"/candidates/c1/notes?expnd=x", bytes.NewReader(data2)) // want `query parameter "expnd"`
	req2.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req2)
}

func fill(n *Note) { n.Content = []Content{{Body: "filled"}} }

// A variable passed by pointer, or assigned twice, is unknown.
func mutated(again bool) {
	var n Note
	fill(&n)
	data, _ := json.Marshal(n)
	req, _ := http.NewRequest("POST", base+"/candidates/c1/notes?expnd=x", bytes.NewReader(data)) // want `query parameter "expnd"`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)

	m := Note{}
	if again {
		m = Note{Content: []Content{{Body: "second"}}}
	}
	data2, _ := json.Marshal(m)
	req2, _ := http.NewRequest("POST", base+"/candidates/c1/notes?expnd=x", bytes.NewReader(data2)) // want `query parameter "expnd"`
	req2.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req2)
}

// A type that encodes itself.
type Stamp struct{ t time.Time }

func (s Stamp) MarshalJSON() ([]byte, error) { return json.Marshal(s.t) }

func marshaler() {
	data, _ := json.Marshal(map[string]any{"content": []Content{{Body: "x"}}, "visibility": Stamp{}})
	req, _ := http.NewRequest("POST", base+"/candidates/c1/notes?expnd=x", bytes.NewReader(data)) // want `query parameter "expnd"`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// Headers from a parameter may hold x-account-id.
func headersFromParameter(h http.Header) {
	req, _ := http.NewRequest("GET", base+"/jobs?expnd=x", nil) // want `query parameter "expnd"`
	req.Header = h
	http.DefaultClient.Do(req)
}

// A header whose name the analyzer cannot see may be x-account-id.
func headerName(name, value string) {
	req, _ := http.NewRequest("GET", base+"/jobs?expnd=x", nil) // want `query parameter "expnd"`
	req.Header.Set(name, value)
	http.DefaultClient.Do(req)
}

// A request handed to another function may get its headers there.
func handedOn(do func(*http.Request) error) error {
	req, _ := http.NewRequest("GET", base+"/jobs?expnd=x", nil) // want `query parameter "expnd"`
	return do(req)
}

// A request returned to the caller, too.
func returned() (*http.Request, error) {
	req, err := http.NewRequest("GET", base+"/jobs?expnd=x", nil) // want `query parameter "expnd"`
	return req, err
}

// An unknown resource: POST /unified/ats/<x> fits many operations, so the
// body is not judged against any of them.
func unknownResource(resource string) {
	req, _ := http.NewRequest("POST", base+"/"+resource, strings.NewReader(`{"title": "Engineer"}`))
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A path from a parameter, and base + path both unknown: the analyzer
// cannot even tell these are StackOne requests.
func unknownPath(baseURL, path string) {
	req, _ := http.NewRequest("DELETE", baseURL+path, strings.NewReader(`{"x": 1}`))
	http.DefaultClient.Do(req)
	req2, _ := http.NewRequest("GET", fmt.Sprintf("%s%s", baseURL, path), nil)
	http.DefaultClient.Do(req2)
}

// A path glued to an unknown string may have any number of segments.
func gluedPath(rest string) {
	req, _ := http.NewRequest("GET", base+"/candidate"+rest, nil)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A JSON template with an unknown key.
func templateKey(key string) {
	body := fmt.Sprintf(`{"content": [{"body": "x"}], "%s": "u1"}`, key)
	req, _ := http.NewRequest("POST", base+"/candidates/c1/notes?expnd=x", strings.NewReader(body)) // want `query parameter "expnd"`
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// A query string from a parameter: parameters unknown, none judged.
func queryFromParameter(raw string) {
	req, _ := http.NewRequest("GET", base+"/jobs?"+raw, nil)
	req.Header.Set("x-account-id", "acc_1")
	http.DefaultClient.Do(req)
}

// An Authorization header built from an environment variable.
func credentialFromEnv(key string) {
	req, _ := http.NewRequest("GET", base+"/jobs?expnd=x", nil) // want `query parameter "expnd"`
	req.Header.Set("x-account-id", "acc_1")
	req.Header.Set("Authorization", "Bearer "+key)
	req.SetBasicAuth(key, "")
	http.DefaultClient.Do(req)
}

// Headers set in a branch still count (no missing-account-id); with a
// method the analyzer cannot see, no operation is matched, so the query is
// not checked either.
func method(m string, withAccount bool) {
	req, _ := http.NewRequest(m, base+"/jobs/j1?expnd=x", nil)
	if withAccount {
		req.Header.Set("x-account-id", "acc_1")
	}
	http.DefaultClient.Do(req)
}

// Requests to other APIs are not StackOne's business: no insecure-url, no
// unexpected-body.
func otherAPIs() {
	http.Get("http://localhost:8080/healthz")
	req, _ := http.NewRequest("DELETE", "https://api.example.com/v1/things/1", strings.NewReader(`{"reason": "x"}`))
	http.DefaultClient.Do(req)
}
