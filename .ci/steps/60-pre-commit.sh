#!/usr/bin/env bash
# Integration test of .pre-commit-hooks.yaml: a temporary git repository uses
# this checkout as a hook repository at its current commit (HEAD: commit
# your changes first), and `pre-commit run --all-files` must fail on a bad
# request document and on a bad HAR recording, naming the rule, and pass on
# good ones (request documents, HAR recordings, .http and Bruno files).
# Installs Debian's pre-commit when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
rev=$(git rev-parse HEAD)

if ! command -v pre-commit >/dev/null; then
  echo "installing pre-commit (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
fi
pre-commit --version

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache"
# pre-commit's golang language points GOPATH into its cache; keep using the
# machine's module cache so that the hook build downloads nothing twice.
export GOMODCACHE="$(go env GOMODCACHE)"

work="$tmp/project"
mkdir -p "$work"
cd "$work"
git init -q .
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: atslint
YAML
mkdir -p ats/notes recordings
# Not a request and outside the hook's default files pattern: never checked.
echo '{"name": "unrelated", "private": true}' > package.json

bad='{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "acc_1"}}'
good='{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=50", "headers": {"x-account-id": "acc_1"}}'
har() { # a HAR 1.2 recording of one GET request to $1
  printf '{"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [{"startedDateTime": "2024-05-01T10:00:00.000Z", "time": 1, "request": {"method": "GET", "url": "%s", "httpVersion": "HTTP/1.1", "headers": [{"name": "x-account-id", "value": "acc_1"}], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0}, "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [], "content": {"size": 0, "mimeType": "application/json"}, "redirectURL": "", "headersSize": -1, "bodySize": 0}, "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}}]}}\n' "$1"
}

# run NAME WANT-EXIT [TEXT...]: pre-commit run --all-files must exit
# WANT-EXIT, and its output must contain each TEXT.
run() {
  local name=$1 want=$2 out code=0 text
  shift 2
  git add -A
  out=$(pre-commit run --all-files --color never 2>&1) || code=$?
  echo "--- $name: pre-commit exit $code"
  echo "$out" | sed 's/^/    /'
  if [ "$code" != "$want" ]; then
    echo "FAIL: $name: want exit $want, got $code"; exit 1
  fi
  for text in "$@"; do
    if ! grep -qF -- "$text" <<<"$out"; then
      echo "FAIL: $name: output does not contain: $text"; exit 1
    fi
  done
}

echo "$bad" > ats/notes/list-jobs.json
run "bad request document" 1 "[stackone/page-size]" "ats/notes/list-jobs.json:1:"

echo "$good" > ats/notes/list-jobs.json
run "good request document" 0

echo "$bad" > list.ats.json
run "bad *.ats.json" 1 "[stackone/page-size]" "list.ats.json:1:"
rm list.ats.json

# The hook must hand HAR recordings to atslint too (the default files
# pattern; `types_or: [json]` would drop them).
har "https://api.stackone.com/unified/ats/jobs?page_size=500" > recordings/session.har
run "bad HAR recording" 1 "[stackone/page-size]" "recordings/session.har:1:"
har "https://api.stackone.com/unified/ats/jobs?page_size=50" > recordings/session.har
run "good HAR recording" 0

# Requests kept in other tools: a .http file and a Bruno collection, whose
# environments and bruno.json the hook leaves out (they hold no request).
printf 'GET https://api.stackone.com/unified/ats/jobs?page_size=500\nx-account-id: acc_1\n' > ats/jobs.http
mkdir -p bruno/environments
echo '{"version": "1", "name": "ats", "type": "collection"}' > bruno/bruno.json
printf 'vars {\n  baseUrl: https://api.stackone.com\n}\n' > bruno/environments/prod.bru
printf 'get {\n  url: {{baseUrl}}/unified/ats/jobs?page_size=500\n  body: none\n  auth: none\n}\n\nheaders {\n  x-account-id: acc_1\n}\n' > bruno/jobs.bru
run "bad .http and .bru files" 1 "ats/jobs.http:1:" "bruno/jobs.bru:2:" "[stackone/page-size]"
printf 'GET https://api.stackone.com/unified/ats/jobs?page_size=50\nx-account-id: acc_1\n' > ats/jobs.http
sed -i 's/page_size=500/page_size=50/' bruno/jobs.bru
run "good .http and .bru files" 0

run "all good" 0
echo "pre-commit integration test passed"
