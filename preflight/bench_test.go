package preflight

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/rules"
)

// Run-time benchmarks, one sub-benchmark per request of
// benchdata.LiveRequests (a small note, a list with filters, a 5 KB
// application): BenchmarkOverhead is what preflight adds to a request,
// BenchmarkLoopback a whole round trip through an httptest.Server for
// scale. kin-openapi's request validation on the same requests is in
// bench/peers.
//
//	go test ./preflight -run '^$' -bench . -benchmem

// liveRequest builds r as a Go program would, for a server at base.
func liveRequest(b testing.TB, base string, r benchdata.Live) *http.Request {
	var body io.Reader
	if r.Body != "" {
		body = strings.NewReader(r.Body)
	}
	req, err := http.NewRequest(r.Method, base+r.Path, body)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("x-account-id", r.Account)
	req.Header.Set("Authorization", "Basic c2tfbGl2ZV9iZW5jaG1hcms6")
	if r.Body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// nothing is a base transport that answers at once.
type nothing struct{}

func (nothing) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: req}, nil
}

func benchOptions(report func(*http.Request, []rules.Diagnostic)) Options {
	return Options{Accounts: benchdata.LiveAccounts, Block: rules.Error, Report: report}
}

func BenchmarkOverhead(b *testing.B) {
	for _, r := range benchdata.LiveRequests() {
		b.Run(r.Name, func(b *testing.B) {
			var got []rules.Diagnostic
			rt := New(nothing{}, benchOptions(func(_ *http.Request, ds []rules.Diagnostic) { got = append(got, ds...) }))
			// The body comes from GetBody, so one request serves every
			// iteration: only preflight's own work is measured.
			req := liveRequest(b, "https://api.stackone.com", r)
			if _, err := rt.RoundTrip(req); err != nil || len(got) > 0 {
				b.Fatalf("a good request: %v %+v", err, got)
			}
			b.ReportAllocs()
			cpu := benchdata.StartCPU()
			for b.Loop() {
				rt.RoundTrip(req)
			}
			cpu.Report(b)
		})
	}
}

func BenchmarkLoopback(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	for _, r := range benchdata.LiveRequests() {
		b.Run(r.Name, func(b *testing.B) {
			c := srv.Client()
			b.ReportAllocs()
			cpu := benchdata.StartCPU()
			for b.Loop() {
				resp, err := c.Do(liveRequest(b, srv.URL, r))
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			cpu.Report(b)
		})
	}
}
