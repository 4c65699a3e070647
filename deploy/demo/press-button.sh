#!/usr/bin/env bash
# Presses a demo hardware button of the running local stack (docs/devices.md): a signed SOS from
# demo-button-1, which is bound to worker1. Usage: deploy/demo/press-button.sh [SOS|SILENT_SOS|HEARTBEAT|LOW_BATTERY]
# Needs bash, curl and openssl. ALARM overrides the alarm-service URL.
set -euo pipefail
ALARM=${ALARM:-http://localhost:8081}
DEVICE=${DEVICE:-demo-button-1}
SECRET=${SECRET:-demo-button-1-secret}
TYPE=${1:-SOS}

body='{"eventId":"'$(cat /proc/sys/kernel/random/uuid)'","type":"'"$TYPE"'"}'
ts=$(date +%s)
signature=$(printf '%s\n%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')
curl -sS -X POST "$ALARM/api/devices/$DEVICE/events" -H 'Content-Type: application/json' \
  -H "X-Device-Timestamp: $ts" -H "X-Device-Signature: $signature" --data-binary "$body" -w ' (HTTP %{http_code})\n'
