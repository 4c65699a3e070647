#!/usr/bin/env python3
"""Checks what the schemas cannot: that the rendered Kubernetes tree fits together and fits the
rest of the repository. Called by deploy/ops/validate.sh:

  check_kubernetes.py ROOT RENDERED_OVERLAY.yaml

- The three services: 2 replicas, startup/readiness/liveness probes on /q/health/*, requests and
  limits, non-root; a Service, a PodDisruptionBudget and an HPA (min >= 2) for each.
- One consumer keeps consuming (issue 21): rollouts start a new pod before stopping an old one
  (maxUnavailable 0, maxSurge >= 1); the PDB keeps one ready pod and still lets a drain go on; a
  generous startup probe, a readiness probe every 5 s or less, a liveness probe that tolerates
  30 s or more of failures; a preStop sleep, and terminationGracePeriodSeconds 10 s longer than
  that sleep plus the service's quarkus.shutdown.timeout; anti-affinity across nodes.
- Environment: every variable docker-compose.yml gives a service is given on Kubernetes too
  (except the demo-only ones below); secrets only through secretKeyRef, each Secret either in
  deploy/kubernetes/secrets.example.yaml with that key or made by an operator; the master key only
  for registry-service; DISPATCH_INSTANCE_ID from the pod name.
- Databases: each service's URL names an existing CloudNativePG Cluster (<name>-rw) and its
  database; 3 instances; in the overlay, WAL archiving to an ObjectStore and a ScheduledBackup.
- Kafka: 3 brokers, min.insync.replicas=2, replication 3, and the KafkaTopics are exactly
  Topics.ALL of contract/.../Topics.java (names, partitions, compaction); the consumer group
  failover settings (kafka_failover.py) are set, fit each other and equal docker-compose.yml's.
- No one can pose as a service (issue 14, kafka_acls.py): every listener requires TLS and
  authentication, the services' bootstrap address is one of them, authorization is simple and the
  User Operator runs; each service has a KafkaUser whose ACLs are exactly what its
  application.properties produces and consumes, and its pod logs in as that user (and no other).
- Keycloak: the realm import targets the Keycloak CR; its placeholders exist as Secret keys; it
  imports no person (only service accounts); nothing demo-only appears anywhere in the output.
- Ingress and PodMonitor point at Services, ports and labels that exist.
- Behind the ingress (issue 15): every Ingress host is served over TLS; each service runs with the
  profile tls-proxy and a trusted-proxy list of addresses (never everyone); that profile in its
  application.properties trusts X-Forwarded-* (host and scheme) from exactly that list, sends HSTS
  and forces the session cookies Secure, and nothing outside the profile turns forwarding on.
"""
import ipaddress
import pathlib
import re
import sys

import yaml

import kafka_acls
import kafka_failover

SERVICES = ("alarm-service", "dispatch-service", "registry-service")
# Issue 21, "Kubernetes keeps one consumer consuming": what the pods' lifecycle settings must allow.
# The services' own shutdown timeout when neither application.properties nor the pod sets
# quarkus.shutdown.timeout (issue 21 sets about 20 s: in-flight events finished, groups left).
DEFAULT_SHUTDOWN_TIMEOUT_S = 20
MIN_STARTUP_S = 120  # Flyway and the consumers' first join, on a busy node
MAX_READINESS_PERIOD_S = 5  # a pod that cannot deliver leaves the Service within seconds
MIN_LIVENESS_TOLERANCE_S = 30  # a GC pause or a busy node is not a reason to restart
MAX_PRESTOP_S = 15  # long enough for the endpoints to drop the pod, short next to the grace period
GRACE_MARGIN_S = 10  # after the shutdown timeout: the JVM's exit, a slow node
COMPOSE_ONLY = {"ALARM_DEVICES_DEMO_SEED"}  # binds the demo buttons: never in a region
SECRET_NAME = re.compile(r"(SECRET|PASSWORD|_KEY)$")
DEMO = re.compile(r"dev-secret|-demo\b|demo-only|demo-cli|worker1|dispatcher1")
# Made by operators, not by hand: Keycloak's service, and CloudNativePG's <cluster>-app Secrets.
OPERATOR_SERVICES = {"alarmcentral-keycloak-service"}

# Issue 15, "Production behind TLS works": the profile of application.properties that trusts the
# ingress, the variable with the ingress's addresses, and what the profile must set.
TLS_PROXY_PROFILE = "tls-proxy"
TRUSTED_PROXIES_VAR = "ALARMCENTRAL_TRUSTED_PROXIES"
TLS_PROXY_SETTINGS = {
    "quarkus.http.proxy.proxy-address-forwarding": "true",
    "quarkus.http.proxy.allow-x-forwarded": "true",
    "quarkus.http.proxy.enable-forwarded-host": "true",
    "quarkus.http.proxy.trusted-proxies": "${" + TRUSTED_PROXIES_VAR + "}",
}
HSTS = 'quarkus.http.header."Strict-Transport-Security".value'
MIN_HSTS_MAX_AGE_S = 180 * 24 * 3600
SESSION_COOKIE_SECURE = "quarkus.oidc.web.authentication.cookie-force-secure"

problems = []


def fail(message):
    problems.append(message)
    print(f"FAIL: {message}", file=sys.stderr)


def ok(message):
    print(f"    ok: {message}")


def by_kind(objects, kind):
    return {o["metadata"]["name"]: o for o in objects if o.get("kind") == kind}


def matches(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).items())


def topics_from_contract(root):
    source = (root / "contract/src/main/java/nl/alarmcentral/contract/event/Topics.java").read_text(encoding="utf-8")
    names = dict(re.findall(r'public static final String (\w+) = "([^"]+)";', source))
    return {names[c]: (int(p), compact == "true") for c, p, compact in re.findall(r"new TopicSpec\((\w+), (\d+), (true|false)\)", source)}


def compose_file(root):
    return yaml.safe_load((root / "docker-compose.yml").read_text(encoding="utf-8"))


def compose_env(compose):
    return {name: set((compose["services"][name].get("environment") or {}).keys()) for name in SERVICES}


def seconds(duration):
    """A Quarkus duration (20, 20S, 20s, PT20S, 1M, 500ms) in seconds, or None if unreadable."""
    text = str(duration).strip().upper()
    if re.fullmatch(r"\d+", text):
        return int(text)
    m = re.fullmatch(r"(\d+)MS", text)
    if m:
        return int(m.group(1)) / 1000
    m = re.fullmatch(r"(?:PT)?(\d+(?:\.\d+)?)([SMH])", text)
    return float(m.group(1)) * {"S": 1, "M": 60, "H": 3600}[m.group(2)] if m else None


def shutdown_timeout(root, name, env):
    """quarkus.shutdown.timeout of a service: from the pod's environment, else its application.properties."""
    if "QUARKUS_SHUTDOWN_TIMEOUT" in env:
        return seconds(env["QUARKUS_SHUTDOWN_TIMEOUT"]), "QUARKUS_SHUTDOWN_TIMEOUT"
    properties = root / name / "src/main/resources/application.properties"
    for line in properties.read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"\s*quarkus\.shutdown\.timeout\s*[=:]\s*(\S+)\s*", line)
        if m:
            return seconds(m.group(1)), "quarkus.shutdown.timeout"
    return DEFAULT_SHUTDOWN_TIMEOUT_S, "the expected quarkus.shutdown.timeout"


def prestop_seconds(container):
    """How long the preStop hook sleeps (exec sleep N, or the sleep action), or None."""
    hook = (container.get("lifecycle") or {}).get("preStop") or {}
    if "sleep" in hook:
        return hook["sleep"].get("seconds")
    command = (hook.get("exec") or {}).get("command") or []
    if len(command) == 2 and command[0].rsplit("/", 1)[-1] == "sleep" and command[1].isdigit():
        return int(command[1])
    return None


def tolerance(probe, default_period=10, default_threshold=3):
    """How long a probe may fail before it counts: period times failure threshold."""
    return probe.get("periodSeconds", default_period) * probe.get("failureThreshold", default_threshold)


def spreads_over_nodes(pod, labels):
    """Whether the pod prefers (or requires) not to share a node with a pod of its own kind."""
    anti = (pod["spec"].get("affinity") or {}).get("podAntiAffinity") or {}
    terms = [t.get("podAffinityTerm", {}) for t in anti.get("preferredDuringSchedulingIgnoredDuringExecution", [])]
    terms += anti.get("requiredDuringSchedulingIgnoredDuringExecution", [])
    return any(t.get("topologyKey") == "kubernetes.io/hostname"
               and matches((t.get("labelSelector") or {}).get("matchLabels"), labels) for t in terms)


def check_keeps_consuming(root, name, deployment, container, env_values, pdbs):
    """Issue 21: a rolling restart, a drain or a killed pod never leaves the service without a ready pod."""
    spec, pod = deployment["spec"], deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]
    strategy = spec.get("strategy") or {}
    rolling = strategy.get("rollingUpdate") or {}
    if (strategy.get("type", "RollingUpdate") != "RollingUpdate" or str(rolling.get("maxUnavailable")) not in ("0", "0%")
            or str(rolling.get("maxSurge", "0")) in ("0", "0%")):
        fail(f"{name}: a rollout must start a new pod before it stops an old one (RollingUpdate, maxUnavailable 0, maxSurge >= 1)")
    replicas = spec.get("replicas", 1)
    for pdb in pdbs:
        if not matches(pdb["spec"]["selector"].get("matchLabels"), labels):
            continue
        min_available, max_unavailable = pdb["spec"].get("minAvailable"), pdb["spec"].get("maxUnavailable")
        if isinstance(min_available, int):
            if not 1 <= min_available < replicas:
                fail(f"{name}: PodDisruptionBudget minAvailable {min_available} with {replicas} replicas: want 1 <= it < replicas"
                     " (one pod always ready, and a node drain can still go on)")
        elif not (max_unavailable == 1 and replicas >= 2):
            fail(f"{name}: PodDisruptionBudget must be minAvailable >= 1, or maxUnavailable 1 with 2 or more replicas")
    startup, readiness, liveness = (container.get(p) or {} for p in ("startupProbe", "readinessProbe", "livenessProbe"))
    if tolerance(startup) < MIN_STARTUP_S:
        fail(f"{name}: startupProbe allows {tolerance(startup)} s, want at least {MIN_STARTUP_S} s (migrations, first join)")
    if readiness.get("periodSeconds", 10) > MAX_READINESS_PERIOD_S:
        fail(f"{name}: readinessProbe every {readiness.get('periodSeconds', 10)} s, want {MAX_READINESS_PERIOD_S} s or less")
    if tolerance(liveness) < MIN_LIVENESS_TOLERANCE_S or liveness.get("failureThreshold", 3) < 3:
        fail(f"{name}: livenessProbe restarts after {tolerance(liveness)} s of failures, want at least {MIN_LIVENESS_TOLERANCE_S} s"
             " and 3 failures (it must never restart a pod that waits out an outage)")
    sleep = prestop_seconds(container)
    if sleep is None or not 1 <= sleep <= MAX_PRESTOP_S:
        fail(f"{name}: needs a preStop sleep of 1-{MAX_PRESTOP_S} s, so that the endpoints drop the pod before it stops"
             f" taking requests (have {sleep})")
        sleep = 0
    timeout, source = shutdown_timeout(root, name, env_values)
    grace = pod["spec"].get("terminationGracePeriodSeconds", 30)
    if timeout is None:
        fail(f"{name}: cannot read {source}")
    elif grace < sleep + timeout + GRACE_MARGIN_S:
        fail(f"{name}: terminationGracePeriodSeconds {grace} must be at least the preStop sleep ({sleep} s) plus {source}"
             f" ({timeout:g} s) plus {GRACE_MARGIN_S} s: else it is killed before it has left its consumer groups")
    if not spreads_over_nodes(pod, labels):
        fail(f"{name}: no podAntiAffinity on kubernetes.io/hostname for its own pods (two pods on one node fail together)")


def properties(root, name):
    """A service's application.properties as {key: value} (profile prefixes kept, comments dropped)."""
    result = {}
    for line in (root / name / "src/main/resources/application.properties").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            result[key.strip()] = value.strip()
    return result


def check_behind_ingress(root, name, env_values):
    """Issue 15: the service believes forwarded headers from the ingress alone, and only in a region."""
    profiles = [p.strip() for p in env_values.get("QUARKUS_PROFILE", "").split(",")]
    if profiles[:1] != ["prod"] or TLS_PROXY_PROFILE not in profiles:
        fail(f"{name}: QUARKUS_PROFILE is {env_values.get('QUARKUS_PROFILE')!r}, want prod,{TLS_PROXY_PROFILE}: behind the"
             " ingress, without the profile, sign-in builds an http redirect_uri and the CSRF check refuses every write")
    trusted = [a.strip() for a in env_values.get(TRUSTED_PROXIES_VAR, "").split(",") if a.strip()]
    if not trusted:
        fail(f"{name}: no {TRUSTED_PROXIES_VAR} (the ingress controller's addresses); the service would not start")
    for address in trusted:
        try:
            network = ipaddress.ip_network(address, strict=False)
        except ValueError:
            fail(f"{name}: {TRUSTED_PROXIES_VAR} entry {address!r} is not an IP address or CIDR (a host name costs a DNS"
                 " lookup per request)")
            continue
        if network.prefixlen == 0:
            fail(f"{name}: {TRUSTED_PROXIES_VAR} trusts everyone ({address}): anyone could claim any client address or host")
    props = properties(root, name)
    prefix = f"%{TLS_PROXY_PROFILE}."
    wanted = dict(TLS_PROXY_SETTINGS)
    if any(key.startswith("quarkus.oidc.web.") for key in props):
        wanted[SESSION_COOKIE_SECURE] = "true"
    for key, value in wanted.items():
        if props.get(prefix + key) != value:
            fail(f"{name}: application.properties must set {prefix}{key}={value} (has {props.get(prefix + key)!r})")
    hsts = re.fullmatch(r"max-age=(\d+)(;.*)?", props.get(prefix + HSTS, ""))
    if not hsts or int(hsts.group(1)) < MIN_HSTS_MAX_AGE_S:
        fail(f"{name}: application.properties must send HSTS under the profile ({prefix}{HSTS}=max-age=...,"
             f" at least {MIN_HSTS_MAX_AGE_S} s)")
    for key in props:
        bare = re.sub(r"^%[^.]+\.", "", key)
        if bare.startswith("quarkus.http.proxy.") and not key.startswith(prefix):
            fail(f"{name}: {key} is set outside the profile {TLS_PROXY_PROFILE}: the local stack and the tests must not"
                 " believe forwarded headers")


def check_key_vault(pod, container, env_values, claims):
    """The key vault: one volume shared by every replica, mounted where the service looks, never backed up."""
    directory = env_values.get("REGISTRY_KEY_VAULT_DIRECTORY")
    mount = next((m for m in container.get("volumeMounts", []) if m.get("mountPath") == directory), None)
    if not directory or mount is None:
        fail("registry-service: REGISTRY_KEY_VAULT_DIRECTORY is not a mounted volume")
        return
    volume = next((v for v in pod["spec"].get("volumes", []) if v["name"] == mount["name"]), {})
    claim = claims.get((volume.get("persistentVolumeClaim") or {}).get("claimName"))
    if claim is None:
        fail("registry-service: the key vault is not a PersistentVolumeClaim of the output (an emptyDir would lose every registration)")
        return
    if "ReadWriteMany" not in claim["spec"].get("accessModes", []):
        fail("registry-service: the key vault's claim is not ReadWriteMany, but every replica reads and writes it")
    if claim["metadata"].get("labels", {}).get("velero.io/exclude-from-backup") != "true":
        fail("registry-service: the key vault's claim is not excluded from backups; a backup would keep withdrawn workers' keys")


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    rendered = pathlib.Path(sys.argv[2]).read_text(encoding="utf-8")
    objects = [o for o in yaml.safe_load_all(rendered) if o]
    examples = [o for o in yaml.safe_load_all((root / "deploy/kubernetes/secrets.example.yaml").read_text(encoding="utf-8")) if o]
    secret_keys = {o["metadata"]["name"]: set((o.get("stringData") or {}).keys()) | set((o.get("data") or {}).keys()) for o in examples}

    deployments = by_kind(objects, "Deployment")
    services = by_kind(objects, "Service")
    clusters = by_kind(objects, "Cluster")
    config_maps = by_kind(objects, "ConfigMap")
    for name in clusters:
        secret_keys[f"{name}-app"] = {"username", "password", "uri", "host", "port", "dbname", "jdbc-uri"}
    # Strimzi's Secrets: each KafkaUser's credentials (named as the user) and the cluster CA.
    kafka = next(iter(by_kind(objects, "Kafka").values()), None)
    kafka_name = kafka["metadata"]["name"] if kafka else None
    kafka_users = by_kind(objects, "KafkaUser")
    for user_name, user in kafka_users.items():
        kind = ((user.get("spec") or {}).get("authentication") or {}).get("type")
        secret_keys[user_name] = kafka_acls.USER_SECRET_KEYS.get(kind, set())
    if kafka_name:
        secret_keys[f"{kafka_name}-cluster-ca-cert"] = kafka_acls.CLUSTER_CA_KEYS

    def secret_ref(where, ref):
        if ref["name"] not in secret_keys:
            fail(f"{where}: Secret {ref['name']} is neither in secrets.example.yaml nor made by an operator")
        elif ref["key"] not in secret_keys[ref["name"]] and not ref.get("optional"):
            # An optional key (a previous master key kept after a rotation) may well be absent.
            fail(f"{where}: Secret {ref['name']} has no key {ref['key']} in secrets.example.yaml")

    # --- the services --------------------------------------------------------------------------
    compose = compose_file(root)
    wanted_env = compose_env(compose)
    for name in SERVICES:
        d = deployments.get(name)
        if d is None:
            fail(f"no Deployment {name}")
            continue
        spec, pod = d["spec"], d["spec"]["template"]
        labels = pod["metadata"]["labels"]
        if spec.get("replicas") != 2:
            fail(f"{name}: replicas is {spec.get('replicas')}, want 2")
        if not pod["spec"].get("securityContext", {}).get("runAsNonRoot"):
            fail(f"{name}: not runAsNonRoot")
        container = pod["spec"]["containers"][0]
        for probe, path in (("startupProbe", "/q/health/started"), ("readinessProbe", "/q/health/ready"), ("livenessProbe", "/q/health/live")):
            if (container.get(probe) or {}).get("httpGet", {}).get("path") != path:
                fail(f"{name}: {probe} is not GET {path}")
        res = container.get("resources") or {}
        if not all(res.get("requests", {}).get(r) for r in ("cpu", "memory")) or not res.get("limits", {}).get("memory"):
            fail(f"{name}: needs cpu/memory requests and a memory limit")

        env = {e["name"]: e for e in container.get("env", [])}
        names = set(env)
        env_values = {}
        for ref in container.get("envFrom", []):
            cm = (ref.get("configMapRef") or {}).get("name")
            if cm not in config_maps:
                fail(f"{name}: envFrom ConfigMap {cm} is not in the output")
            else:
                names |= set(config_maps[cm]["data"])
                env_values.update(config_maps[cm]["data"])
        env_values.update({var: e["value"] for var, e in env.items() if "value" in e})
        for var in sorted(wanted_env[name] - COMPOSE_ONLY - names):
            fail(f"{name}: docker-compose.yml sets {var}, the Deployment does not")
        for var, e in env.items():
            ref = (e.get("valueFrom") or {}).get("secretKeyRef")
            if ref:
                secret_ref(f"{name} {var}", ref)
            elif SECRET_NAME.search(var):
                fail(f"{name}: {var} must come from a Secret (secretKeyRef), not a literal value")
        if name != "registry-service" and "REGISTRY_CRYPTO_MASTER_KEY" in names:
            fail(f"{name}: gets the registry master key; only registry-service may")
        if name == "registry-service":
            check_key_vault(pod, container, env_values, by_kind(objects, "PersistentVolumeClaim"))
        # Kafka: logs in as its own KafkaUser, never with another service's credentials.
        user = kafka_users.get(name)
        if user is None:
            fail(f"{name}: no KafkaUser {name} (deploy/kubernetes/base/kafka/users.yaml)")
        else:
            for problem in kafka_acls.client_problems(name, user, kafka_name, env, env_values):
                fail(problem)
        for var, e in env.items():
            ref = (e.get("valueFrom") or {}).get("secretKeyRef") or {}
            if ref.get("name") in kafka_users and ref.get("name") != name:
                fail(f"{name}: {var} reads Secret {ref['name']}, the Kafka credentials of another service")
        if name == "dispatch-service":
            field = ((env.get("DISPATCH_INSTANCE_ID") or {}).get("valueFrom") or {}).get("fieldRef", {}).get("fieldPath")
            if field != "metadata.name":
                fail("dispatch-service: DISPATCH_INSTANCE_ID must come from the pod name (fieldRef metadata.name)")

        # the database: URL -> Cluster
        url = (env.get("QUARKUS_DATASOURCE_REACTIVE_URL") or {}).get("value", "")
        m = re.fullmatch(r"postgresql://([a-z0-9-]+)-rw:5432/(\w+)", url)
        if not m or m.group(1) not in clusters:
            fail(f"{name}: QUARKUS_DATASOURCE_REACTIVE_URL {url!r} does not name a Cluster's -rw service")
        else:
            cluster = clusters[m.group(1)]
            if cluster["spec"]["bootstrap"]["initdb"]["database"] != m.group(2):
                fail(f"{name}: database {m.group(2)} is not the one Cluster {m.group(1)} creates")
            if (env.get("QUARKUS_DATASOURCE_JDBC_URL") or {}).get("value") != "jdbc:" + url:
                fail(f"{name}: the JDBC URL and the reactive URL differ")
            user = ((env.get("QUARKUS_DATASOURCE_USERNAME") or {}).get("valueFrom") or {}).get("secretKeyRef", {}).get("name")
            if user != f"{m.group(1)}-app":
                fail(f"{name}: the database user does not come from {m.group(1)}-app")

        if not any(matches(s["spec"].get("selector"), labels) for s in services.values()):
            fail(f"{name}: no Service selects its pods")
        if not any(matches(p["spec"]["selector"].get("matchLabels"), labels) for p in by_kind(objects, "PodDisruptionBudget").values()):
            fail(f"{name}: no PodDisruptionBudget")
        hpas = [h for h in by_kind(objects, "HorizontalPodAutoscaler").values() if h["spec"]["scaleTargetRef"]["name"] == name]
        if not hpas or hpas[0]["spec"].get("minReplicas", 1) < 2:
            fail(f"{name}: no HorizontalPodAutoscaler with minReplicas >= 2")
        check_keeps_consuming(root, name, d, container, env_values, by_kind(objects, "PodDisruptionBudget").values())
        check_behind_ingress(root, name, env_values)
    ok("services: replicas, probes, resources, env vars, secrets, databases, Service, PDB and HPA; the registry's key vault"
       " is a shared volume excluded from backups")
    ok("services: rollouts surge first, PDBs keep one ready, probes, preStop, grace period and anti-affinity let one consumer"
       " keep consuming")
    ok(f"services: behind the ingress with the profile {TLS_PROXY_PROFILE}: X-Forwarded-* host and scheme from"
       f" {TRUSTED_PROXIES_VAR} only, HSTS, Secure session cookies; no forwarding outside the profile")

    # --- databases -------------------------------------------------------------------------------
    stores = by_kind(objects, "ObjectStore")
    scheduled = {b["spec"]["cluster"]["name"] for b in by_kind(objects, "ScheduledBackup").values()}
    for name, cluster in clusters.items():
        if cluster["spec"].get("instances", 1) < 3:
            fail(f"Cluster {name}: fewer than 3 instances")
        plugins = [p for p in cluster["spec"].get("plugins", []) if p.get("isWALArchiver")]
        store = plugins[0]["parameters"]["barmanObjectName"] if plugins else None
        if store not in stores:
            fail(f"Cluster {name}: no WAL archiving to an existing ObjectStore")
        if name not in scheduled:
            fail(f"Cluster {name}: no ScheduledBackup")
    for store in stores.values():
        creds = store["spec"]["configuration"]["s3Credentials"]
        for ref in creds.values():
            secret_ref(f"ObjectStore {store['metadata']['name']}", ref)
    ok(f"databases: {len(clusters)} Clusters with 3 instances, WAL archiving and nightly backups")

    # --- Kafka -----------------------------------------------------------------------------------
    pools = by_kind(objects, "KafkaNodePool").values()
    brokers = sum(p["spec"]["replicas"] for p in pools if "broker" in p["spec"]["roles"])
    config = kafka["spec"]["kafka"].get("config", {}) if kafka else {}
    if brokers < 3:
        fail(f"Kafka: {brokers} brokers, want 3")
    if str(config.get("min.insync.replicas")) != "2" or str(config.get("default.replication.factor")) != "3":
        fail("Kafka: want min.insync.replicas=2 and default.replication.factor=3")
    for problem in kafka_failover.problems(config, "Kafka spec.kafka.config"):
        fail(problem)
    in_compose = kafka_failover.from_compose(compose)
    for setting in kafka_failover.SETTINGS:
        if setting in config and setting in in_compose and str(config[setting]) != str(in_compose[setting]):
            fail(f"Kafka: {setting} is {config[setting]} on Kubernetes but {in_compose[setting]} in docker-compose.yml")
    in_local_stack = kafka_failover.from_local_stack(root)
    for setting in kafka_failover.SETTINGS:
        if str(config.get(setting)) != str(in_local_stack.get(setting)):
            fail(f"Kafka: {setting} is {config.get(setting)} on Kubernetes but {in_local_stack.get(setting)} in KafkaBrokerMain"
                 " (the local stack's broker)")
    # Issue 14: no listener lets a client in without TLS and a user; the services use one of them.
    listeners = kafka["spec"]["kafka"].get("listeners", []) if kafka else []
    for listener in listeners:
        if not listener.get("tls") or not (listener.get("authentication") or {}).get("type"):
            fail(f"Kafka listener {listener.get('name')} (port {listener.get('port')}) lets clients in without TLS and"
                 " authentication: anyone it admits could pose as a service")
    bootstraps = {f"{kafka_name}-kafka-bootstrap:{listener.get('port')}" for listener in listeners}
    in_config = {cm["data"].get("KAFKA_BOOTSTRAP_SERVERS") for cm in config_maps.values()} - {None}
    if not in_config or not in_config <= bootstraps:
        fail(f"KAFKA_BOOTSTRAP_SERVERS is {sorted(in_config)}, want one of {sorted(bootstraps)}")
    if kafka and (kafka["spec"]["kafka"].get("authorization") or {}).get("type") != "simple":
        fail("Kafka: spec.kafka.authorization.type must be simple: without it the KafkaUsers' ACLs are not enforced")
    if kafka and "userOperator" not in (kafka["spec"].get("entityOperator") or {}):
        fail("Kafka: no entityOperator.userOperator: the KafkaUsers would have no credentials")
    for name in SERVICES:
        user = kafka_users.get(name)
        if user is None:
            continue
        if user["metadata"].get("labels", {}).get("strimzi.io/cluster") != kafka_name:
            fail(f"KafkaUser {name}: label strimzi.io/cluster is not {kafka_name}")
        try:
            want = kafka_acls.expected(root, name)
        except ValueError as e:
            fail(str(e))
            continue
        for problem in kafka_acls.differences(name, want, kafka_acls.granted(user)):
            fail(problem)
    expected = topics_from_contract(root)
    actual = {}
    for topic in by_kind(objects, "KafkaTopic").values():
        spec = topic["spec"]
        name = spec.get("topicName", topic["metadata"]["name"])
        actual[name] = (spec["partitions"], (spec.get("config") or {}).get("cleanup.policy") == "compact")
        if spec.get("replicas") != 3 or str((spec.get("config") or {}).get("min.insync.replicas", config.get("min.insync.replicas"))) != "2":
            fail(f"KafkaTopic {name}: want replicas 3 and min.insync.replicas 2")
    for name in sorted(set(expected) | set(actual)):
        if expected.get(name) != actual.get(name):
            fail(f"KafkaTopic {name}: Topics.java says (partitions, compacted) = {expected.get(name)}, Kubernetes {actual.get(name)}")
    ok(f"Kafka: {brokers} brokers, min.insync.replicas 2; {len(actual)} topics match Topics.ALL; consumer group failover"
       " settings as in docker-compose.yml")
    ok(f"Kafka: {len(listeners)} listener(s), all with TLS and authentication; simple authorization; a KafkaUser per"
       " service with exactly the ACLs its application.properties needs, and each pod logs in as its own")

    # --- Keycloak --------------------------------------------------------------------------------
    keycloaks = by_kind(objects, "Keycloak")
    for imp in by_kind(objects, "KeycloakRealmImport").values():
        spec = imp["spec"]
        if spec["keycloakCRName"] not in keycloaks:
            fail(f"KeycloakRealmImport: no Keycloak {spec['keycloakCRName']}")
        for ph, ref in spec.get("placeholders", {}).items():
            secret_ref(f"KeycloakRealmImport placeholder {ph}", ref["secret"])
            if "${" + ph + "}" not in yaml.safe_dump(spec["realm"]):
                fail(f"KeycloakRealmImport: placeholder {ph} is not used in the realm")
        people = [u["username"] for u in spec["realm"].get("users", []) if not u.get("serviceAccountClientId")]
        if people:
            fail(f"KeycloakRealmImport imports people: {people}")
    for kc in keycloaks.values():
        db = kc["spec"]["db"]
        if db["host"].removesuffix("-rw") not in clusters:
            fail(f"Keycloak: database host {db['host']} is not a Cluster")
    demo = sorted(set(DEMO.findall(rendered)))
    if demo:
        fail(f"demo-only values in the output: {demo}")
    ok("Keycloak: realm import without people or demo values, placeholders from Secrets")

    # --- Ingress and PodMonitor --------------------------------------------------------------------
    for ingress in by_kind(objects, "Ingress").values():
        tls_hosts = {h for entry in ingress["spec"].get("tls", []) for h in entry.get("hosts", [])}
        for host in sorted({rule["host"] for rule in ingress["spec"]["rules"]} - tls_hosts):
            fail(f"Ingress {ingress['metadata']['name']}: host {host} is not in spec.tls: the services behind it expect https")
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                target = services.get(backend["name"])
                if target is None:
                    if backend["name"] not in OPERATOR_SERVICES:
                        fail(f"Ingress {rule['host']}{path['path']}: no Service {backend['name']}")
                elif "name" in backend["port"] and backend["port"]["name"] not in {p.get("name") for p in target["spec"]["ports"]}:
                    fail(f"Ingress {rule['host']}{path['path']}: Service {backend['name']} has no port {backend['port']['name']}")
    for monitor in by_kind(objects, "PodMonitor").values():
        selected = [n for n, d in deployments.items() if matches(monitor["spec"]["selector"]["matchLabels"], d["spec"]["template"]["metadata"]["labels"])]
        if sorted(selected) != sorted(SERVICES):
            fail(f"PodMonitor {monitor['metadata']['name']} selects {selected}, want the three services")
        job_label = monitor["spec"].get("jobLabel")
        for n in selected:
            if deployments[n]["spec"]["template"]["metadata"]["labels"].get(job_label) != n:
                fail(f"PodMonitor: pod label {job_label} of {n} is not {n} (job names of the rules and dashboards)")
    ok("Ingress: every host over TLS; its backends and the PodMonitor match Services and pod labels")

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
