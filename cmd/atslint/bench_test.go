package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/internal/hargen"
	"github.com/atslint/atslint/report"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source"
)

// corpusDocs is the size of the folder benchmark's corpus.
const corpusDocs = 10_000

// BenchmarkCheckFolder runs `atslint check` in-process over a folder of
// 10,000 generated request documents (100 directories of 100), the way
// CI runs it over recorded requests: file walk, reading, every rule and
// schema validation, sorting and text output. Sub-benchmarks vary -j.
func BenchmarkCheckFolder(b *testing.B) {
	summaryLine := regexp.MustCompile(`^\d+ problems \([^)]*\) in \d+ files(, [^\n]*)?\n$`)
	dir := b.TempDir() // shared by the sub-benchmarks
	if err := benchdata.WriteCorpus(dir, corpusDocs); err != nil {
		b.Fatal(err)
	}
	jobs := []int{1, runtime.GOMAXPROCS(0)}
	if jobs[1] == 1 {
		jobs = jobs[:1]
	}
	for _, j := range jobs {
		b.Run(fmt.Sprintf("j%d", j), func(b *testing.B) {
			b.ReportAllocs()
			cpu := benchdata.StartCPU()
			for b.Loop() {
				var errb strings.Builder
				code := run(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, dir: dir},
					[]string{"check", "-j", fmt.Sprint(j), dir})
				// Nothing on stderr but the summary line.
				if code != exitFindings || !summaryLine.MatchString(errb.String()) {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
			}
			cpu.Report(b)
			b.ReportMetric(float64(corpusDocs*b.N)/b.Elapsed().Seconds(), "requests/s")
		})
	}
}

// BenchmarkCheckLargeHAR runs `atslint check` in-process over a generated
// 100 MB HAR recording (browser-style: large response bodies, entries for
// other hosts in between, about 3,000 StackOne requests): streamed, every
// StackOne request checked, the rate rules over all timestamps.
func BenchmarkCheckLargeHAR(b *testing.B) {
	path := filepath.Join(b.TempDir(), "large.har")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	st, err := hargen.Write(f, hargen.Options{Size: 100_000_000, BodySize: 30000})
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		var errb strings.Builder
		code := run(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, dir: b.TempDir()},
			[]string{"check", "--provider", "greenhouse", path})
		if code == exitUsage {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
	b.ReportMetric(float64(st.StackOne*b.N)/b.Elapsed().Seconds(), "requests/s")
}

// BenchmarkCheckArray10k is `atslint check` in-process over the file of
// source.BenchmarkArray10k (10,000 requests, 3.1 MB, 12,660 diagnostics),
// in each output format: what the benchmark of the library leaves out
// (streaming the file, holding, locating and writing the diagnostics).
func BenchmarkCheckArray10k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "array.json")
	write(b, path, string(benchdata.Array(10_000)))
	for _, format := range []string{"text", "json", "sarif"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var errb strings.Builder
				code := run(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, dir: b.TempDir()},
					[]string{"check", "-j", "1", "--format", format, path})
				if code != exitFindings {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
			}
			b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "requests/s")
		})
	}
}

// BenchmarkVetGenerated runs `atslint vet ./...` in-process over a
// generated module with 200 request sites: package loading and type
// checking (go list, the standard library's export data) included, as a
// user sees it. BenchmarkAnalyzerGenerated (package analyzer) times the
// analyzer alone.
func BenchmarkVetGenerated(b *testing.B) {
	dir := b.TempDir()
	write(b, filepath.Join(dir, "go.mod"), "module gen\n\ngo 1.26\n")
	write(b, filepath.Join(dir, "gen.go"), string(benchdata.GoPackage("gen", 200)))
	b.ReportAllocs()
	for b.Loop() {
		var out, errb strings.Builder
		code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, dir: dir}, []string{"vet", "./..."})
		if code != exitFindings || strings.Count(out.String(), "\n") != 200 {
			b.Fatalf("exit %d, %d lines: %s", code, strings.Count(out.String(), "\n"), errb.String())
		}
	}
	b.ReportMetric(float64(200*b.N)/b.Elapsed().Seconds(), "requests/s")
}

// BenchmarkCheckSmallFile is `atslint check note.json` in-process: one
// small document from the file system to output.
func BenchmarkCheckSmallFile(b *testing.B) {
	dir := b.TempDir()
	path := dir + "/note.json"
	write(b, path, benchdata.SmallNote)
	b.ReportAllocs()
	for b.Loop() {
		var out strings.Builder
		if code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, dir: dir}, []string{"check", path}); code != exitOK {
			b.Fatalf("exit %d: %s", code, out.String())
		}
	}
}

// BenchmarkCheckManyDiagnostics runs `atslint check` in-process over one
// array document of 20,000 generated requests, about half with a mistake
// (25,331 diagnostics), in the formats that write them differently. It
// reports the peak of the live heap over a run, and that peak less the
// heap before the run per diagnostic (heap-B/diag): what holding,
// sorting and writing a diagnostic costs, which decides the peak memory of
// a file with very many.
func BenchmarkCheckManyDiagnostics(b *testing.B) {
	const requests = 20_000
	path := filepath.Join(b.TempDir(), "many.json")
	f, err := os.Create(path)
	if err == nil {
		err = benchdata.WriteArray(f, requests)
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		b.Fatal(err)
	}
	problems := regexp.MustCompile(`^(\d+) problems`)
	for _, format := range []string{"text", "json", "sarif"} {
		b.Run(format, func(b *testing.B) {
			var peak, diags, before uint64
			for b.Loop() {
				b.StopTimer()
				runtime.GC()
				before = heapObjects()
				stop := samplePeak(&peak, before)
				b.StartTimer()
				var errb strings.Builder
				code := run(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, dir: b.TempDir()},
					[]string{"check", "-j", "1", "--format", format, path})
				b.StopTimer()
				stop()
				if code != exitFindings {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
				if format == "text" {
					m := problems.FindStringSubmatch(errb.String())
					if m == nil {
						b.Fatalf("no summary: %s", errb.String())
					}
					fmt.Sscan(m[1], &diags)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			if diags == 0 {
				diags = 25_331
			}
			b.ReportMetric(float64(peak-before)/float64(diags), "heap-B/diag")
		})
	}
}

// heapObjects is the memory of the heap's objects, live or not yet swept.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// samplePeak keeps the largest heapObjects seen in *peak (at least
// floor) until the function it returns is called.
func samplePeak(peak *uint64, floor uint64) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	*peak = max(*peak, floor)
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			*peak = max(*peak, heapObjects())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// BenchmarkHeldBytes measures what holding a file's diagnostics costs once
// they are checked: the live heap of the held diagnostics of an array of
// 20,000 generated requests (25,331 diagnostics) and what locating them
// found, per diagnostic, garbage collected (the peak of a run is about
// twice the live heap, as the garbage collector lets the heap grow).
func BenchmarkHeldBytes(b *testing.B) {
	data := benchdata.Array(20_000)
	eng := rules.NewEngines(rules.Options{}).For(nil)
	var perDiag float64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res := source.CheckBytes(eng, "many.json", data, source.Limits{Hold: true})
		loc := report.LocateHeld(data, res.Held)
		runtime.GC()
		runtime.ReadMemStats(&after)
		if res.Held.Len() == 0 {
			b.Fatal("no diagnostics")
		}
		perDiag = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(res.Held.Len())
		runtime.KeepAlive(res)
		runtime.KeepAlive(loc)
	}
	b.ReportMetric(perDiag, "live-B/diag")
}
