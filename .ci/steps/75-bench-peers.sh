#!/usr/bin/env bash
# Runs the peer comparison (bench/peers: atslint's run-time check beside
# kin-openapi's request validation) once, so that it cannot rot. It is a
# module of its own, so that kin-openapi never becomes a dependency of
# atslint; go fetches it through the module proxy. Without StackOne's
# OpenAPI document beside the repository the benchmark skips.
set -euo pipefail
cd "$(dirname "$0")/../../bench/peers"
go vet ./...
go test -run '^$' -bench . -benchtime=1x -benchmem ./...
