#!/usr/bin/env python3
"""Checks what the schemas cannot: that the rendered Kubernetes tree fits together and fits the
rest of the repository. Called by deploy/ops/validate.sh:

  check_kubernetes.py ROOT RENDERED_OVERLAY.yaml

- The three services: 2 replicas, startup/readiness/liveness probes on /q/health/*, requests and
  limits, non-root; a Service, a PodDisruptionBudget and an HPA (min >= 2) for each.
- Environment: every variable docker-compose.yml gives a service is given on Kubernetes too
  (except the demo-only ones below); secrets only through secretKeyRef, each Secret either in
  deploy/kubernetes/secrets.example.yaml with that key or made by an operator; the master key only
  for registry-service; DISPATCH_INSTANCE_ID from the pod name.
- Databases: each service's URL names an existing CloudNativePG Cluster (<name>-rw) and its
  database; 3 instances; in the overlay, WAL archiving to an ObjectStore and a ScheduledBackup.
- Kafka: 3 brokers, min.insync.replicas=2, replication 3, and the KafkaTopics are exactly
  Topics.ALL of contract/.../Topics.java (names, partitions, compaction).
- Keycloak: the realm import targets the Keycloak CR; its placeholders exist as Secret keys; it
  imports no person (only service accounts); nothing demo-only appears anywhere in the output.
- Ingress and PodMonitor point at Services, ports and labels that exist.
"""
import pathlib
import re
import sys

import yaml

SERVICES = ("alarm-service", "dispatch-service", "registry-service")
COMPOSE_ONLY = {"ALARM_DEVICES_DEMO_SEED"}  # binds the demo buttons: never in a region
SECRET_NAME = re.compile(r"(SECRET|PASSWORD|_KEY)$")
DEMO = re.compile(r"dev-secret|-demo\b|demo-only|demo-cli|worker1|dispatcher1")
# Made by operators, not by hand: Keycloak's service, and CloudNativePG's <cluster>-app Secrets.
OPERATOR_SERVICES = {"alarmcentral-keycloak-service"}

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


def compose_env(root):
    compose = yaml.safe_load((root / "docker-compose.yml").read_text(encoding="utf-8"))
    return {name: set((compose["services"][name].get("environment") or {}).keys()) for name in SERVICES}


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

    def secret_ref(where, ref):
        if ref["name"] not in secret_keys:
            fail(f"{where}: Secret {ref['name']} is neither in secrets.example.yaml nor made by an operator")
        elif ref["key"] not in secret_keys[ref["name"]]:
            fail(f"{where}: Secret {ref['name']} has no key {ref['key']} in secrets.example.yaml")

    # --- the services --------------------------------------------------------------------------
    wanted_env = compose_env(root)
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
        for ref in container.get("envFrom", []):
            cm = (ref.get("configMapRef") or {}).get("name")
            if cm not in config_maps:
                fail(f"{name}: envFrom ConfigMap {cm} is not in the output")
            else:
                names |= set(config_maps[cm]["data"])
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
    ok("services: replicas, probes, resources, env vars, secrets, databases, Service, PDB and HPA")

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
    kafka = next(iter(by_kind(objects, "Kafka").values()), None)
    config = kafka["spec"]["kafka"].get("config", {}) if kafka else {}
    if brokers < 3:
        fail(f"Kafka: {brokers} brokers, want 3")
    if str(config.get("min.insync.replicas")) != "2" or str(config.get("default.replication.factor")) != "3":
        fail("Kafka: want min.insync.replicas=2 and default.replication.factor=3")
    bootstrap = f"{kafka['metadata']['name']}-kafka-bootstrap:9092" if kafka else None
    if bootstrap not in (cm["data"].get("KAFKA_BOOTSTRAP_SERVERS") for cm in config_maps.values()):
        fail(f"KAFKA_BOOTSTRAP_SERVERS is not {bootstrap}")
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
    ok(f"Kafka: {brokers} brokers, min.insync.replicas 2; {len(actual)} topics match Topics.ALL")

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
    ok("Ingress backends and the PodMonitor match Services and pod labels")

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
