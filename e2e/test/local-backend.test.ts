/** The local backend switches configuration as the guide's reader does: the gateway restarts, the upstreams keep running. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Backend } from "../src/backend.js";
import { leaveRoomInMinute } from "../src/case-runner.js";
import { withPluginConfiguration } from "../src/envoy-yaml.js";
import { startLocalBackend } from "../src/local-backend.js";
import { sendRequest } from "../src/send-request.js";
import { E2E_ROOT, readSuite, type PluginSuite } from "../src/suite.js";

const get = { method: "GET", path: "/get", headers: {}, body: undefined };

describe("local backend reconfiguration", () => {
  let suite: PluginSuite;
  let backend: Backend;
  before(async () => {
    suite = await readSuite(`${E2E_ROOT}redis-qpm`, "redis-qpm");
    backend = await startLocalBackend(suite);
  });
  after(() => backend?.stop());

  it("keeps the same redis-server: the minute's count goes on across the gateway restart", async () => {
    await leaveRoomInMinute(); // both requests must count in one minute
    const first = await sendRequest(backend.url, get);
    const firstUrl = backend.url;
    await backend.configure(withPluginConfiguration(suite.envoyYaml, '{"serviceName": "redis.dns", "servicePort": 6379, "qpm": 1000}'));
    const second = await sendRequest(backend.url, get);
    assert.notEqual(backend.url, firstUrl, "a new gateway listens");
    assert.equal(first.headers["calltimeleft"], "2");
    assert.equal(second.headers["calltimeleft"], "998", "the second request of the minute, counted by the same Redis");
    assert.equal(second.headers["timestamp"], first.headers["timestamp"]);
  });

  it("reports a configuration the gateway refuses, with Envoy's reason", async () => {
    const broken = suite.envoyYaml.replace("cluster: httpbin\n", "cluster: nowhere\n");
    await assert.rejects(backend.configure(broken), /the local gateway did not start: invalid envoy\.yaml: .*unknown cluster "nowhere"/);
  });
});
