#!/usr/bin/env python3
"""The broker settings that make a consumer group fail over in seconds, and their checks, in one place.

The services use Kafka 4's consumer group protocol (KIP-848, group.protocol=consumer), where the
broker, not the client, decides how long a silent member keeps its partitions. With the broker's
defaults (45 s session, 5 s heartbeat) a dispatch instance that dies leaves its share of
alarm.events unread for 45 s, although a standby instance is running (issue 21). Every broker we
ship therefore sets these four (docs/reliability.md says why these numbers):

  Kubernetes  deploy/kubernetes/base/kafka/kafka.yaml, Kafka spec.kafka.config
  Compose     docker-compose.yml, service kafka, KAFKA_GROUP_CONSUMER_* (the apache/kafka image
              turns KAFKA_A_B into a.b)
  local stack KafkaBrokerMain (deploy/infra)

Used by deploy/ops/check_kubernetes.py (Strimzi has them, with the values Compose has) and by
deploy/compose/validate.sh:

  kafka_failover.py docker-compose.yml     # exit 1 if the Compose broker lacks one or they do not fit
"""
import sys

import yaml

SESSION = "group.consumer.session.timeout.ms"
MIN_SESSION = "group.consumer.min.session.timeout.ms"
HEARTBEAT = "group.consumer.heartbeat.interval.ms"
MIN_HEARTBEAT = "group.consumer.min.heartbeat.interval.ms"
SETTINGS = (MIN_SESSION, SESSION, MIN_HEARTBEAT, HEARTBEAT)

# A member silent for longer than this is not "failover in seconds" any more (issue 21: no alarm
# waits more than 10 s while one of two dispatch instances is killed).
MAX_SESSION_MS = 10_000


def compose_variable(setting):
    """The apache/kafka image's environment variable for a server property (dots become underscores)."""
    return "KAFKA_" + setting.upper().replace(".", "_")


def from_compose(compose):
    """The four settings as the Compose file gives them to its kafka service (missing ones absent)."""
    env = (compose.get("services", {}).get("kafka", {}) or {}).get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {s: env[compose_variable(s)] for s in SETTINGS if compose_variable(s) in env}


def from_local_stack(root):
    """The four settings as KafkaBrokerMain (the local stack's and the tests' broker) writes them."""
    import pathlib
    import re
    source = (pathlib.Path(root) / "deploy/infra/src/main/java/nl/alarmcentral/infra/KafkaBrokerMain.java").read_text(encoding="utf-8")
    return {name: value for name, value in re.findall(r'"(group\.consumer\.[a-z.]+)",\s*"(\d+)"', source) if name in SETTINGS}


def problems(settings, where):
    """What is wrong with one broker's settings: missing, not a number, or not fitting each other."""
    found = []
    values = {}
    for name in SETTINGS:
        if name not in settings:
            found.append(f"{where}: {name} is not set (consumer group failover, docs/reliability.md)")
            continue
        try:
            values[name] = int(str(settings[name]))
        except ValueError:
            found.append(f"{where}: {name} is {settings[name]!r}, not a number of milliseconds")
    if len(values) == len(SETTINGS):
        if not values[MIN_SESSION] <= values[SESSION] <= MAX_SESSION_MS:
            found.append(f"{where}: want {MIN_SESSION} <= {SESSION} <= {MAX_SESSION_MS}, have {values[MIN_SESSION]}, {values[SESSION]}")
        if not values[MIN_HEARTBEAT] <= values[HEARTBEAT] < values[SESSION] / 2:
            found.append(f"{where}: want {MIN_HEARTBEAT} <= {HEARTBEAT} < half of {SESSION} (two heartbeats may be"
                         f" lost before a member is dropped), have {values[MIN_HEARTBEAT]}, {values[HEARTBEAT]}")
    return found


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        settings = from_compose(yaml.safe_load(f))
    found = problems(settings, f"{path} kafka")
    for problem in found:
        print(f"FAIL: {problem}", file=sys.stderr)
    if not found:
        print("    ok: kafka: " + ", ".join(f"{s}={settings[s]}" for s in SETTINGS))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
