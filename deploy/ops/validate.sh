#!/usr/bin/env bash
# Checks the operations files offline (no cluster, no Docker, no Grafana):
#   1. Prometheus: `promtool check config` on prometheus.yml and prometheus-local.yml (and that the
#      two differ only in their targets), `promtool check rules`, and `promtool test rules` (the
#      alerts fire on series shaped like the services' metrics, and stay quiet otherwise);
#   2. Grafana: every dashboard parses and has uid, title and panels with PromQL targets on the
#      provisioned datasource; every dashboard query parses (promtool); every alarmcentral_* name in
#      dashboards and rules is registered by a service (deploy/ops/check_metrics.py);
#   3. Kubernetes: the generated files are up to date (deploy/kubernetes/generate.py --check); the
#      base and the production overlay render with `kubectl kustomize`; every object of a built-in
#      kind (and PodMonitor/PrometheusRule) validates against its JSON schema from the npm packages
#      kubernetes-models / @kubernetes-models/prometheus-operator; the operators' kinds (Strimzi,
#      CloudNativePG, Keycloak), for which no schema is to be had offline, are checked for what
#      matters by deploy/ops/check_kubernetes.py, as is how the whole tree fits together.
# What it does not check: that Prometheus gets data for each query (the end-to-end run against a
# real Prometheus does), and unknown fields in manifests (needs an API server's dry run).
#
# Tools, chosen because they are reachable here (Debian apt, npm) and work offline:
#   promtool     Debian package `prometheus` (2.42), installed when missing
#   kubectl      already on this kind of machine (Kustomize v5 built in); Debian 12 has only
#                kubectl 1.20 (kubernetes-client), whose Kustomize v2 cannot render this tree
#   node, npm    on the machine; the schema packages go into a cache directory
#   python3      with PyYAML (Debian python3-yaml, installed when missing)
# Idempotent: a second run installs nothing.
#
#   bash deploy/ops/validate.sh
set -euo pipefail

KUBERNETES_MODELS_VERSION=5.1.0
PROMETHEUS_OPERATOR_MODELS_VERSION=6.0.0
YAML_VERSION=2.9.1
TOOLS_DIR="${ALARMCENTRAL_TOOLS_DIR:-$HOME/.cache/alarmcentral-tools}/k8s-schemas"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

step() { printf '==> %s\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

apt_install() {
  command -v apt-get > /dev/null 2>&1 || fail "$1 is missing and apt-get is not available"
  echo "    installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  local log
  log="$(mktemp)"
  if ! apt-get install -y --no-install-recommends "$@" > "$log" 2>&1; then
    if ! { apt-get update && apt-get install -y --no-install-recommends "$@"; } > "$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      fail "could not install $*"
    fi
  fi
  rm -f "$log"
}

# --- tools ------------------------------------------------------------------------------------------
step "tools"
command -v promtool > /dev/null 2>&1 || apt_install prometheus
ok "$(promtool --version 2>&1 | head -1)"
# Debian's python3 with PyYAML (the pyenv python on PATH may lack it).
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON="$(command -v python3 || true)"
[ -n "$PYTHON" ] || fail "python3 is missing"
"$PYTHON" -c 'import yaml' 2> /dev/null || apt_install python3-yaml
"$PYTHON" -c 'import yaml' || fail "PyYAML is missing for $PYTHON"
ok "$("$PYTHON" --version) with PyYAML"
command -v kubectl > /dev/null 2>&1 \
  || fail "kubectl is missing: it renders the Kustomize tree offline (kubectl kustomize); see docs/operations.md"
ok "kubectl $(kubectl version --client 2> /dev/null | sed -n 's/^Kustomize Version: //p' | sed 's/^/(Kustomize /; s/$/)/')"
command -v npm > /dev/null 2>&1 || fail "npm is missing"
installed() { node -p "require('$TOOLS_DIR/node_modules/$1/package.json').version" 2> /dev/null || true; }
if [ "$(installed kubernetes-models)" != "$KUBERNETES_MODELS_VERSION" ] \
    || [ "$(installed @kubernetes-models/prometheus-operator)" != "$PROMETHEUS_OPERATOR_MODELS_VERSION" ] \
    || [ "$(installed yaml)" != "$YAML_VERSION" ]; then
  echo "    installing the Kubernetes schema packages with npm into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm_log="$(mktemp)"
  # --engine-strict=false: kubernetes-models asks for Node 22 but runs on the machine's Node 20.
  if ! npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error --engine-strict=false \
      "kubernetes-models@$KUBERNETES_MODELS_VERSION" \
      "@kubernetes-models/prometheus-operator@$PROMETHEUS_OPERATOR_MODELS_VERSION" \
      "yaml@$YAML_VERSION" > "$npm_log" 2>&1; then
    cat "$npm_log" >&2
    rm -f "$npm_log"
    fail "could not install the Kubernetes schema packages"
  fi
  rm -f "$npm_log"
fi
ok "kubernetes-models $(installed kubernetes-models), prometheus-operator models $(installed @kubernetes-models/prometheus-operator)"

# --- Prometheus ---------------------------------------------------------------------------------------
step "Prometheus (deploy/prometheus)"
for config in deploy/prometheus/prometheus.yml deploy/prometheus/prometheus-local.yml; do
  promtool check config "$config" > "$WORK/promtool.log" 2>&1 \
    || { cat "$WORK/promtool.log" >&2; fail "promtool rejects $config"; }
  ok "promtool check config $config"
done
# The two configs must differ only in where the services are.
"$PYTHON" - deploy/prometheus/prometheus.yml deploy/prometheus/prometheus-local.yml << 'EOF' || fail "prometheus.yml and prometheus-local.yml differ in more than their targets"
import sys, yaml
def shape(path):
    config = yaml.safe_load(open(path))
    for job in config["scrape_configs"]:
        job.pop("static_configs", None)
    return config
sys.exit(0 if shape(sys.argv[1]) == shape(sys.argv[2]) else 1)
EOF
ok "prometheus.yml and prometheus-local.yml differ only in their targets"
promtool check rules deploy/prometheus/rules/*.yml > "$WORK/promtool.log" 2>&1 \
  || { cat "$WORK/promtool.log" >&2; fail "promtool rejects the rules"; }
ok "promtool check rules: $(grep -o '[0-9]* rules found' "$WORK/promtool.log" | paste -sd, -)"
promtool test rules deploy/prometheus/tests/*.yml > "$WORK/promtool.log" 2>&1 \
  || { cat "$WORK/promtool.log" >&2; fail "promtool test rules failed"; }
ok "promtool test rules: $(ls deploy/prometheus/tests/*.yml | wc -l) file(s) passed"

# --- Grafana ------------------------------------------------------------------------------------------
step "Grafana (deploy/grafana) and metric names"
"$PYTHON" deploy/ops/check_metrics.py "$ROOT" "$WORK" || fail "dashboards or metric names"
promtool check rules "$WORK/dashboard-queries.rules.yml" > "$WORK/promtool.log" 2>&1 \
  || { cat "$WORK/promtool.log" >&2; fail "a dashboard query is not valid PromQL"; }
ok "every dashboard query parses (promtool)"

# --- Kubernetes ---------------------------------------------------------------------------------------
step "Kubernetes (deploy/kubernetes)"
"$PYTHON" deploy/kubernetes/generate.py --check || fail "generated Kubernetes files are out of date"
for dir in base overlays/production; do
  out="$WORK/$(echo "$dir" | tr / -).yaml"
  kubectl kustomize "deploy/kubernetes/$dir" > "$out" 2> "$WORK/kustomize.log" \
    || { cat "$WORK/kustomize.log" >&2; fail "kubectl kustomize deploy/kubernetes/$dir"; }
  ok "kubectl kustomize deploy/kubernetes/$dir: $(grep -c '^kind:' "$out") objects"
done
node deploy/ops/validate_kubernetes.mjs "$TOOLS_DIR" "$WORK/base.yaml" "$WORK/overlays-production.yaml" \
  deploy/kubernetes/secrets.example.yaml || fail "Kubernetes schema validation"
"$PYTHON" deploy/ops/check_kubernetes.py "$ROOT" "$WORK/overlays-production.yaml" || fail "Kubernetes consistency checks"

step "all checks passed"
