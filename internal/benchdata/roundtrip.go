//go:build unix

package benchdata

import (
	"io"
	"net/http"
	"testing"
)

// RoundTrips sends r through c to the server at base once per iteration,
// reading and closing each response: the loopback round trip that the
// run-time check's cost is compared with.
func RoundTrips(b *testing.B, c *http.Client, base string, r Live) {
	b.ReportAllocs()
	cpu := StartCPU()
	for b.Loop() {
		resp, err := c.Do(r.HTTPRequest(b, base))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	cpu.Report(b)
}
