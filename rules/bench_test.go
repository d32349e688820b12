package rules

import (
	"testing"

	"github.com/atslint/atslint/internal/benchdata"
)

// benchCheck checks data once per iteration with every rule on and
// reports requests per second.
func benchCheck(b *testing.B, data []byte, wantDiags int) {
	e := New(Options{})
	if res := e.CheckBytes(data, Limits{}); len(res.Diagnostics) != wantDiags {
		b.Fatalf("got %d diagnostics, want %d: %+v", len(res.Diagnostics), wantDiags, res.Diagnostics)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		e.CheckBytes(data, Limits{})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}

// BenchmarkCheckSmallNote is one small note request, from bytes to
// diagnostics.
func BenchmarkCheckSmallNote(b *testing.B) {
	benchCheck(b, []byte(benchdata.SmallNote), 0)
}

// BenchmarkCheckLargeApplication is a 25 KiB create-application request
// with a new candidate, questionnaires and documents.
func BenchmarkCheckLargeApplication(b *testing.B) {
	benchCheck(b, benchdata.LargeApplication(), 3)
}

// BenchmarkCheckCorpusDocuments checks the documents of the folder
// benchmark in memory (no file system), one per iteration.
func BenchmarkCheckCorpusDocuments(b *testing.B) {
	docs := make([][]byte, 1000)
	for i := range docs {
		docs[i] = benchdata.Document(i)
	}
	e := New(Options{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.CheckBytes(docs[i%len(docs)], Limits{})
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}
