// routeCall and user attributes through the local host (ABI 0.2.100, as RouteCall needs a real StopIteration).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { headerValue } from "@higress-ts/host";
import { buildPlugin, load } from "./build-plugin.js";

const fixture = fileURLToPath(new URL("./fixtures/route-call", import.meta.url));
let host;

before(async () => {
  const outcome = await load(buildPlugin(fixture, "0.2.100"), "route-call", undefined);
  assert.equal(outcome.ok, true, outcome.error);
  host = outcome.host;
});

describe("user attributes", () => {
  it("writes them to custom_log, keys sorted, escaped twice as Go does (json.Marshal, MarshalStr)", async () => {
    const response = await host.request({ method: "POST", path: "/original", body: "b" });
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
