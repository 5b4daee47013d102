/** The plugin directories' files: the runner reads them as the Higress gateway would, and rewrites them faithfully. */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { parseEnvoyConfig } from "@higress-ts/host";
import { withPluginConfiguration } from "../src/envoy-yaml.js";
import { E2E_ROOT, readSuites, type PluginSuite } from "../src/suite.js";

const GATEWAY_IMAGE = "higress-registry.cn-hangzhou.cr.aliyuncs.com/higress/gateway:v2.1.5";

describe("plugin directories", () => {
  let suites: PluginSuite[];
  before(async () => {
    suites = await readSuites();
  });

  it("hold the four reference plugins", () => {
    assert.deepEqual(suites.map((s) => s.name), ["hello-world", "http-call", "mock-enable", "redis-qpm"]);
  });

  it("run the Higress gateway with wasm debug logs, the guide's envoy.yaml and the plugin's build/main.wasm", () => {
    for (const suite of suites) {
      const { gateway } = suite.compose;
      assert.equal(gateway.service, "envoy");
      assert.equal(gateway.wasmLogLevel, "debug");
      assert.deepEqual(gateway.ports, [{ host: 10000, container: 10000 }, { host: 9901, container: 9901 }]);
      assert.deepEqual(gateway.mounts, [
        { source: join(E2E_ROOT, suite.name, "envoy.yaml"), target: "/etc/envoy/envoy.yaml" },
        { source: join(E2E_ROOT, "..", "plugins", suite.name, "build", "main.wasm"), target: "/etc/envoy/main.wasm" },
      ]);
    }
  });

  it("name in the compose file every service the envoy.yaml's clusters reach", () => {
    for (const suite of suites) {
      const parsed = parseEnvoyConfig(suite.envoyYaml);
      assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
      const hosts = new Set(parsed.config.clusters.flatMap((c) => c.endpoints.map((e) => e.address)));
      assert.deepEqual([...hosts].sort(), suite.compose.upstreams.map((u) => u.service).sort(), suite.name);
    }
  });

  it("pin the gateway image in every compose file", async () => {
    for (const suite of suites) assert.match(await readFile(suite.compose.path, "utf8"), new RegExp(`image: ${GATEWAY_IMAGE.replace(/[.]/g, "\\.")}\\n`));
  });
});

describe("switching a plugin's configuration in envoy.yaml", () => {
  it("changes the wasm filter's configuration and nothing else", async () => {
    for (const suite of await readSuites()) {
      const before = parseEnvoyConfig(suite.envoyYaml);
      const after = parseEnvoyConfig(withPluginConfiguration(suite.envoyYaml, '{\n  "mockEnable": true\n}\n'));
      assert.ok(before.ok && after.ok);
      const filter = after.config.listeners[0]!.http.wasmFilters[0]!;
      assert.equal(filter.configuration, '{\n  "mockEnable": true\n}\n');
      const { wasmFilters: _after, ...httpAfter } = after.config.listeners[0]!.http;
      const { wasmFilters: _before, ...httpBefore } = before.config.listeners[0]!.http;
      assert.deepEqual(httpAfter, httpBefore);
      assert.deepEqual({ ...filter, configuration: "" }, { ...before.config.listeners[0]!.http.wasmFilters[0]!, configuration: "" });
      assert.deepEqual(after.config.clusters, before.config.clusters);
    }
  });

  it("refuses a file without exactly one wasm filter", () => {
    assert.throws(() => withPluginConfiguration("static_resources:\n  listeners: []\n  clusters: []\n", "{}"), /expected exactly one wasm filter, found 0/);
  });
});
