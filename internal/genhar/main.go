//go:build tools

// Command genhar writes a synthetic HAR recording of a given size, for
// measuring atslint's memory on large recordings:
//
//	go run -tags tools ./internal/genhar -size 400 -o /tmp/big.har
//	/usr/bin/time -v atslint check --format json /tmp/big.har >/dev/null
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/atslint/atslint/internal/hargen"
)

func main() {
	size := flag.Int64("size", 400, "size of the recording in MB (10^6 bytes)")
	body := flag.Int("body", 30000, "bytes of a list response body")
	entries := flag.Int("entries", 0, "number of entries (overrides -size)")
	out := flag.String("o", "", "output file (default: stdout)")
	flag.Parse()
	w := os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "genhar:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	st, err := hargen.Write(w, hargen.Options{Size: *size * 1_000_000, Entries: *entries, BodySize: *body})
	if err != nil {
		fmt.Fprintln(os.Stderr, "genhar:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "genhar: %d bytes, %d entries (%d StackOne requests, %d other hosts)\n", st.Bytes, st.Entries, st.StackOne, st.Skipped)
}
