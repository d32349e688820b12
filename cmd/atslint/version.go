package main

import (
	"fmt"
	"runtime/debug"
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
	register(&command{name: "version", short: "print the atslint version", run: func(e *env, args []string) int {
		fmt.Fprintf(e.stdout, "atslint %s\n", versionString())
		return exitOK
	}})
}
