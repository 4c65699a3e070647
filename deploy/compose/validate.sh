#!/usr/bin/env bash
# Checks docker-compose.yml at the repository root without a Docker engine:
#   1. Debian's docker-compose (v1) parses and resolves it: `docker-compose config -q`
#      (it also rejects keys that only newer Compose versions know, such as `develop`);
#   2. dclint lints it against the current Compose schema and its rules (errors fail);
#   3. every Dockerfile a service builds from, and every host file it mounts, exists;
#   4. the Kafka broker has the consumer group failover settings (deploy/ops/kafka_failover.py), and
#      each service may take longer to stop than its own shutdown timeout (stop_grace_period).
# Installs what it needs when missing (docker-compose from apt, dclint from npm into a cache
# directory), so it runs on a fresh Debian 12 machine as root; a second run installs nothing.
#
#   bash deploy/compose/validate.sh
#
# Exits non-zero on the first problem.
set -euo pipefail

DCLINT_VERSION=3.1.0
TOOLS_DIR="${ALARMCENTRAL_TOOLS_DIR:-$HOME/.cache/alarmcentral-tools}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COMPOSE_FILE=docker-compose.yml
cd "$ROOT"

step() { printf '==> %s\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

[ -f "$COMPOSE_FILE" ] || fail "$ROOT/$COMPOSE_FILE not found"
step "validating $ROOT/$COMPOSE_FILE"

# --- docker-compose v1 (Debian package) ---------------------------------------------------------
step "docker-compose (Debian package)"
if ! command -v docker-compose > /dev/null 2>&1; then
  command -v apt-get > /dev/null 2>&1 || fail "docker-compose is missing and apt-get is not available"
  echo "    installing docker-compose with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt_log="$(mktemp)"
  if ! apt-get install -y --no-install-recommends docker-compose > "$apt_log" 2>&1; then
    echo "    first install failed; running apt-get update and trying again"
    if ! { apt-get update && apt-get install -y --no-install-recommends docker-compose; } > "$apt_log" 2>&1; then
      cat "$apt_log" >&2
      rm -f "$apt_log"
      fail "could not install docker-compose"
    fi
  fi
  rm -f "$apt_log"
fi
ok "$(docker-compose version --short 2> /dev/null || docker-compose --version)"

step "docker-compose -f $COMPOSE_FILE config -q"
docker-compose -f "$COMPOSE_FILE" config -q || fail "docker-compose rejects $COMPOSE_FILE"
ok "docker-compose accepts $COMPOSE_FILE"

# --- dclint (npm) ---------------------------------------------------------------------------------
step "dclint $DCLINT_VERSION (npm, in $TOOLS_DIR)"
command -v npm > /dev/null 2>&1 || fail "npm is missing (Node.js >= 20.19 is needed for dclint)"
DCLINT="$TOOLS_DIR/node_modules/.bin/dclint"
installed_version="$(node -p "require('$TOOLS_DIR/node_modules/dclint/package.json').version" 2> /dev/null || true)"
if [ ! -x "$DCLINT" ] || [ "$installed_version" != "$DCLINT_VERSION" ]; then
  echo "    installing dclint@$DCLINT_VERSION with npm"
  mkdir -p "$TOOLS_DIR"
  npm_log="$(mktemp)"
  if ! npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error \
      "dclint@$DCLINT_VERSION" > "$npm_log" 2>&1; then
    cat "$npm_log" >&2
    rm -f "$npm_log"
    fail "could not install dclint@$DCLINT_VERSION"
  fi
  rm -f "$npm_log"
fi
[ -x "$DCLINT" ] || fail "dclint not found at $DCLINT after installing"
ok "dclint $("$DCLINT" --version)"

# require-project-name-field is off: docker-compose v1 rejects a top-level `name:` key, and the
# file must pass both tools. Warnings are printed; errors fail.
step "dclint $COMPOSE_FILE"
"$DCLINT" "$COMPOSE_FILE" --disable-rule require-project-name-field \
  || fail "dclint reports errors in $COMPOSE_FILE"
ok "dclint reports no errors"

# --- files the compose file refers to ---------------------------------------------------------------
# Read from `docker-compose config`, i.e. after the file was resolved (build contexts are absolute
# there). docker-compose's own Python has PyYAML, so prefer the interpreter it runs with.
step "Dockerfiles and mounted host files referenced by $COMPOSE_FILE"
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON="$(command -v python3 || true)"
[ -n "$PYTHON" ] || fail "python3 is missing"
docker-compose -f "$COMPOSE_FILE" config | "$PYTHON" -c '
import os, sys, yaml

config = yaml.safe_load(sys.stdin)
problems = 0
builds = 0
for name, service in sorted((config.get("services") or {}).items()):
    build = service.get("build")
    if build is not None:
        builds += 1
        if isinstance(build, str):
            build = {"context": build}
        context = build.get("context", ".")
        dockerfile = build.get("dockerfile", "Dockerfile")
        path = dockerfile if os.path.isabs(dockerfile) else os.path.join(context, dockerfile)
        rel = os.path.relpath(path)
        if os.path.isfile(path):
            print(f"    ok: {name}: Dockerfile {rel}")
        else:
            print(f"FAIL: {name}: Dockerfile {rel} does not exist", file=sys.stderr)
            problems += 1
    for volume in service.get("volumes") or []:
        if isinstance(volume, str):
            source = volume.split(":")[0]
            is_bind = source.startswith(("/", "."))
        else:
            source = volume.get("source", "")
            is_bind = volume.get("type") == "bind"
        if not is_bind:
            continue
        rel = os.path.relpath(source)
        if os.path.exists(source):
            print(f"    ok: {name}: mounts {rel}")
        else:
            print(f"FAIL: {name}: mounted host path {rel} does not exist", file=sys.stderr)
            problems += 1
if builds == 0:
    print("FAIL: no service has a build section", file=sys.stderr)
    problems += 1
sys.exit(1 if problems else 0)
' || fail "$COMPOSE_FILE refers to files that do not exist"

# --- failover settings ----------------------------------------------------------------------------
step "consumer group failover: the broker's group.consumer.* settings, the services' stop_grace_period"
"$PYTHON" deploy/ops/kafka_failover.py "$COMPOSE_FILE" || fail "the kafka service lacks the failover settings"
docker-compose -f "$COMPOSE_FILE" config | "$PYTHON" -c '
import re, sys, yaml

services = yaml.safe_load(sys.stdin)["services"]
problems = 0
for name in ("alarm-service", "dispatch-service", "registry-service"):
    grace = str(services[name].get("stop_grace_period", ""))
    m = re.fullmatch(r"(\d+)s", grace)
    # The shutdown timeout (about 20 s) plus room: Docker kills at the end of it.
    if not m or int(m.group(1)) < 30:
        print(f"FAIL: {name}: stop_grace_period is {grace or None}, want at least 30s", file=sys.stderr)
        problems += 1
    else:
        print(f"    ok: {name}: stop_grace_period {grace}")
sys.exit(1 if problems else 0)
' || fail "a service would be killed before it has stopped"

step "all checks passed"
