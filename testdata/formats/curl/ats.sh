#!/usr/bin/env bash
# StackOne ATS calls. STACKONE_API_KEY and ACCOUNT_ID come from the
# environment.
set -euo pipefail
BASE=https://api.stackone.com/unified/ats
ACCOUNT=acc_123

curl -sS -G "$BASE/candidates" \
  -d page_size=500 \
  --data-urlencode 'filter[updated_after]=2024-01-01T00:00:00Z' \
  -H "x-account-id: $ACCOUNT" \
  -u "$STACKONE_API_KEY:"

curl -sS "$BASE/candidates/:id" -H "x-account-id: ${ACCOUNT}"

curl -sS --request POST --url "$BASE/candidates/c_1/notes" \
  --header "x-account-id: $ACCOUNT" \
  --header 'Content-Type: application/json' \
  --data @- <<'JSON'
{
  "content": [{"body": "Strong round"}],
  "visibility": "private"
}
JSON

curl -sS "$BASE/jobs" -H "x-account-id: $ACCOUNT_ID"

curl -sS -u sk_live_abc: "$BASE/jobs/j_1"
