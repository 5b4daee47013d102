// The SDK through the local host, with the probe fixture: per-request values across phases, the request line
// cached at request headers, a buffered body over three chunks, a streaming body chunk by chunk, log levels.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { headerValue } from "@higress-ts/host";
import { buildPlugin, load, pluginMessages } from "./build-plugin.js";

const fixture = fileURLToPath(new URL("./fixtures/probe", import.meta.url));
let wasm;

before(() => {
  wasm = buildPlugin(fixture);
});

async function probe(options = {}) {
  const outcome = await load(wasm, "sdk-probe", '{"tag":"t1"}', options);
  assert.equal(outcome.ok, true, outcome.error);
  return outcome.host;
}

const echoUpstream = (chunks) => (request) => ({
  status: 200,
  headers: { "content-type": "text/plain", "x-upstream-saw": new TextDecoder().decode(request.body) },
  body: chunks,
});

describe("per-request context values", () => {
  it("carries values set at request headers into the response phase, with typed defaults, and the config", async () => {
    const host = await probe();
    const response = await host.request(
      { method: "GET", path: "/a?x=1", authority: "example.com" },
      { upstream: echoUpstream(["ok"]) },
    );
    assert.equal(headerValue(response.headers, "x-start-path"), "/a?x=1");
    assert.equal(headerValue(response.headers, "x-missing"), "default");
    assert.equal(headerValue(response.headers, "x-request-line"), "http GET example.com/a?x=1");
    assert.equal(headerValue(response.headers, "x-has-request-body"), "false");
    assert.equal(headerValue(response.headers, "x-config-tag"), "t1");
  });

  it("keeps each request's values apart", async () => {
    const host = await probe();
    const first = await host.request({ method: "GET", path: "/first" }, { upstream: echoUpstream(["1"]) });
    const second = await host.request({ method: "GET", path: "/second" }, { upstream: echoUpstream(["2"]) });
    assert.equal(headerValue(first.headers, "x-start-path"), "/first");
    assert.equal(headerValue(second.headers, "x-start-path"), "/second");
  });
});

describe("body handlers", () => {
  it("gives a buffered handler the whole body once, at the end of a body sent in 3 chunks", async () => {
    const host = await probe();
    const response = await host.request(
      { method: "POST", path: "/upload", body: ["abc", "def", "ghi"] },
      { upstream: echoUpstream(["ok"]) },
    );
    assert.equal(response.upstreamRequest && new TextDecoder().decode(response.upstreamRequest.body), "t1:abcdefghi");
    assert.equal(headerValue(response.headers, "x-request-body-calls"), "1");
    assert.equal(headerValue(response.headers, "x-has-request-body"), "true");
  });

  it("gives a streaming handler each chunk and sends what it returns in its place", async () => {
    const host = await probe();
    const response = await host.request({ method: "GET", path: "/" }, { upstream: echoUpstream(["ab", "cd", "ef"]) });
    assert.equal(response.text(), "<AB><CD><EF>#3");
  });
});

describe("log levels", () => {
  it("asks the host's level: at info, debug lines are not written and the logger reports debug off", async () => {
    const host = await probe({ logLevel: "info" });
    const response = await host.request({ method: "GET", path: "/p" });
    assert.equal(headerValue(response.upstreamRequest.headers, "x-debug-enabled"), "false");
    const messages = pluginMessages(response.logs);
    assert.ok(messages.some((m) => m.endsWith("probe request GET /p")), messages.join("\n"));
    assert.ok(!messages.some((m) => m.includes("probe debug line")));
  });

  it("at debug, writes debug lines as [plugin] [pluginID] [requestID] msg", async () => {
    const host = await probe({ logLevel: "debug" });
    const response = await host.request({ method: "GET", path: "/p", requestId: "rid-7" });
    assert.equal(headerValue(response.upstreamRequest.headers, "x-debug-enabled"), "true");
    assert.ok(pluginMessages(response.logs).includes("[sdk-probe] [nil] [rid-7] probe debug line"));
  });

  it("gives a line logged after request headers the same request id (the headers kept for later phases)", async () => {
    const host = await probe({ logLevel: "debug" });
    const response = await host.request({ method: "GET", path: "/p", requestId: "rid-8" });
    assert.ok(pluginMessages(response.logs).includes("[sdk-probe] [nil] [rid-8] probe response line"));
    assert.deepEqual(response.violations, []);
  });

  it("writes nothing below warn when the host is at warn, not even the start line", async () => {
    const outcome = await load(wasm, "sdk-probe", "{}", { logLevel: "warn" });
    assert.equal(outcome.ok, true);
    assert.deepEqual(pluginMessages(outcome.logs), []);
  });
});

describe("plugin context", () => {
  it("keeps per-plugin values across requests and wins the leader election alone", async () => {
    const host = await probe();
    for (const path of ["/1", "/2"]) {
      const response = await host.request({ method: "GET", path });
      assert.equal(headerValue(response.headers, "x-plugin-starts"), "1");
      assert.equal(headerValue(response.headers, "x-leader"), "true");
    }
  });
});

describe("tick functions", () => {
  it("sets the 100 ms timer and runs a function on the first tick, then only when its period has passed", async () => {
    const outcome = await load(wasm, "sdk-probe", '{"tickMs": 60000}');
    assert.equal(outcome.ok, true, outcome.error);
    const host = outcome.host;
    assert.equal(host.tickPeriodMs, 100);
    const ticks = () => pluginMessages(host.logs).filter((m) => m.endsWith("probe tick")).length;
    assert.equal(host.tick(), true);
    assert.equal(ticks(), 1);
    assert.equal(host.tick(), true);
    assert.equal(ticks(), 1);
  });

  it("sets no timer without tick functions", async () => {
    assert.equal((await probe()).tickPeriodMs, 0);
  });

  it("fails the start when a period is not a multiple of 100 ms", async () => {
    const outcome = await load(wasm, "sdk-probe", '{"tickMs": 150}');
    assert.equal(outcome.ok, false);
    const reason = "tick period must be a positive multiple of 100 ms, got 150";
    assert.ok(pluginMessages(outcome.logs).some((m) => m.includes(reason)));
  });
});
