#!/usr/bin/env bash
# The HAR reader on a generated 300 MB recording: every entry is read and
# the heap holds the requests, not the file (request/har_large_test.go).
set -euo pipefail
ATSLINT_LARGE_HAR=300 go test ./request -run '^TestLargeHAR$' -count=1 -v | grep -E '^(=== RUN|--- |\s+har_large_test|ok|FAIL)'
