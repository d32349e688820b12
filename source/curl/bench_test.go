package curl

import (
	"fmt"
	"strings"
	"testing"
)

func script(n int) []byte {
	var b strings.Builder
	b.WriteString("#!/bin/sh\nBASE=https://api.stackone.com/unified/ats\nACCOUNT=acc_1\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "curl -sS -X POST \"$BASE/candidates/c_%d/notes?page_size=50\" \\\n  -H \"x-account-id: $ACCOUNT\" -H 'Content-Type: application/json' \\\n  -d '{\"content\": [{\"body\": \"Strong systems design round\"}], \"visibility\": {\"value\": \"private\"}}'\n", i)
	}
	return []byte(b.String())
}

func BenchmarkRead(b *testing.B) {
	data := script(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if doc := Read(data, Options{}); len(doc.Requests) != 1000 {
			b.Fatalf("%d requests, problems %v", len(doc.Requests), doc.Problems)
		}
	}
	b.ReportMetric(float64(b.N)*1000/b.Elapsed().Seconds(), "requests/s")
}
