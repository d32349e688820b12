package preflight

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/atslint/atslint/rules"
)

// keeper is a base transport that reads and keeps each body it is handed.
type keeper struct{ bodies [][]byte }

func (k *keeper) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	k.bodies = append(k.bodies, b)
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: req}, nil
}

// Whatever the request, RoundTrip neither panics nor changes what is
// sent: the base transport gets the caller's bytes, or nothing when the
// request is blocked.
func FuzzRoundTrip(f *testing.F) {
	f.Add("POST", "/unified/ats/candidates/c1/notes?x=1", "application/json", []byte(noteWithoutAuthor), true)
	f.Add("GET", "/unified/ats/jobs?filter[updated_after]=x&page_size=500", "", []byte(nil), false)
	f.Add("PATCH", "/unified/ats/candidatez/%2F", "text/plain", []byte(`{"a":`), true)
	f.Add("post", "/unified/proxy", "application/vnd.api+json", []byte(`{"url": "http://x", "method": "GET", "headers": {"Authorization": "k"}}`), false)
	f.Fuzz(func(t *testing.T, method, path, contentType string, body []byte, getBody bool) {
		req, err := http.NewRequest(method, "https://api.stackone.com"+path, nil)
		if err != nil {
			return // not a request net/http would build
		}
		if body != nil {
			req.Body = io.NopCloser(bytes.NewReader(body))
			if getBody {
				req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
			}
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		req.Header.Set("x-account-id", "acc_1")
		base := &keeper{}
		rt := New(base, Options{Providers: rules.KnownProviders(), Block: rules.Error, Report: func(*http.Request, []rules.Diagnostic) {}, MaxBody: 64})
		_, err = rt.RoundTrip(req)
		switch {
		case err != nil:
			if len(base.bodies) != 0 {
				t.Fatalf("blocked (%v) but sent", err)
			}
		case len(base.bodies) != 1:
			t.Fatalf("sent %d times", len(base.bodies))
		case body != nil && !bytes.Equal(base.bodies[0], body):
			t.Fatalf("sent %q, built %q", base.bodies[0], body)
		}
	})
}
