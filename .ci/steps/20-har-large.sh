#!/usr/bin/env bash
# The HAR reader on a generated 300 MB recording: every entry is read and
# the heap holds the requests, not the file (source/har/large_test.go).
set -euo pipefail
ATSLINT_LARGE_HAR=300 go test ./source/har -run '^TestLargeHAR$' -count=1 -v | grep -E '^(=== RUN|--- |\s+large_test|ok|FAIL)'
