package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/atslint/atslint/schemas"
)

// version is set by the linker (-X main.version=…) for releases; otherwise
// the module version from the build info is used.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func init() {
	register(&command{name: "version", short: "print the atslint version, Go version, module sum and catalogue date", run: runVersion})
}

const versionSynopsis = `usage: atslint version

Prints the atslint version, the Go version it was built with, the module
and its checksum when built as a module (go install …@version) or the VCS
revision when built from a checkout, and which StackOne ATS OpenAPI
document the built-in catalogue comes from.`

func runVersion(e *env, args []string) int {
	fs := newFlagSet("version")
	rest, code, done := e.parseFlags(fs, versionSynopsis, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "atslint version: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	bi, _ := debug.ReadBuildInfo()
	writeVersion(e.stdout, bi)
	return exitOK
}

// writeVersion writes what `atslint version` prints; bi may be nil.
func writeVersion(w io.Writer, bi *debug.BuildInfo) {
	fmt.Fprintf(w, "atslint %s\n", versionString())
	fmt.Fprintf(w, "  go:        %s\n", runtime.Version())
	if bi != nil {
		if bi.Main.Sum != "" {
			fmt.Fprintf(w, "  module:    %s %s %s\n", bi.Main.Path, bi.Main.Version, bi.Main.Sum)
		}
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = " (modified)"
				}
			}
		}
		if rev != "" {
			fmt.Fprintf(w, "  revision:  %s%s\n", rev, modified)
		}
	}
	fmt.Fprintf(w, "  catalogue: StackOne ATS OpenAPI %s of %s (sha256 %s)\n", schemas.SpecVersion, schemas.SpecDate, schemas.SpecSHA256[:12])
}
