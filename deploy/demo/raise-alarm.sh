#!/usr/bin/env bash
# Scripted demo against a running local stack (deploy/local-stack.sh), with demo-cli tokens:
# worker1 sets her working name and safety note, raises an alarm (twice with the same clientRef,
# as an app retry would), and dispatcher1 sees the incident with her card.
# Needs only bash and curl. Options through the environment: KEYCLOAK, ALARM, DISPATCH, REGISTRY.
set -euo pipefail
KEYCLOAK=${KEYCLOAK:-http://localhost:8180}
ALARM=${ALARM:-http://localhost:8081}
DISPATCH=${DISPATCH:-http://localhost:8082}
REGISTRY=${REGISTRY:-http://localhost:8083}

token() { # user password
  curl -fsS -d grant_type=password -d client_id=demo-cli -d "username=$1" -d "password=$2" \
    "$KEYCLOAK/realms/alarmcentral/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

worker=$(token worker1 worker1-demo)
dispatcher=$(token dispatcher1 dispatcher1-demo)

echo "worker1 saves her profile:"
curl -fsS -X PUT -H "Authorization: Bearer $worker" -H 'Content-Type: application/json' \
  -d '{"workingName":"Roxy","safetyNote":"Ring twice. Escape route through the garden door."}' \
  "$REGISTRY/api/me/profile"; echo
echo "worker1 agrees that a dispatcher may see her profile and notes in an emergency:"
for consent in ALARM_SERVICE SHARE_NOTES; do
  curl -fsS -X PUT -H "Authorization: Bearer $worker" -H 'Content-Type: application/json' \
    -d '{"granted":true,"textVersion":"v1"}' "$REGISTRY/api/me/consents/$consent" > /dev/null
done

ref=$(cat /proc/sys/kernel/random/uuid)
echo "worker1 raises an alarm (clientRef $ref), and the app retries it once:"
for attempt in 1 2; do
  curl -fsS -X POST -H "Authorization: Bearer $worker" -H 'Content-Type: application/json' \
    -d "{\"kind\":\"PANIC\",\"clientRef\":\"$ref\"}" "$ALARM/api/alarms"; echo
done

sleep 1
echo "dispatcher1 sees the open incidents:"
curl -fsS -H "Authorization: Bearer $dispatcher" "$DISPATCH/api/incidents?status=OPEN"; echo
