#!/usr/bin/env bash
# Re-drives events parked on a dead-letter topic to the topic they came from
# (nl.alarmcentral.infra.DeadLetterRedrive; procedure: docs/operations.md, "Dead letters").
#
#   deploy/ops/redrive.sh --bootstrap 127.0.0.1:9092 --topic alarm.events.dlq --dry-run   # look first
#   deploy/ops/redrive.sh --bootstrap 127.0.0.1:9092 --topic alarm.events.dlq             # then re-drive
#   deploy/ops/redrive.sh --help
#
# Needs only Java 17+. Builds the infra module (and the contract it uses) when it is missing or
# older than its sources; the classpath is the one Maven resolved for it (child.classpath).
# Exit codes: 0 done, 1 Kafka failed (run again), 2 some records refused, 64 wrong command line.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=deploy/infra/target/infra-1.0.0-SNAPSHOT.jar
classpath=deploy/infra/target/generated-resources/infra/nl/alarmcentral/infra/child.classpath
needs_build() {
  [ ! -f "$jar" ] || [ ! -f "$classpath" ] && return 0
  [ -n "$(find contract deploy/infra -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' \) \
      -type f -newer "$jar" -print -quit)" ]
}

if [ "${ALARMCENTRAL_SKIP_BUILD:-}" != "1" ] && needs_build; then
  echo "Building the re-drive tool (./mvnw package -pl deploy/infra -am -DskipTests)..." >&2
  ./mvnw -q -B -ntp package -DskipTests -pl deploy/infra -am >&2
fi
# log4j2.level: only the tool's own lines, not the Kafka client's connection chatter.
exec java -Dlog4j2.level=ERROR -cp "$jar:$(cat "$classpath")" nl.alarmcentral.infra.DeadLetterRedrive "$@"
