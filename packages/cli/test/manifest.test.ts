import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { runCli } from "./cli-harness.js";
import { scratchDir } from "./plugin-fixture.js";

function pluginDir(packageJson: object, config?: string): string {
  const dir = scratchDir("manifest");
  writeFileSync(join(dir, "package.json"), JSON.stringify(packageJson));
  if (config !== undefined) writeFileSync(join(dir, "config.json"), config);
  return dir;
}

describe("higress-ts manifest", () => {
  it("prints a WasmPlugin with the example config, the image, and phase and priority from package.json", () => {
    const dir = pluginDir({ name: "@acme/plugin-mock-enable", version: "1.0.0",
      higress: { phase: "AUTHN", priority: 200, image: "registry.example.com/plugins/mock-enable" } }, `{"mockEnable": true}`);
    const run = runCli(["manifest", dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(parse(run.stdout), {
      apiVersion: "extensions.higress.io/v1alpha1",
      kind: "WasmPlugin",
      metadata: { name: "mock-enable", namespace: "higress-system" },
      spec: {
        url: "oci://registry.example.com/plugins/mock-enable:1.0.0",
        pluginName: "mock-enable",
        phase: "AUTHN",
        priority: 200,
        defaultConfig: { mockEnable: true },
      },
    });
    assert.match(run.stdout, /\n  # Per-route or per-domain config overrides defaultConfig, e\.g\.:\n  # matchRules:\n  #   - ingress:\n  #       - default\/example-ingress\n  #     config:\n  #       mockEnable: true\n  #   - domain:\n  #       - "\*\.example\.com"\n/);
  });

  it("takes matchRules from the metadata, the image from --image, and writes to --out", () => {
    const rules = [{ domain: ["api.example.com"], config: { mockEnable: false } }];
    const dir = pluginDir({ name: "tiny", version: "2.0.0", higress: { matchRules: rules } });
    const out = join(dir, "wasmplugin.yaml");
    const run = runCli(["manifest", "--image", "oci://localhost:5000/tiny:2.0.0", "--namespace", "gateways", "--out", out, dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "");
    const doc = parse(readFileSync(out, "utf8"));
    assert.equal(doc.metadata.namespace, "gateways");
    assert.equal(doc.spec.url, "oci://localhost:5000/tiny:2.0.0");
    assert.deepEqual(doc.spec.defaultConfig, {});
    assert.deepEqual(doc.spec.matchRules, rules);
    assert.deepEqual([doc.spec.phase, doc.spec.priority], ["UNSPECIFIED_PHASE", 0]);
  });

  it("names the file and the fix: no image, a bad phase, a broken config", () => {
    const noImage = pluginDir({ name: "tiny" });
    assert.equal(runCli(["manifest", noImage]).stderr, `error: ${join(noImage, "package.json")} names no image for tiny\n` +
      `  Pass --image <registry>/<repository>:<tag>, or set "higress": { "image": "<registry>/<repository>" } in package.json.\n`);
    const badPhase = pluginDir({ name: "tiny", higress: { phase: "LAST" } });
    assert.equal(runCli(["manifest", "--image", "r/t:1", badPhase]).stderr,
      `error: ${join(badPhase, "package.json")}: "higress.phase" is "LAST"\n  Use one of UNSPECIFIED_PHASE, AUTHN, AUTHZ, STATS.\n`);
    const broken = pluginDir({ name: "tiny" }, "{ mockEnable: true }");
    const run = runCli(["manifest", "--image", "r/t:1", broken]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`^error: ${join(broken, "config.json")} is not valid JSON: .+\n  Fix the example config; it becomes the WasmPlugin's defaultConfig\\.\n$`));
  });
});
