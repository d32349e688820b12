#!/usr/bin/env bash
# The work of action.yml, kept in a script so that CI runs exactly it
# (.ci/steps/40-action.sh). Inputs come as environment variables:
#   ATSLINT_SOURCE   the atslint checkout to build (the action's own commit)
#   ATSLINT_PATHS    space-separated files and directories (default .)
#   ATSLINT_FORMAT   output format of the check (default github)
#   ATSLINT_FAIL_ON  error, warning or info (default error)
#   ATSLINT_SARIF    also write SARIF to this file ("" for none)
# The exit code is atslint check's: 0 clean, 1 findings, 2 usage error.
set -euo pipefail
: "${ATSLINT_SOURCE:?ATSLINT_SOURCE must name the atslint checkout}"
paths_input=${ATSLINT_PATHS:-.}
format=${ATSLINT_FORMAT:-github}
fail_on=${ATSLINT_FAIL_ON:-error}
sarif=${ATSLINT_SARIF:-}

bin_dir=$(mktemp -d "${RUNNER_TEMP:-/tmp}/atslint-bin.XXXXXX")
(cd "$ATSLINT_SOURCE" && GOBIN="$bin_dir" go install ./cmd/atslint)
atslint="$bin_dir/atslint"
"$atslint" version

read -r -a paths <<<"$paths_input"
code=0
"$atslint" check --format "$format" --fail-on "$fail_on" "${paths[@]}" || code=$?
if [ "$code" -ne 2 ] && [ -n "$sarif" ]; then
  # The same findings again, for code scanning; the exit code is the first
  # run's.
  "$atslint" check --format sarif --output "$sarif" --fail-on "$fail_on" "${paths[@]}" || true
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
  fi
fi
exit "$code"
