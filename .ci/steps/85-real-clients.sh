#!/usr/bin/env bash
# Checks the kept-request readers against the real clients: newman
# (Postman), httpyac (.http), the Bruno CLI (.bru) and curl (shell scripts
# and Markdown blocks) send testdata/formats/ to internal/echoserver on
# 127.0.0.1, which logs what arrives; internal/clientcheck then compares
# that, request by request (method, path, query, headers, body), with what
# atslint's readers read from the same files. A reader that drifts from its
# client fails here.
#
# The base URL is moved to the loopback server the way users switch
# environments: a newman --env-var, an http-client.env.json and a Bruno
# environment written next to copies of the files, and for curl (whose
# scripts name https://api.stackone.com literally) a .curlrc in CURL_HOME
# with connect-to and insecure, so the scripts run unchanged. Nothing
# leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

if ! command -v curl >/dev/null; then
  echo "installing curl (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null
fi
if ! command -v npm >/dev/null; then
  echo "installing npm (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi

tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The clients, at the versions the readers were last checked with
# (.ci/clients/package-lock.json), installed once per lock file into a
# cache: about 400 MB of node_modules, whose install is most of this step.
lock_sum=$(sha256sum .ci/clients/package-lock.json | cut -c1-16)
clients="${XDG_CACHE_HOME:-$HOME/.cache}/atslint-ci/clients-$lock_sum"
if [ ! -x "$clients/node_modules/.bin/bru" ]; then
  echo "installing newman, httpyac and @usebruno/cli (npm ci)"
  mkdir -p "$tmp/clients"
  cp .ci/clients/package.json .ci/clients/package-lock.json "$tmp/clients/"
  (cd "$tmp/clients" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  mkdir -p "$(dirname "$clients")"
  rm -rf "$clients"
  mv "$tmp/clients" "$clients"
fi
bin="$clients/node_modules/.bin"

go build -tags tools -o "$tmp/echoserver" ./internal/echoserver
logs="$tmp/logs"
mkdir -p "$logs"
"$tmp/echoserver" -log "$tmp/all.jsonl" -ports "$tmp/ports" -timeout 10m &
server=$!
for _ in $(seq 50); do [ -s "$tmp/ports" ] && break; sleep 0.1; done
read -r http_port https_port < "$tmp/ports"
base="http://127.0.0.1:$http_port"
touch "$tmp/all.jsonl"

# run FORMAT CMD...: runs a client and keeps the requests it sent.
run() {
  local format=$1; shift
  local before
  before=$(wc -l < "$tmp/all.jsonl")
  echo "-- $format: $*"
  "$@" > "$tmp/$format.out" 2>&1 || { cat "$tmp/$format.out"; echo "$format: client failed"; exit 1; }
  tail -n +"$((before + 1))" "$tmp/all.jsonl" > "$logs/$format.jsonl"
  echo "   $(wc -l < "$logs/$format.jsonl") requests arrived"
}

export ACCOUNT_ID=acc_456 STACKONE_API_KEY=k_test

run postman "$bin/newman" run testdata/formats/postman/ats.postman_collection.json \
  --env-var "baseUrl=$base" --env-var apiKey=k_test -r cli --reporter-cli-no-summary

cp -r testdata/formats/http "$tmp/http"
printf '{"ci": {"baseUrl": "%s", "accountId": "acc_123"}}\n' "$base" > "$tmp/http/http-client.env.json"
(cd "$tmp/http" && run http "$bin/httpyac" send ats.http --all --env ci -o none)

cp -r testdata/formats/bruno "$tmp/bruno"
printf 'vars {\n  baseUrl: %s\n  accountId: acc_123\n  apiKey: k_test\n}\n' "$base" > "$tmp/bruno/environments/ci.bru"
(cd "$tmp/bruno" && run bruno "$bin/bru" run --env ci)

mkdir -p "$tmp/curlhome"
printf 'connect-to = api.stackone.com:443:127.0.0.1:%s\ninsecure\n' "$https_port" > "$tmp/curlhome/.curlrc"
export CURL_HOME="$tmp/curlhome"
run curl bash testdata/formats/curl/ats.sh
# The Markdown file's shell blocks, in order, as one script (a console
# block's "$ " prompt removed, its output lines dropped). The last block
# calls another API, which atslint skips: it is left out here.
awk '
  /^```(sh|bash|shell)$/ { inblk = 1; next }
  /^```console$/ { inblk = 2; next }
  /^```/ { inblk = 0; next }
  inblk == 1 { print }
  inblk == 2 && /^\$ / { sub(/^\$ /, ""); print }
' testdata/formats/markdown/README.md | grep -v 'example.com' > "$tmp/markdown.sh"
run markdown bash "$tmp/markdown.sh"
unset CURL_HOME

echo "-- comparing with what atslint reads"
ATSLINT_CLIENT_LOGS="$logs" go test -count=1 -run TestRealClients -v ./internal/clientcheck/ | grep -E '^(=== RUN|--- |\s+clientcheck|ok|FAIL|PASS)' || true
ATSLINT_CLIENT_LOGS="$logs" go test -count=1 -run TestRealClients ./internal/clientcheck/
