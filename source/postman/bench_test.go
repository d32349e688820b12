package postman

import (
	"fmt"
	"strings"
	"testing"
)

// collection returns a collection of n requests in folders of 100, each
// with headers, a query and a raw JSON body.
func collection(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"info": {"name": "bench", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
 "auth": {"type": "basic", "basic": [{"key": "username", "value": "{{apiKey}}"}]},
 "variable": [{"key": "baseUrl", "value": "https://api.stackone.com"}, {"key": "accountId", "value": "acc_1"}],
 "item": [`)
	for i := 0; i < n; i++ {
		if i%100 == 0 {
			if i > 0 {
				b.WriteString("]},")
			}
			fmt.Fprintf(&b, "\n {\"name\": \"folder %d\", \"item\": [", i/100)
		} else {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `
  {"name": "note %d", "request": {"method": "POST",
   "header": [{"key": "x-account-id", "value": "{{accountId}}"}, {"key": "Content-Type", "value": "application/json"}],
   "url": {"raw": "{{baseUrl}}/unified/ats/candidates/c_%d/notes?page_size=50", "host": ["{{baseUrl}}"], "path": ["unified", "ats", "candidates", "c_%d", "notes"], "query": [{"key": "page_size", "value": "50"}]},
   "body": {"mode": "raw", "raw": "{\"content\": [{\"body\": \"Strong systems design round\"}], \"visibility\": {\"value\": \"private\"}}", "options": {"raw": {"language": "json"}}}}}`, i, i, i)
	}
	b.WriteString("]}\n]}\n")
	return []byte(b.String())
}

func BenchmarkRead(b *testing.B) {
	data := collection(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if doc := Read(data, Options{}); len(doc.Requests) != 1000 {
			b.Fatalf("%d requests, problems %v", len(doc.Requests), doc.Problems)
		}
	}
	b.ReportMetric(float64(b.N)*1000/b.Elapsed().Seconds(), "requests/s")
}
