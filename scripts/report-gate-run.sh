#!/bin/sh
# Reports a CI run of a gate to the Aionis console: POST /api/v1/gate-runs.
#
#   AIONIS_URL=https://console.example AIONIS_TOKEN=aionis_st_... \
#     scripts/report-gate-run.sh B.production-gates passed https://ci.example/runs/42 run-42 [summary]
#
# COMMIT and BRANCH (or GITHUB_SHA and GITHUB_REF_NAME) are sent when set; RAN_AT defaults to now.
# Needs curl. Exits 0 when the run is recorded (or was already), non-zero with the console's message otherwise.
set -eu

if [ "$#" -lt 4 ]; then
  echo "usage: $0 <gate-or-criterion-key> <passed|failed> <run-url> <run-id> [summary]" >&2
  exit 2
fi
: "${AIONIS_URL:?set AIONIS_URL to the console address, e.g. https://console.example}"
: "${AIONIS_TOKEN:?set AIONIS_TOKEN to a service token with the gate-runs:write scope}"

json_string() {
  # A JSON string literal: backslashes, quotes and control characters escaped.
  printf '%s' "$1" | awk 'BEGIN { ORS = ""; print "\"" } { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r"); if (NR > 1) print "\\n"; print } END { print "\"" }'
}

commit="${COMMIT:-${GITHUB_SHA:-}}"
branch="${BRANCH:-${GITHUB_REF_NAME:-}}"
ran_at="${RAN_AT:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}"

body="{\"key\":$(json_string "$1"),\"result\":$(json_string "$2"),\"url\":$(json_string "$3"),\"runId\":$(json_string "$4"),\"ranAt\":$(json_string "$ran_at"),\"summary\":$(json_string "${5:-}")"
[ -n "$commit" ] && body="$body,\"commit\":$(json_string "$commit")"
[ -n "$branch" ] && body="$body,\"branch\":$(json_string "$branch")"
body="$body}"

response=$(mktemp)
trap 'rm -f "$response"' EXIT
status=$(curl -sS -o "$response" -w '%{http_code}' -X POST "${AIONIS_URL%/}/api/v1/gate-runs" \
  -H "Authorization: Bearer $AIONIS_TOKEN" -H 'Content-Type: application/json' --data-binary "$body")

if [ "$status" = "200" ]; then
  cat "$response"; echo
  exit 0
fi
echo "Aionis answered $status:" >&2
cat "$response" >&2; echo >&2
exit 1
