package bruno

import (
	"testing"
)

var benchFile = []byte(`meta {
  name: note
  type: http
  seq: 1
}

post {
  url: https://api.stackone.com/unified/ats/candidates/c_1/notes?page_size=50
  body: json
  auth: none
}

headers {
  x-account-id: acc_1
  Content-Type: application/json
}

body:json {
  {"content": [{"body": "Strong systems design round"}], "visibility": {"value": "private"}}
}
`)

// One request per file: the throughput is per file.
func BenchmarkRead(b *testing.B) {
	b.SetBytes(int64(len(benchFile)))
	b.ReportAllocs()
	for b.Loop() {
		if doc := Read(benchFile, Options{}); len(doc.Requests) != 1 {
			b.Fatalf("%d requests, problems %v", len(doc.Requests), doc.Problems)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}
