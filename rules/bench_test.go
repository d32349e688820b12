package rules

import (
	"strings"
	"testing"
)

// benchDoc is every rule's bad example in one array document (input rules
// aside, whose examples are not valid requests): some 65 requests of many
// operations, passthrough requests included.
func benchDoc() []byte {
	var parts []string
	for _, r := range All() {
		if r.RuleSet() != "input" && strings.HasPrefix(strings.TrimSpace(r.Doc.Bad), "{") {
			parts = append(parts, r.Doc.Bad)
		}
	}
	return []byte("[" + strings.Join(parts, ",\n") + "]")
}

// BenchmarkCheckNoProvider checks the document with provider-independent
// rules only; BenchmarkCheckAllProviders against every known provider, the
// worst case of a config providers list.
func BenchmarkCheckNoProvider(b *testing.B) { benchCheck(b, Options{}) }

func BenchmarkCheckAllProviders(b *testing.B) {
	benchCheck(b, Options{Providers: KnownProviders()})
}

func benchCheck(b *testing.B, opts Options) {
	doc := benchDoc()
	e := New(opts)
	if res := e.CheckBytes(doc, Limits{}); res.Requests < 60 {
		b.Fatalf("benchmark document has %d requests", res.Requests)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		e.CheckBytes(doc, Limits{})
	}
}
