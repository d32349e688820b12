#!/usr/bin/env bash
# The repository's own helper commands (the generators of docs, catalogue
# and benchmark inputs, the CI echo server) carry the build tag "tools", so
# that `go install ./...` (what pre-commit's golang language
# runs) builds atslint alone. This step keeps them compiling and vetted, and
# checks that atslint is the only command `go install ./...` installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
go vet -tags tools ./...
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
GOBIN="$bin" go install ./...
installed=$(ls "$bin")
if [ "$installed" != "atslint" ]; then
  echo "go install ./... installed more than atslint:"; echo "$installed"; exit 1
fi
echo "go install ./... installs atslint only"
