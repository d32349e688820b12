#!/usr/bin/env bash
# Runs each fuzz target for a short, bounded time (FUZZTIME, default 10s;
# go test fuzzes one target per invocation). A crasher fails CI and is
# written to the package's testdata/fuzz/<target>/: fix the bug and commit
# that file, which every `go test` then runs as a regression.
set -euo pipefail
cd "$(dirname "$0")/../.."
fuzztime=${FUZZTIME:-10s}
# Every Fuzz function in every package, found rather than listed, so that a
# new target is fuzzed without editing this file.
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
		echo "-- fuzz $pkg $target ($fuzztime)"
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
	done
done
