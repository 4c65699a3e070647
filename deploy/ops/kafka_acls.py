#!/usr/bin/env python3
"""What each service may do on Kafka, derived from its own configuration, and the checks that the
Kubernetes deployment grants exactly that and nothing more (issue 14, "No one can pose as a service").

On Kubernetes every service logs in to Kafka as its own KafkaUser (deploy/kubernetes/base/kafka/
users.yaml) and the broker authorizes each request by that user's ACLs. Hand-written ACLs drift:
a new channel without its ACL fails only in a region, at run time; an ACL no channel needs is a
permission nobody looks at. So the ACLs a service needs are read from its
src/main/resources/application.properties, the single place where its channels are declared:

  mp.messaging.outgoing.<ch>.topic                      Write, Describe on the topic
  mp.messaging.incoming.<ch>.topic                      Read, Describe on the topic
  mp.messaging.incoming.<ch>.group.id                   Read on the group; a name with ${...} in it
                                                        (made at start) is a prefix ACL on the part
                                                        before the first ${
  mp.messaging.incoming.<ch>.failure-strategy=dead-letter-queue
                                                        Write, Describe on its dead-letter topic
                                                        (dead-letter-queue.topic, else SmallRye's
                                                        default dead-letter-topic-<channel>)

Only channels with connector=smallrye-kafka count; a channel without .topic uses its own name
(SmallRye's default). A %prod. line overrides its plain one; other profiles are ignored (they never
run in a region). Nothing else is expected: no Create (topics are KafkaTopics), no cluster ACL
(an idempotent producer needs only Write since Kafka 2.8, KIP-679), no All, Alter or Delete.

Used by deploy/ops/check_kubernetes.py:

  expected(root, service)                      -> {(type, name, patternType): {operations}}
  granted(kafka_user)                          -> the same shape, from a rendered KafkaUser
  differences(service, expected, granted)      -> list of problems (missing and extra ACLs)
  client_problems(service, user, kafka_name, env, env_values)
                                               -> list of problems with the service's Kafka login

  kafka_acls.py ROOT      # prints the ACL table of the three services (for docs/operations.md)
"""
import pathlib
import re
import sys

SERVICES = ("alarm-service", "dispatch-service", "registry-service")
PRODUCE = frozenset({"Write", "Describe"})
CONSUME = frozenset({"Read", "Describe"})
JOIN = frozenset({"Read"})
CHANNEL = re.compile(r"mp\.messaging\.(incoming|outgoing)\.([^.]+)\.(.+)")

# What a service's pod needs in its environment to log in as its KafkaUser, per authentication type
# of the user: variable -> a literal value, or (Secret, key) where "{user}" is the KafkaUser's name
# and "{cluster}" the Kafka's. Quarkus turns KAFKA_X_Y into kafka.x.y for every channel.
CLIENT_ENV = {
    "scram-sha-512": {
        "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
        "KAFKA_SASL_JAAS_CONFIG": ("{user}", "sasl.jaas.config"),
        "KAFKA_SSL_TRUSTSTORE_TYPE": "PEM",
        "KAFKA_SSL_TRUSTSTORE_CERTIFICATES": ("{cluster}-cluster-ca-cert", "ca.crt"),
    },
    "tls": {
        "KAFKA_SECURITY_PROTOCOL": "SSL",
        "KAFKA_SSL_KEYSTORE_TYPE": "PEM",
        "KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN": ("{user}", "user.crt"),
        "KAFKA_SSL_KEYSTORE_KEY": ("{user}", "user.key"),
        "KAFKA_SSL_TRUSTSTORE_TYPE": "PEM",
        "KAFKA_SSL_TRUSTSTORE_CERTIFICATES": ("{cluster}-cluster-ca-cert", "ca.crt"),
    },
}

# The keys of the Secrets Strimzi makes (for check_kubernetes.py's "made by an operator").
USER_SECRET_KEYS = {
    "scram-sha-512": {"password", "sasl.jaas.config"},
    "tls": {"ca.crt", "user.crt", "user.key", "user.p12", "user.password"},
}
CLUSTER_CA_KEYS = {"ca.crt", "ca.p12", "ca.password"}


def properties(root, service):
    """The service's application.properties as a dict: %prod. lines override, other profiles are dropped."""
    plain, prod = {}, {}
    path = pathlib.Path(root) / service / "src/main/resources/application.properties"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        m = re.fullmatch(r"([^=:\s]+)\s*[=:]\s*(.*)", line)
        if not m:
            continue
        key, value = m.groups()
        if key.startswith("%prod."):
            prod[key[len("%prod."):]] = value
        elif not key.startswith("%"):
            plain[key] = value
    return {**plain, **prod}


def channels(props):
    """{(direction, channel): {attribute: value}} of the channels on the Kafka connector."""
    found = {}
    for key, value in props.items():
        m = CHANNEL.fullmatch(key)
        if m:
            found.setdefault((m.group(1), m.group(2)), {})[m.group(3)] = value
    return {k: v for k, v in found.items() if v.get("connector") == "smallrye-kafka"}


def expected(root, service):
    """The ACLs the service's channels need: {(resource type, name, patternType): {operations}}.

    Raises ValueError for what cannot be turned into an exact ACL (a topic pattern or list, a
    group id without a fixed part).
    """
    props = properties(root, service)
    acls = {}

    def grant(kind, name, operations, pattern="literal"):
        acls.setdefault((kind, name, pattern), set()).update(operations)

    for (direction, channel), attrs in sorted(channels(props).items()):
        where = f"{service} mp.messaging.{direction}.{channel}"
        if "topics" in attrs or attrs.get("pattern") == "true":
            raise ValueError(f"{where}: a topic list or pattern has no exact ACL; name one topic per channel")
        topic = attrs.get("topic", channel)
        if direction == "outgoing":
            grant("topic", topic, PRODUCE)
            continue
        grant("topic", topic, CONSUME)
        group = attrs.get("group.id", props.get("kafka.group.id", props.get("quarkus.application.name")))
        if not group:
            raise ValueError(f"{where}: no group.id (nor kafka.group.id or quarkus.application.name)")
        if "${" in group:
            fixed = group[:group.index("${")]
            if not fixed:
                raise ValueError(f"{where}: group.id {group!r} has no fixed part to grant a prefix ACL on")
            grant("group", fixed, JOIN, "prefix")
        else:
            grant("group", group, JOIN)
        if attrs.get("failure-strategy") == "dead-letter-queue":
            grant("topic", attrs.get("dead-letter-queue.topic", f"dead-letter-topic-{channel}"), PRODUCE)
    return acls


def granted(user):
    """The ACLs a rendered KafkaUser grants, in the shape of expected()."""
    acls = {}
    for acl in ((user.get("spec") or {}).get("authorization") or {}).get("acls") or []:
        resource = acl.get("resource") or {}
        key = (resource.get("type"), resource.get("name", "*"), resource.get("patternType", "literal"))
        # v1 has only "operations"; the older single "operation" still counts if a file uses it.
        operations = acl.get("operations") or ([acl["operation"]] if "operation" in acl else [])
        acls.setdefault(key, set()).update(operations)
    return acls


def describe(key, operations):
    kind, name, pattern = key
    return f"{kind} {name}{'*' if pattern == 'prefix' else ''}: {', '.join(sorted(operations))}"


def differences(service, want, have):
    """Missing and extra ACLs of one service's KafkaUser."""
    found = []
    for key in sorted(set(want) | set(have), key=lambda k: tuple(map(str, k))):
        missing = want.get(key, set()) - have.get(key, set())
        extra = have.get(key, set()) - want.get(key, set())
        if missing:
            found.append(f"KafkaUser {service}: lacks {describe(key, missing)}, which its application.properties"
                         f" needs (add it to deploy/kubernetes/base/kafka/users.yaml)")
        if extra:
            found.append(f"KafkaUser {service}: grants {describe(key, extra)}, which no channel of its"
                         f" application.properties needs (remove it)")
    return found


def client_problems(service, user, cluster, env, env_values):
    """Whether the service's pod logs in as its own KafkaUser: the variables of CLIENT_ENV, each
    literal as given, each secret from that user's (or the cluster CA's) Secret."""
    kind = ((user.get("spec") or {}).get("authentication") or {}).get("type")
    if kind not in CLIENT_ENV:
        return [f"KafkaUser {service}: authentication {kind!r}, want one of {sorted(CLIENT_ENV)}"]
    found = []
    for var, want in CLIENT_ENV[kind].items():
        if isinstance(want, str):
            if env_values.get(var) != want:
                found.append(f"{service}: {var} is {env_values.get(var)!r}, want {want!r} (KafkaUser {service}, {kind})")
            continue
        secret, key = want[0].format(user=user["metadata"]["name"], cluster=cluster), want[1]
        ref = ((env.get(var) or {}).get("valueFrom") or {}).get("secretKeyRef") or {}
        if (ref.get("name"), ref.get("key")) != (secret, key):
            found.append(f"{service}: {var} must come from Secret {secret} key {key} (secretKeyRef), has {ref or env.get(var)}")
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    print("| service | resource | operations |")
    print("|---|---|---|")
    for service in SERVICES:
        for key, operations in sorted(expected(root, service).items()):
            kind, name, pattern = key
            shown = f"{kind} `{name}`" + (" (prefix)" if pattern == "prefix" else "")
            print(f"| {service} | {shown} | {', '.join(sorted(operations))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
