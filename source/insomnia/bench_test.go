package insomnia

import (
	"fmt"
	"strings"
	"testing"
)

func export(n int, yaml bool) []byte {
	var b strings.Builder
	if yaml {
		b.WriteString("type: collection.insomnia.rest/5.0\nname: bench\ncollection:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - url: \"{{ _.baseUrl }}/unified/ats/candidates/c_%d/notes\"\n    name: note %d\n    method: POST\n    parameters:\n      - name: page_size\n        value: \"50\"\n    headers:\n      - name: x-account-id\n        value: \"{{ _.accountId }}\"\n      - name: Content-Type\n        value: application/json\n    body:\n      mimeType: application/json\n      text: '{\"content\": [{\"body\": \"Strong systems design round\"}], \"visibility\": {\"value\": \"private\"}}'\n", i, i)
		}
		b.WriteString("environments:\n  name: Base\n  data:\n    baseUrl: https://api.stackone.com\n    accountId: acc_1\n")
		return []byte(b.String())
	}
	b.WriteString(`{"_type": "export", "__export_format": 4, "resources": [
 {"_id": "env", "_type": "environment", "parentId": "wrk", "data": {"baseUrl": "https://api.stackone.com", "accountId": "acc_1"}}`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `,
 {"_id": "req_%d", "_type": "request", "parentId": "wrk", "method": "POST", "url": "{{ _.baseUrl }}/unified/ats/candidates/c_%d/notes",
  "parameters": [{"name": "page_size", "value": "50"}], "headers": [{"name": "x-account-id", "value": "{{ _.accountId }}"}, {"name": "Content-Type", "value": "application/json"}],
  "body": {"mimeType": "application/json", "text": "{\"content\": [{\"body\": \"Strong systems design round\"}], \"visibility\": {\"value\": \"private\"}}"}}`, i, i)
	}
	b.WriteString("]}\n")
	return []byte(b.String())
}

func BenchmarkRead(b *testing.B) {
	for _, yaml := range []bool{false, true} {
		name := "v4"
		if yaml {
			name = "v5"
		}
		b.Run(name, func(b *testing.B) {
			data := export(1000, yaml)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if doc := Read(data, Options{}); len(doc.Requests) != 1000 {
					b.Fatalf("%d requests, problems %v", len(doc.Requests), doc.Problems)
				}
			}
			b.ReportMetric(float64(b.N)*1000/b.Elapsed().Seconds(), "requests/s")
		})
	}
}
