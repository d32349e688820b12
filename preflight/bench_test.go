package preflight

import (
	"io"
	"net/http"
	"net/http/httptest"
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
			req := r.HTTPRequest(b, "https://api.stackone.com")
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
		b.Run(r.Name, func(b *testing.B) { benchdata.RoundTrips(b, srv.Client(), srv.URL, r) })
	}
}
