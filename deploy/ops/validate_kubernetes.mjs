// Validates rendered Kubernetes manifests against the Kubernetes JSON schemas, offline.
//
//   node validate_kubernetes.mjs TOOLS_DIR FILE...
//
// The schemas come from npm packages installed by deploy/ops/validate.sh into TOOLS_DIR:
// kubernetes-models (the built-in kinds: Deployment, Service, ...) and
// @kubernetes-models/prometheus-operator (PodMonitor, PrometheusRule). Each object is validated
// against the schema of its apiVersion and kind: types, required fields and enums. Limit: these
// schemas, like the API server's OpenAPI, do not forbid unknown fields, so a misspelt optional
// field is not caught here (a server-side dry run would catch it; there is no server offline).
//
// The operators' kinds (Strimzi, CloudNativePG and its Barman Cloud plugin, the Keycloak Operator)
// have no schema package on npm: they are listed as skipped, and deploy/ops/check_kubernetes.py
// checks what matters in them. Any other kind without a schema fails.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [toolsDir, ...files] = process.argv.slice(2);
const modules = join(toolsDir, "node_modules");
const { parseAllDocuments } = await import(pathToFileURL(join(modules, "yaml/dist/index.js")).href);

const NO_SCHEMA_OFFLINE = new Set([
  "kafka.strimzi.io",
  "postgresql.cnpg.io",
  "barmancloud.cnpg.io",
  "k8s.keycloak.org",
]);

function modelFile(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "monitoring.coreos.com") {
    return join(modules, "@kubernetes-models/prometheus-operator", group, version, `${kind}.js`);
  }
  return join(modules, "kubernetes-models", group, version, `${kind}.js`);
}

let failures = 0;
let validated = 0;
const skipped = new Map();
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      console.error(`FAIL: ${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    const { apiVersion, kind } = object;
    const name = object.metadata?.name;
    const what = `${file}: ${kind ?? "?"} ${name ?? "?"}`;
    if (!apiVersion || !kind || !name) {
      console.error(`FAIL: ${what}: apiVersion, kind and metadata.name are required`);
      failures++;
      continue;
    }
    const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
    if (NO_SCHEMA_OFFLINE.has(group)) {
      skipped.set(`${apiVersion} ${kind}`, (skipped.get(`${apiVersion} ${kind}`) ?? 0) + 1);
      continue;
    }
    const path = modelFile(apiVersion, kind);
    if (!existsSync(path)) {
      console.error(`FAIL: ${what}: no schema for ${apiVersion} ${kind}`);
      failures++;
      continue;
    }
    const Model = (await import(pathToFileURL(path).href))[kind];
    try {
      new Model(object).validate();
      validated++;
    } catch (e) {
      console.error(`FAIL: ${what}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`    ok: ${validated} objects valid against the Kubernetes schemas`);
for (const [kind, count] of skipped) {
  console.log(`    skipped (no schema offline; see check_kubernetes.py): ${count} x ${kind}`);
}
process.exit(failures ? 1 : 0);
