// Package peers measures atslint's run-time check (preflight) beside a
// peer that also checks requests at run time: kin-openapi's
// openapi3filter.ValidateRequest against StackOne's OpenAPI document. It
// is a module of its own so that kin-openapi never becomes a dependency of
// atslint.
//
//	cd bench/peers && go test -run '^$' -bench . -benchmem
//
// The spec is read from $ATSLINT_OPENAPI, else from shared/stackone/
// ats-openapi.json beside the repository; without it the benchmark skips.
package peers

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/preflight"
	"github.com/atslint/atslint/rules"
)

func specPath(tb testing.TB) string {
	if p := os.Getenv("ATSLINT_OPENAPI"); p != "" {
		return p
	}
	// The shared folder is beside the repository (or beside the folder of
	// its worktrees).
	dir := filepath.Join("..", "..")
	for range 3 {
		p := filepath.Join(dir, "..", "shared", "stackone", "ats-openapi.json")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		dir = filepath.Join(dir, "..")
	}
	tb.Skip("no StackOne OpenAPI document beside the repository; set ATSLINT_OPENAPI")
	return ""
}

// kinRouter loads the spec as kin-openapi reads it best. StackOne's
// document says 3.1 but is written in 3.0 style; read as 3.1, kin-openapi
// rejects valid null fields and compiles a validator on every check, which
// would make the comparison meaningless.
func kinRouter(tb testing.TB) routers.Router {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(specPath(tb))
	if err != nil {
		tb.Fatal(err)
	}
	doc.OpenAPI = "3.0.3"
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		tb.Fatal(err)
	}
	return router
}

var kinOptions = &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}

// kinValidate is what an openapi3filter middleware does per request.
func kinValidate(router routers.Router, req *http.Request) error {
	route, params, err := router.FindRoute(req)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route, Options: kinOptions,
	})
}

// nothing is a base transport that answers at once.
type nothing struct{}

func (nothing) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: req}, nil
}

// BenchmarkRequest runs, per request, atslint's preflight overhead,
// kin-openapi's route finding and validation, and a loopback round trip
// through an httptest.Server, one after the other in one process, so
// that their ratios hold even on a busy machine.
func BenchmarkRequest(b *testing.B) {
	router := kinRouter(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	for _, r := range benchdata.LiveRequests() {
		b.Run(r.Name+"/atslint", func(b *testing.B) {
			var got []rules.Diagnostic
			rt := preflight.New(nothing{}, preflight.Options{Accounts: benchdata.LiveAccounts, Block: rules.Error,
				Report: func(_ *http.Request, ds []rules.Diagnostic) { got = append(got, ds...) }})
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
		b.Run(r.Name+"/kin-openapi", func(b *testing.B) {
			req := r.HTTPRequest(b, "https://api.stackone.com")
			body := []byte(r.Body)
			reset := func() {
				if len(body) > 0 {
					req.Body = io.NopCloser(bytes.NewReader(body))
				}
			}
			reset()
			if err := kinValidate(router, req); err != nil {
				b.Fatalf("kin-openapi rejects a good request: %v", err)
			}
			b.ReportAllocs()
			cpu := benchdata.StartCPU()
			for b.Loop() {
				reset()
				kinValidate(router, req)
			}
			cpu.Report(b)
		})
		b.Run(r.Name+"/loopback", func(b *testing.B) { benchdata.RoundTrips(b, srv.Client(), srv.URL, r) })
	}
}
