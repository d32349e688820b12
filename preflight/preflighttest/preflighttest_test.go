package preflighttest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/preflight"
	"github.com/atslint/atslint/rules"
)

// recordingT keeps what the transport reports instead of failing.
type recordingT struct{ errors []string }

func (r *recordingT) Helper() {}
func (r *recordingT) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestTransportFailsTheTestAndSendsTheRequest(t *testing.T) {
	var got atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		got.Add(1)
	}))
	defer srv.Close()
	rt := &recordingT{}
	c := &http.Client{Transport: Transport(rt, srv.Client().Transport, rules.Warning,
		preflight.Options{BaseURL: srv.URL, Accounts: map[string]string{"acc_1": "bullhorn"}, Block: rules.Info})}
	send := func(method, path, body string) {
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("x-account-id", "acc_1")
		req.Header.Set("Content-Type", "application/json")
		resp, err := c.Do(req)
		require.NoError(t, err, "preflighttest blocks nothing")
		resp.Body.Close()
	}
	send("POST", "/unified/ats/candidates/c1/notes", `{"content": [{"body": "Ada Lovelace called"}]}`)
	send("POST", "/unified/ats/candidates/c1/notes", `{"content": [{"body": "x"}], "author_id": "u1"}`)
	send("GET", "/unified/ats/jobs", ``) // nothing at warning or above
	assert.Equal(t, int32(3), got.Load())
	assert.Equal(t, []string{
		"POST ats_create_candidate_note: bullhorn/note-missing-author (warning, bullhorn) at /body: " +
			"note has no author_id, so Bullhorn silently attributes it to the API user; set author_id to the Bullhorn user who wrote it",
	}, rt.errors)
}

func TestTransportReportsInvalidOptions(t *testing.T) {
	rt := &recordingT{}
	Transport(rt, nil, rules.Error, preflight.Options{Provider: "bullhorm"})
	require.Len(t, rt.errors, 1)
	assert.Contains(t, rt.errors[0], `preflighttest: unknown provider "bullhorm"`)
}
