package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkStartup runs the built atslint binary on one small request, the
// way an editor, a pre-commit hook or go vet (once per package) does, and
// a Go hello-world binary built by the same toolchain, alternately. ns/op
// is atslint's; the x-hello metric is the ratio of the two medians, the
// start-up target of issue 12 (within 2.5×). Both binaries are built
// first; the benchmark is skipped without a go command.
func BenchmarkStartup(b *testing.B) {
	goCmd, atslint := buildBinary(b)
	dir := b.TempDir()
	helloDir := filepath.Join(dir, "hello")
	write(b, filepath.Join(helloDir, "go.mod"), "module hello\n\ngo 1.22\n")
	write(b, filepath.Join(helloDir, "main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n")
	hello := filepath.Join(dir, "hello-bin")
	build := exec.Command(goCmd, "build", "-o", hello, ".")
	build.Dir = helloDir
	build.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build hello: %v\n%s", err, out)
	}
	for _, c := range []struct{ name, file string }{
		{"note", "notes/create-good.json"},       // 1.7 KB body schema
		{"upload", "documents/upload-good.json"}, // 27 KB body schema
	} {
		b.Run(c.name, func(b *testing.B) {
			file, err := filepath.Abs(filepath.Join("..", "..", "testdata", "requests", c.file))
			if err != nil {
				b.Fatal(err)
			}
			var own, base []time.Duration
			for b.Loop() {
				b.StopTimer()
				t := time.Now()
				if err := exec.Command(hello).Run(); err != nil {
					b.Fatal(err)
				}
				base = append(base, time.Since(t))
				b.StartTimer()
				t = time.Now()
				if out, err := exec.Command(atslint, "check", file).CombinedOutput(); err != nil {
					b.Fatalf("atslint check %s: %v\n%s", c.file, err, out)
				}
				own = append(own, time.Since(t))
			}
			b.ReportMetric(float64(median(own))/float64(median(base)), "x-hello")
			b.ReportMetric(float64(median(base).Microseconds()), "hello-µs")
		})
	}
}

// buildBinary builds this command into a temporary directory, for the
// tests and benchmarks that run it as a process, and returns the go
// command and the binary. Without a go command it skips.
func buildBinary(tb testing.TB) (goCmd, bin string) {
	tb.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		tb.Skip("no go command to build the binary")
	}
	bin = filepath.Join(tb.TempDir(), "atslint")
	if out, err := exec.Command(goCmd, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return goCmd, bin
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
