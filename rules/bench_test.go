package rules_test

import (
	"testing"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

// BenchmarkCheckRequest runs the per-request rules (Engine.CheckRequest)
// over one of each request of the array benchmark (source's
// BenchmarkArray10k): notes, candidates, applications, offers, jobs, the
// proxy and list calls, with the diagnostics that file has. Reading the
// requests is outside the loop, so this is the rules engine and body
// validation alone.
func BenchmarkCheckRequest(b *testing.B) {
	doc, err := request.ReadDocument(benchdata.Array(10), request.Options{})
	if err != nil || len(doc.Requests) != 10 {
		b.Fatalf("%v, %d requests", err, len(doc.Requests))
	}
	e := rules.New(rules.Options{})
	diags := 0
	for _, r := range doc.Requests {
		ds, _ := e.CheckRequest(r)
		diags += len(ds)
	}
	if diags == 0 {
		b.Fatal("no diagnostics")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range doc.Requests {
			e.CheckRequest(r)
		}
	}
}
