//go:build tools

// Command gen writes a corpus of generated request documents, the input
// of atslint's folder benchmark, for measuring the built binary:
//
//	go run -tags tools ./internal/benchdata/gen -n 10000 /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/atslint/atslint/internal/benchdata"
)

func main() {
	n := flag.Int("n", 10000, "number of documents")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: gen [-n N] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := benchdata.WriteCorpus(flag.Arg(0), *n); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
