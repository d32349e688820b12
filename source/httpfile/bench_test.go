package httpfile

import (
	"fmt"
	"strings"
	"testing"
)

func file(n int) []byte {
	var b strings.Builder
	b.WriteString("@baseUrl = https://api.stackone.com\n@accountId = acc_1\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\n### note %d\nPOST {{baseUrl}}/unified/ats/candidates/c_%d/notes\n    ?page_size=50\nx-account-id: {{accountId}}\nContent-Type: application/json\n\n{\"content\": [{\"body\": \"Strong systems design round\"}], \"visibility\": {\"value\": \"private\"}}\n", i, i)
	}
	return []byte(b.String())
}

func BenchmarkRead(b *testing.B) {
	data := file(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if doc := Read(data, Options{}); len(doc.Requests) != 1000 {
			b.Fatalf("%d requests, problems %v", len(doc.Requests), doc.Problems)
		}
	}
	b.ReportMetric(float64(b.N)*1000/b.Elapsed().Seconds(), "requests/s")
}
