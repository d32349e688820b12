#!/usr/bin/env bash
# Runs every benchmark once (-benchtime=1x), so that none can rot: a
# benchmark that no longer builds, fails or panics fails CI. Timings are
# not judged here; see README "Performance" for the numbers and how to
# measure them.
set -euo pipefail
cd "$(dirname "$0")/../.."
go test -run '^$' -bench . -benchtime=1x -benchmem ./...
