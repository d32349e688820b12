//go:build tools

// Command gen converts an OpenAPI document into the operation catalogue and
// request-body JSON Schemas that package schemas embeds.
//
// Usage, from the schemas directory (see the go:generate line in set.go):
//
//	go run -tags tools ./gen -in ../../shared/stackone/ats-openapi.json -out .
//
// It writes OUT/generated/catalogue.json and OUT/generated/bodies/*.json,
// removes body schemas the document no longer has, and leaves unchanged
// files untouched, so running it twice changes nothing.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/atslint/atslint/schemas"
)

func main() {
	in := flag.String("in", "", "OpenAPI document (JSON or YAML) to convert")
	out := flag.String("out", ".", "directory of package schemas; files go to OUT/generated")
	flag.Parse()
	if *in == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -in openapi.json [-out dir]")
		os.Exit(2)
	}
	if err := run(*in, filepath.Join(*out, "generated")); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, dir string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	set, err := schemas.Convert(data)
	if err != nil {
		return fmt.Errorf("%s: %v", in, err)
	}
	return set.WriteFiles(dir)
}
