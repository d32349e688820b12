package preflight_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/atslint/atslint/preflight"
	"github.com/atslint/atslint/rules"
)

// One line in a client constructor checks every StackOne request the
// client sends. Here a test server stands in for StackOne (BaseURL); in a
// program, leave BaseURL out and the client talks to api.stackone.com.
func Example() {
	stackOne := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusCreated)
	}))
	defer stackOne.Close()

	client := &http.Client{Transport: preflight.New(stackOne.Client().Transport, preflight.Options{
		BaseURL:  stackOne.URL,
		Accounts: map[string]string{"acc_9f2": "bullhorn"}, // x-account-id → provider
		Block:    rules.Error,                              // stop requests with an error; send the rest
		Report: func(req *http.Request, ds []rules.Diagnostic) {
			for _, d := range ds {
				fmt.Printf("reported: %s %s (%s)\n", d.Rule, d.Pointer, d.Severity)
			}
		},
	})}

	send := func(method, path, body string) {
		req, _ := http.NewRequest(method, stackOne.URL+path, strings.NewReader(body))
		req.Header.Set("x-account-id", "acc_9f2")
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		var blocked *preflight.Error
		switch {
		case errors.As(err, &blocked):
			fmt.Println("blocked by", blocked.Diagnostics[0].Rule)
		case err != nil:
			fmt.Println(err)
		default:
			resp.Body.Close()
			fmt.Println("sent:", resp.Status)
		}
	}

	// A Bullhorn note without author_id: Bullhorn would file it under the
	// API user. A warning: reported, and sent.
	send("POST", "/unified/ats/candidates/cand_7/notes", `{"content": [{"body": "Strong systems design round"}]}`)
	// No such operation: an error, so the request never leaves.
	send("POST", "/unified/ats/candidatez", `{"first_name": "Ada"}`)
	// Output:
	// reported: bullhorn/note-missing-author /body (warning)
	// sent: 201 Created
	// reported: stackone/unknown-operation /url (error)
	// blocked by stackone/unknown-operation
}
