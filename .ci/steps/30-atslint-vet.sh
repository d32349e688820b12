#!/usr/bin/env bash
# atslint vet over atslint itself: the repository builds no StackOne
# requests, so it must report nothing (exit 0, no output).
set -euo pipefail
out=$(go run ./cmd/atslint vet --fail-on info ./...)
if [ -n "$out" ]; then
  echo "atslint vet reported:"; echo "$out"; exit 1
fi
echo "atslint vet ./...: clean"
