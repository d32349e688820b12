package request

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/atslint/atslint/internal/benchdata"
)

// smallRequest is a typical request document: a Bullhorn candidate note.
const smallRequest = `{
  "provider": "bullhorn",
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/candidates/12345/notes",
  "headers": { "x-account-id": "acc_9f2", "Content-Type": "application/json" },
  "query": { "filter": { "updated_after": "2024-01-01T00:00:00Z" }, "page_size": 50 },
  "body": { "content": [ { "body": "Strong systems design round" } ], "visibility": { "value": "private" } }
}
`

// largeDocument builds an array of request documents of about size bytes.
func largeDocument(size int) []byte {
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `  {
    "provider": "workable",
    "method": "POST",
    "url": "https://api.stackone.com/unified/ats/candidates?page_size=%d&filter[updated_after]=2024-01-0%dT00:00:00Z",
    "headers": {"x-account-id": "acc_%d", "Content-Type": "application/json"},
    "body": {"first_name": "Ada", "last_name": "Lovelace \u00e9", "emails": [{"type": "personal", "value": "ada%d@example.com"}],
             "application": {"job_id": "job_%d", "stage": null, "score": %d.5, "tags": ["a", "b", "c"], "active": true}}
  }`, i%100+1, i%9+1, i, i, i, i)
	}
	b.WriteString("\n]\n")
	return []byte(b.String())
}

func BenchmarkParseSmall(b *testing.B) {
	data := []byte(smallRequest)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadDocumentSmall(b *testing.B) {
	data := []byte(smallRequest)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := ReadDocument(data, Options{})
		if err != nil || len(doc.Requests) != 1 {
			b.Fatal(err, doc.Problems)
		}
	}
}

func BenchmarkParseLarge(b *testing.B) {
	data := largeDocument(1 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadDocumentLarge(b *testing.B) {
	data := largeDocument(1 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := ReadDocument(data, Options{})
		if err != nil || len(doc.Problems) != 0 {
			b.Fatal(err, doc.Problems)
		}
	}
}

func BenchmarkParseDepthBomb(b *testing.B) {
	data := []byte(strings.Repeat("[", 10_000_000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, Options{}); err == nil {
			b.Fatal("want an error")
		}
	}
}

// BenchmarkArray10kRead reads the array of source.BenchmarkArray10k
// (10,000 requests) without checking it: /tokenize only reads its tokens
// with jsontext; /unmarshal-any builds the library's own untyped tree
// (no positions or pointers); /each is EachRequest over the array in memory; /stream is
// StreamArray from a reader, as check reads an array file over 1 MiB.
// each/tokenize is what building the trees and the requests costs.
func BenchmarkArray10kRead(b *testing.B) {
	data := benchdata.Array(10_000)
	b.Run("tokenize", func(b *testing.B) { benchdata.Tokenize(b, data) })
	b.Run("unmarshal-any", func(b *testing.B) { benchdata.UnmarshalAny(b, data) })
	count := func(n *int) func(*Request, []Problem) {
		return func(r *Request, _ []Problem) {
			if r != nil {
				*n++
			}
		}
	}
	b.Run("each", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			if _, ok := EachRequest(data, Options{}, count(&n)); !ok || n != 10_000 {
				b.Fatalf("%d requests", n)
			}
		}
	})
	b.Run("stream", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			if _, complete, err := StreamArray(bytes.NewReader(data), Options{}, count(&n)); !complete || err != nil || n != 10_000 {
				b.Fatalf("%d requests, %v", n, err)
			}
		}
	})
}
