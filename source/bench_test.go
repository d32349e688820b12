package source_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source"
)

// benchDoc is every rule's bad example in one array document (input rules
// aside, whose examples are not valid requests): some 65 requests of many
// operations, passthrough requests included.
func benchDoc() []byte {
	var parts []string
	for _, r := range rules.All() {
		if r.RuleSet() != "input" && strings.HasPrefix(strings.TrimSpace(r.Doc.Bad), "{") {
			parts = append(parts, r.Doc.Bad)
		}
	}
	return []byte("[" + strings.Join(parts, ",\n") + "]")
}

// BenchmarkCheckNoProvider checks the document with provider-independent
// rules only; BenchmarkCheckAllProviders against every known provider, the
// worst case of a config providers list.
func BenchmarkCheckNoProvider(b *testing.B) { benchCheck(b, rules.Options{}) }

func BenchmarkCheckAllProviders(b *testing.B) {
	benchCheck(b, rules.Options{Providers: rules.KnownProviders()})
}

func benchCheck(b *testing.B, opts rules.Options) {
	doc := benchDoc()
	e := rules.New(opts)
	if res := source.CheckBytes(e, "bench.json", doc, source.Limits{}); res.Requests < 60 {
		b.Fatalf("benchmark document has %d requests", res.Requests)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		source.CheckBytes(e, "bench.json", doc, source.Limits{})
	}
}

// benchCheckBytes checks data once per iteration with every rule on and
// reports requests per second.
func benchCheckBytes(b *testing.B, data []byte, wantDiags int) {
	e := rules.New(rules.Options{})
	if res := source.CheckBytes(e, "bench.json", data, source.Limits{}); len(res.Diagnostics) != wantDiags {
		b.Fatalf("got %d diagnostics, want %d: %+v", len(res.Diagnostics), wantDiags, res.Diagnostics)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		source.CheckBytes(e, "bench.json", data, source.Limits{})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}

// BenchmarkCheckSmallNote is one small note request, from bytes to
// diagnostics.
func BenchmarkCheckSmallNote(b *testing.B) {
	benchCheckBytes(b, []byte(benchdata.SmallNote), 0)
}

// BenchmarkCheckLargeApplication is a 25 KiB create-application request
// with a new candidate, questionnaires and documents.
func BenchmarkCheckLargeApplication(b *testing.B) {
	benchCheckBytes(b, benchdata.LargeApplication(), 3)
}

// BenchmarkCheckCorpusDocuments checks the documents of the folder
// benchmark in memory (no file system), one per iteration.
func BenchmarkCheckCorpusDocuments(b *testing.B) {
	docs := make([][]byte, 1000)
	for i := range docs {
		docs[i] = benchdata.Document(i)
	}
	e := rules.New(rules.Options{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		source.CheckBytes(e, "bench.json", docs[i%len(docs)], source.Limits{})
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}

// BenchmarkArray10k is one file of 10,000 requests (the folder
// benchmark's documents as one array, 3.1 MB, some 12,700 diagnostics):
// /tokenize only reads every token with jsontext, the floor of any
// reader; /unmarshal-any is the floor of any reader that builds a tree
// (the library's own Unmarshal into maps and slices); /check is bytes to sorted diagnostics with every rule, on one
// worker and on two (rules.Options.Jobs); /stream is the same from a
// reader (CheckArrayStream, as check reads an array file over 1 MiB). The
// ratio check/tokenize is the reader's and engine's overhead, measured in
// one run.
func BenchmarkArray10k(b *testing.B) {
	data := benchdata.Array(10_000)
	b.Run("tokenize", func(b *testing.B) { benchdata.Tokenize(b, data) })
	b.Run("unmarshal-any", func(b *testing.B) { benchdata.UnmarshalAny(b, data) })
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("check-j%d", jobs), func(b *testing.B) {
			e := rules.New(rules.Options{Jobs: jobs})
			if res := source.CheckBytes(e, "array.json", data, source.Limits{}); res.Requests != 10_000 {
				b.Fatalf("%d requests", res.Requests)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				source.CheckBytes(e, "array.json", data, source.Limits{})
			}
			b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "requests/s")
		})
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("stream-j%d", jobs), func(b *testing.B) {
			e := rules.New(rules.Options{Jobs: jobs})
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if res, complete, err := source.CheckArrayStream(e, bytes.NewReader(data), source.Limits{}); !complete || err != nil || res.Requests != 10_000 {
					b.Fatal(complete, err, res.Requests)
				}
			}
			b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "requests/s")
		})
	}
}
