package har_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/atslint/atslint/internal/hargen"
	"github.com/atslint/atslint/source/har"
)

// liveHeap streams the recording at path and returns what it read and
// the heap its requests hold.
func liveHeap(t *testing.T, path string) (*har.Recording, int64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	doc, err := har.Read(f, har.Options{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	return doc, int64(after.HeapAlloc) - int64(before.HeapAlloc)
}

func writeHAR(t *testing.T, path string, o hargen.Options) hargen.Stats {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := hargen.Write(f, o)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestLargeHAR streams a generated recording of several hundred MB
// (ATSLINT_LARGE_HAR=400 for 400 MB) from a file, then a recording with
// the same entries but response bodies 300 times smaller, and checks that
// every entry is read and that the heap the reader holds is the same for
// both: it grows with the StackOne requests (a few KB each, kept for the
// file-wide rate rules), not with the bytes of the file. Skipped unless
// the variable is set, so that go test ./... stays fast. The peak RSS of
// the binary on such a file is measured with /usr/bin/time -v (README,
// "HAR recordings").
func TestLargeHAR(t *testing.T) {
	mb, _ := strconv.Atoi(os.Getenv("ATSLINT_LARGE_HAR"))
	if mb <= 0 {
		t.Skip("set ATSLINT_LARGE_HAR=<size in MB> to run")
	}
	dir := t.TempDir()
	large := writeHAR(t, filepath.Join(dir, "large.har"), hargen.Options{Size: int64(mb) * 1_000_000, BodySize: 30000})
	small := writeHAR(t, filepath.Join(dir, "small.har"), hargen.Options{Entries: large.Entries, BodySize: 100})

	doc, heapLarge := liveHeap(t, filepath.Join(dir, "large.har"))
	if len(doc.Problems) != 0 || len(doc.Requests) != large.StackOne || doc.Skipped != large.Skipped {
		t.Fatalf("read %d requests, %d skipped, problems %v; wrote %+v", len(doc.Requests), doc.Skipped, doc.Problems, large)
	}
	runtime.KeepAlive(doc)
	doc = nil
	doc, heapSmall := liveHeap(t, filepath.Join(dir, "small.har"))
	runtime.KeepAlive(doc)

	per := heapLarge / int64(large.StackOne)
	t.Logf("%d-byte recording, %d entries (%d StackOne requests): live heap %.1f MB (%d bytes per request); same entries in %d bytes: %.1f MB",
		large.Bytes, large.Entries, large.StackOne, float64(heapLarge)/1e6, per, small.Bytes, float64(heapSmall)/1e6)
	if diff := heapLarge - heapSmall; diff > heapSmall/10+1<<20 {
		t.Errorf("the reader holds %d bytes more for the large recording than for the small one: it keeps response data", diff)
	}
	if per > 8<<10 {
		t.Errorf("%d bytes per request kept; want under 8 KiB", per)
	}
}

// BenchmarkReadHAR reads a generated 8 MB recording.
func BenchmarkReadHAR(b *testing.B) {
	var buf bytes.Buffer
	st, err := hargen.Write(&buf, hargen.Options{Size: 8_000_000, BodySize: 30000})
	if err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := har.Read(bytes.NewReader(data), har.Options{})
		if err != nil || len(doc.Requests) != st.StackOne {
			b.Fatal(err, len(doc.Requests))
		}
	}
}
