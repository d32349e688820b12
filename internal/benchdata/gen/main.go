//go:build tools

// Command gen writes the inputs of atslint's scale benchmarks, for
// measuring the built binary: a corpus of request documents (the folder
// benchmark), one array document of many requests, or a HAR recording of
// many small StackOne entries.
//
//	go run -tags tools ./internal/benchdata/gen -n 10000 /tmp/corpus
//	go run -tags tools ./internal/benchdata/gen -array -n 100000 /tmp/array.json
//	go run -tags tools ./internal/benchdata/gen -array -clean -n 100000 /tmp/clean.json
//	go run -tags tools ./internal/benchdata/gen -har -n 1000000 /tmp/small.har
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/internal/hargen"
)

func main() {
	n := flag.Int("n", 10000, "number of documents, requests or entries")
	array := flag.Bool("array", false, "write one array document of n requests to FILE")
	clean := flag.Bool("clean", false, "with -array: only good requests (no diagnostics)")
	har := flag.Bool("har", false, "write a HAR recording of n small StackOne entries to FILE")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: gen [-n N] DIR | gen -array [-n N] FILE | gen -har [-n N] FILE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *array && *har {
		flag.Usage()
		os.Exit(2)
	}
	if err := write(flag.Arg(0), *n, *array, *clean, *har); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(path string, n int, array, clean, har bool) error {
	if !array && !har {
		return benchdata.WriteCorpus(path, n)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	switch {
	case array && clean:
		err = benchdata.WriteCleanArray(f, n)
	case array:
		err = benchdata.WriteArray(f, n)
	default:
		_, err = hargen.Write(f, hargen.Options{Entries: n, Small: true})
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
