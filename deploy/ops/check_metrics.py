#!/usr/bin/env python3
"""Offline checks of the Grafana dashboards and of the metric names used by dashboards and rules.

Called by deploy/ops/validate.sh (which runs promtool on the files this script writes):

  check_metrics.py ROOT OUT_DIR

1. Every dashboard in deploy/grafana/dashboards parses and has the structure Grafana's file
   provisioning needs: a unique uid, a title, panels with unique ids and a gridPos, and every
   panel that is not a row queries the provisioned datasource with at least one PromQL target.
   The two dashboards the issue asks for ("Alarm central", "Services") exist.
2. Every PromQL expression of the dashboards is written, with Grafana's variables replaced, as a
   recording rule into OUT_DIR/dashboard-queries.rules.yml, so that `promtool check rules` parses it.
3. Every alarmcentral_* metric named in a dashboard or rule is one the services register with
   Micrometer (read from */src/main/java: Counter -> _total, Timer -> _seconds_bucket/_count/_sum/
   _max, Gauge -> as is), and every alarmcentral:* name is a recording rule of the rules file.
   Names in PENDING are announced but not yet in the code: reported, not failed, and the queries
   that read them are left out of OUT_DIR/queries.json (OpsMetricsIT's list). Other metrics
   (http_*, jvm_*, kafka_*, postgresql_*, up) come from Quarkus and Micrometer; the end-to-end run
   against a real Prometheus checks that they return data.

Standard library only, plus PyYAML for the rules file (Debian: python3-yaml).
"""
import json
import pathlib
import re
import sys

import yaml

DATASOURCE_UID = "alarmcentral-prometheus"
REQUIRED_TITLES = {"Alarm central", "Services"}

# Metrics announced but not registered by a service yet. Remove a name here once the service
# registers it; this script then checks it like the others.
PENDING: set = set()

# Grafana variables -> something PromQL parses.
GRAFANA_VARS = [
    ("$__rate_interval", "1m"),
    ("$__interval", "1m"),
    ("$__range", "1h"),
    ("$job", "alarm-service"),
]

BUILDER = re.compile(r'\b(Counter|Timer|Gauge|DistributionSummary|FunctionCounter|LongTaskTimer)\s*\.\s*builder\(\s*"(alarmcentral\.[a-z0-9.]+)"')
NAME = re.compile(r"\balarmcentral[_:][a-zA-Z0-9_:]*")

problems = []


def fail(message):
    problems.append(message)
    print(f"FAIL: {message}", file=sys.stderr)


def exported_names(root):
    """The Prometheus names of every alarmcentral.* meter registered in the services' main code."""
    names = set()
    for source in root.glob("*/src/main/java/**/*.java"):
        for kind, dotted in BUILDER.findall(source.read_text(encoding="utf-8")):
            base = dotted.replace(".", "_")
            if kind in ("Counter", "FunctionCounter"):
                names.add(base + "_total")
            elif kind in ("Timer", "LongTaskTimer"):
                names.update(base + "_seconds" + s for s in ("_bucket", "_count", "_sum", "_max"))
            elif kind == "DistributionSummary":
                names.update(base + s for s in ("_bucket", "_count", "_sum", "_max"))
            else:
                names.add(base)
    return names


def check_dashboard(path, seen_uids, queries):
    try:
        board = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        fail(f"{path.name}: not valid JSON: {e}")
        return None
    uid, title = board.get("uid"), board.get("title")
    if not isinstance(uid, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", uid or ""):
        fail(f"{path.name}: uid missing or not 1-40 of [A-Za-z0-9_-]")
    elif uid in seen_uids:
        fail(f"{path.name}: uid {uid} also used by {seen_uids[uid]}")
    else:
        seen_uids[uid] = path.name
    if not isinstance(title, str) or not title.strip():
        fail(f"{path.name}: title missing")
    panels = board.get("panels")
    if not isinstance(panels, list) or not panels:
        fail(f"{path.name}: no panels")
        return title
    ids = set()
    targets_total = 0
    for panel in panels:
        pid, ptitle = panel.get("id"), panel.get("title", "?")
        where = f"{path.name}: panel {pid} '{ptitle}'"
        if not isinstance(pid, int) or pid in ids:
            fail(f"{where}: id missing or repeated")
        ids.add(pid)
        grid = panel.get("gridPos") or {}
        if not all(isinstance(grid.get(k), int) for k in ("h", "w", "x", "y")) or grid["x"] + grid["w"] > 24:
            fail(f"{where}: gridPos missing or wider than 24 columns")
        if panel.get("type") == "row":
            continue
        if (panel.get("datasource") or {}).get("uid") != DATASOURCE_UID:
            fail(f"{where}: datasource is not uid {DATASOURCE_UID}")
        targets = panel.get("targets")
        if not isinstance(targets, list) or not targets:
            fail(f"{where}: no targets")
            continue
        for target in targets:
            expr = target.get("expr")
            if not isinstance(expr, str) or not expr.strip() or not target.get("refId"):
                fail(f"{where}: a target without expr or refId")
                continue
            if (target.get("datasource") or {}).get("uid", DATASOURCE_UID) != DATASOURCE_UID:
                fail(f"{where}: target {target['refId']} uses another datasource")
            targets_total += 1
            queries.append((f"{path.name} panel {pid} {target['refId']}", expr))
    print(f"    ok: {path.name}: uid {uid}, '{title}', {len(panels)} panels, {targets_total} queries")
    return title


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    out = pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)

    # 1. dashboards
    boards = sorted((root / "deploy/grafana/dashboards").glob("*.json"))
    if not boards:
        fail("no dashboards in deploy/grafana/dashboards")
    seen_uids, queries, titles = {}, [], set()
    for path in boards:
        titles.add(check_dashboard(path, seen_uids, queries))
    for missing in sorted(REQUIRED_TITLES - titles):
        fail(f"no dashboard titled '{missing}'")
    provisioned = (root / "deploy/grafana/provisioning/datasources/prometheus.yml").read_text(encoding="utf-8")
    if f"uid: {DATASOURCE_UID}" not in provisioned:
        fail(f"the provisioned datasource does not have uid {DATASOURCE_UID}")

    # 2. dashboard queries as recording rules, for promtool
    rules = []
    every_query = []
    for i, (where, expr) in enumerate(queries):
        for var, value in GRAFANA_VARS:
            expr = expr.replace(var, value)
        if "$" in expr:
            fail(f"{where}: unknown Grafana variable in {expr}")
        rules.append({"record": f"dashboard_query_{i}", "expr": expr})
        every_query.append({"where": where, "expr": expr, "alert": False})
    (out / "dashboard-queries.rules.yml").write_text(
        yaml.safe_dump({"groups": [{"name": "dashboard-queries", "rules": rules}]}, sort_keys=False), encoding="utf-8")
    print(f"    ok: {len(rules)} dashboard queries written for promtool")

    # 3. metric names
    exported = exported_names(root)
    rules_doc = yaml.safe_load((root / "deploy/prometheus/rules/alarmcentral.rules.yml").read_text(encoding="utf-8"))
    recorded = {r["record"] for g in rules_doc["groups"] for r in g["rules"] if "record" in r}
    rule_exprs = [(f"rule {r.get('alert') or r.get('record')}", r["expr"]) for g in rules_doc["groups"] for r in g["rules"]]
    every_query += [{"where": f"rule {r.get('alert') or r.get('record')}", "expr": str(r["expr"]).strip(),
                     "alert": "alert" in r} for g in rules_doc["groups"] for r in g["rules"]]
    # For the end-to-end check against a real Prometheus (OpsMetricsIT): every expression, as Prometheus gets it,
    # except those reading a PENDING name no service exports yet (they cannot return data before it does).
    not_yet = PENDING - exported
    checkable = [q for q in every_query if not set(NAME.findall(q["expr"])) & not_yet]
    (out / "queries.json").write_text(json.dumps(checkable, indent=1), encoding="utf-8")
    if len(checkable) < len(every_query):
        print(f"    note: {len(every_query) - len(checkable)} queries read PENDING names: left out of queries.json (OpsMetricsIT)")
    used = {}
    for where, expr in queries + rule_exprs:
        for name in NAME.findall(str(expr)):
            used.setdefault(name, where)
    pending_used = set()
    for name, where in sorted(used.items()):
        if ":" in name:
            if name not in recorded:
                fail(f"{where}: {name} is not a recording rule of alarmcentral.rules.yml")
        elif name in PENDING and name not in exported:
            pending_used.add(name)
        elif name not in exported:
            fail(f"{where}: {name} is not registered by any service (see */src/main/java)")
    print(f"    ok: {len(used)} alarmcentral names used; {len(exported)} exported by the services")
    for name in sorted(pending_used):
        print(f"    note: {name} is used but not exported yet (PENDING in {pathlib.Path(__file__).name})")
    for name in sorted(PENDING & exported):
        print(f"    note: {name} is exported now: remove it from PENDING")

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
