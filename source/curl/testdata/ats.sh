#!/usr/bin/env bash
# Calls to StackOne's ATS API.
set -euo pipefail
BASE=https://api.stackone.com/unified/ats
ACCOUNT=acc_123

curl -sS -G "$BASE/candidates" \
  --data-urlencode 'filter[updated_after]=2024-01-01T00:00:00Z' \
  -d page_size=500 \
  -H "x-account-id: $ACCOUNT" \
  -u "$STACKONE_API_KEY:"

curl --request POST --url "$BASE/candidates/c_1/notes" \
  --header "x-account-id: ${ACCOUNT}" \
  --header 'Content-Type: application/json' \
  --data @- <<'JSON'
{
  "content": [{"body": "Strong round"}],
  "visibility": "private"
}
JSON

curl -u sk_live_abc: "$BASE/jobs/$(uuidgen)"

curl https://example.com/unified/ats/jobs
