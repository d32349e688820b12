#!/usr/bin/env bash
# The generators (docs, catalogue, benchmark inputs) carry the build tag
# "generate", so that `go install ./...` (what pre-commit's golang language
# runs) builds atslint alone. This step keeps them compiling and vetted, and
# checks that atslint is the only command `go install ./...` installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
go vet -tags generate ./...
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
GOBIN="$bin" go install ./...
installed=$(ls "$bin")
if [ "$installed" != "atslint" ]; then
  echo "go install ./... installed more than atslint:"; echo "$installed"; exit 1
fi
echo "go install ./... installs atslint only"
