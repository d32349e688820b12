// Package preflighttest checks the StackOne requests an integration test
// sends: its transport fails the test on each diagnostic at or above a
// severity, and sends every request on, so the test sees what the real
// program would.
//
//	srv := httptest.NewServer(fakeStackOne)
//	client := &http.Client{Transport: preflighttest.Transport(t, srv.Client().Transport, rules.Warning,
//		preflight.Options{BaseURL: srv.URL, Accounts: map[string]string{"acc_1": "bullhorn"}})}
package preflighttest

import (
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/atslint/atslint/preflight"
	"github.com/atslint/atslint/rules"
)

// TB is the part of testing.TB the transport uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// Transport returns a transport that checks each StackOne request as
// preflight.New does and reports each diagnostic at or above min with
// t.Errorf: the rule, its severity, provider and operation, where in the
// request (a JSON Pointer) and the message. Diagnostics below min are
// ignored. opts.Report and opts.Block are replaced: a test wants every
// request sent and every finding named. base nil means
// http.DefaultTransport.
func Transport(t TB, base http.RoundTripper, min rules.Severity, opts preflight.Options) http.RoundTripper {
	var mu sync.Mutex // t.Errorf is safe, but one request's lines stay together
	opts.Block = rules.Off
	opts.Report = func(req *http.Request, ds []rules.Diagnostic) {
		mu.Lock()
		defer mu.Unlock()
		t.Helper()
		for _, d := range ds {
			if d.Severity >= min && min != rules.Off {
				t.Errorf("%s", Describe(req, d))
			}
		}
	}
	if err := opts.Validate(); err != nil {
		t.Errorf("preflighttest: %v", err)
	}
	return preflight.New(base, opts)
}

// Describe writes a diagnostic as the transport reports it:
// "POST ats_create_candidate_note: bullhorn/note-missing-author (warning,
// bullhorn) at /body: message". It names the request by its method and
// operation, never by values from it.
func Describe(req *http.Request, d rules.Diagnostic) string {
	var b strings.Builder
	op := d.Operation
	if op == "" {
		op = "(no operation)"
	}
	fmt.Fprintf(&b, "%s %s: %s (%s", req.Method, op, d.Rule, d.Severity)
	if d.Provider != "" {
		b.WriteString(", " + d.Provider)
	}
	b.WriteString(")")
	if d.Pointer != "" {
		b.WriteString(" at " + d.Pointer)
	}
	b.WriteString(": " + d.Message)
	return b.String()
}
