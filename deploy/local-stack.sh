#!/usr/bin/env bash
# Runs the whole Alarm Central on this machine: real Kafka, PostgreSQL and Keycloak, and the three
# services, without Docker. Needs only Java 17+. Builds what is missing or out of date first.
# Options: deploy/local-stack.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

launcher=deploy/launcher/target/local-stack.jar
needs_build() {
  [ ! -f "$launcher" ] && return 0
  for service in alarm-service dispatch-service registry-service; do
    [ ! -f "$service/target/quarkus-app/quarkus-run.jar" ] && return 0
  done
  # Any source or build file newer than the last build?
  [ -n "$(find . -path ./deploy/.local-stack -prune -o -path '*/target' -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$launcher" -print -quit)" ]
}

if [ "${ALARMCENTRAL_SKIP_BUILD:-}" != "1" ] && needs_build; then
  echo "Building Alarm Central (./mvnw package -DskipTests); the first build downloads dependencies and takes a few minutes..."
  ./mvnw -q -B package -DskipTests
  touch "$launcher"
fi
exec java -jar "$launcher" "$@"
