// routeCall and user attributes through the local host (ABI 0.2.100, as RouteCall needs a real StopIteration).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { headerValue } from "@higress-ts/host";
import { buildPlugin, load, pluginMessages } from "./build-plugin.js";

const fixture = fileURLToPath(new URL("./fixtures/route-call", import.meta.url));
let wasm;
let host;
// Every request of this fixture is route-called, so it needs an upstream answer with a body: on a headers-only
// answer the SDK, like Go's wrapper, delivers the callback and holds the response (StopAllIterationAndWatermark),
// which in Envoy waits for the plugin or stream_idle_timeout.
const withBody = { upstream: () => ({ status: 200, body: "ok" }) };

before(async () => {
  wasm = buildPlugin(fixture, "0.2.100");
  const outcome = await load(wasm, "route-call", undefined);
  assert.equal(outcome.ok, true, outcome.error);
  host = outcome.host;
});

describe("user attributes", () => {
  it("writes them to custom_log, keys sorted, escaped twice as Go does (json.Marshal, MarshalStr)", async () => {
    const response = await host.request({ method: "POST", path: "/original", body: "b" }, withBody);
    const seen = response.upstreamRequest.headers;
    const expected = String.raw`{\"cached\":true,\"tries\":3,\"user\":\"alice \\u003ca@b\\u003e\"}`;
    assert.equal(headerValue(seen, "x-custom-log"), expected);
    assert.equal(headerValue(seen, "x-user-attribute"), "alice <a@b>");
  });
});

describe("routeCall", () => {
  it("sends the rewritten request upstream and hands the upstream's answer to the callback", async () => {
    const response = await host.request(
      { method: "POST", path: "/original?a=b", authority: "svc.local", body: ["one", "two"] },
      { upstream: () => ({ status: 201, headers: { "content-type": "text/plain" }, body: ["up", "stream"] }) },
    );
    const upstream = response.upstreamRequest;
    assert.equal(headerValue(upstream.headers, ":method"), "PUT");
    assert.equal(headerValue(upstream.headers, ":path"), "/rewritten?q=1");
    assert.equal(headerValue(upstream.headers, "x-route-call"), "1");
    assert.equal(headerValue(upstream.headers, "x-envoy-original-method"), "POST");
    assert.equal(headerValue(upstream.headers, "x-envoy-original-path"), "/original?a=b");
    assert.equal(headerValue(upstream.headers, "x-envoy-original-host"), "svc.local");
    assert.equal(new TextDecoder().decode(upstream.body), "rewritten:onetwo");
    assert.equal(response.text(), "captured 201: upstream");
  });
});

describe("safe-log mode", () => {
  const routeCallStart = (messages) => messages.filter((m) => m.includes("route call start"));

  it("keeps unsafe lines out of the info level", async () => {
    const response = await host.request({ method: "POST", path: "/original", body: "b" }, withBody);
    assert.deepEqual(routeCallStart(pluginMessages(response.logs)), []);
  });

  it("writes them at debug, starting on a new line", async () => {
    const outcome = await load(wasm, "route-call", undefined, { logLevel: "debug" });
    const response = await outcome.host.request({ method: "POST", path: "/original", body: "b", requestId: "r-1" }, withBody);
    const lines = routeCallStart(pluginMessages(response.logs));
    assert.equal(lines.length, 1);
    assert.ok(lines[0].startsWith("[route-call] [nil] [r-1] \nroute call start, id:"), lines[0]);
  });
});
