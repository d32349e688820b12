#!/usr/bin/env bash
# Runs action.yml's script (action/run.sh) the way the composite action
# does, on a temporary project: findings fail the step and become workflow
# annotations, a clean project passes, fail-on is honoured, and the SARIF
# file is written. Also checks that action.yml hands every input to it.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

for input in paths format fail-on sarif; do
  grep -q "^  $input:" action.yml || { echo "action.yml has no input $input"; exit 1; }
done
grep -q 'run: bash "$ATSLINT_SOURCE/action/run.sh"' action.yml || { echo "action.yml does not run action/run.sh"; exit 1; }
grep -q 'uses: actions/setup-go@v6' action.yml || { echo "action.yml does not use actions/setup-go@v6"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/project/requests"
cd "$tmp/project"
bad='{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "acc_1"}}'
warn='{"method": "POST", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}, "body": {"title": "x", "status": "open"}}'
good='{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=50", "headers": {"x-account-id": "acc_1"}}'

# run WANT-EXIT [env...]: action/run.sh must exit WANT-EXIT; its output is in $out.
run() {
  local want=$1 code=0
  shift
  out=$(env ATSLINT_SOURCE="$repo" RUNNER_TEMP="$tmp" "$@" bash "$repo/action/run.sh" 2>&1) || code=$?
  if [ "$code" != "$want" ]; then
    echo "$out"; echo "FAIL: want exit $want, got $code ($*)"; exit 1
  fi
}

echo "$bad" > requests/list.json
run 1 ATSLINT_PATHS=requests ATSLINT_SARIF="$tmp/atslint.sarif" GITHUB_OUTPUT="$tmp/out"
grep -qF '::error file=requests/list.json,line=1,col=79' <<<"$out" || { echo "$out"; echo "FAIL: no annotation"; exit 1; }
grep -q '"version": "2.1.0"' "$tmp/atslint.sarif" || { echo "FAIL: no SARIF written"; exit 1; }
grep -qx "sarif-file=$tmp/atslint.sarif" "$tmp/out" || { echo "FAIL: no sarif-file output"; exit 1; }

echo "$warn" > requests/list.json
run 0 ATSLINT_PATHS=requests
run 1 ATSLINT_PATHS=requests ATSLINT_FAIL_ON=warning

echo "$good" > requests/list.json
run 0 ATSLINT_PATHS="requests ."
run 2 ATSLINT_PATHS=nothing-here
echo "action/run.sh behaves as action.yml promises"
