// http-call's build/main.wasm (build it first: `pnpm build`) in the local host, calling a real httpbin started on
// a free loopback port: the service the plugin calls and, through /anything, the upstream of the request itself.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { freePort, headerValue, LogLevel, PluginHost, startHttpbin } from "@higress-ts/host";

const wasm = readFileSync(new URL("../build/main.wasm", import.meta.url));
let httpbin;

before(async () => {
  httpbin = await startHttpbin();
});
after(async () => {
  await httpbin.stop();
});

/** httpbin as the cluster `outbound|<port>||<serviceName>`. */
function httpbinAs(serviceName, port = 80) {
  return { name: `outbound|${port}||${serviceName}`, endpoints: [{ host: httpbin.hostname, port: httpbin.port }] };
}

/** Loads the plugin with `config` (an object, as JSON) and the clusters it may call. */
function load(config, upstreams = [httpbinAs("httpbin.dns")]) {
  return PluginHost.load(wasm, { name: "http-call", configuration: JSON.stringify(config), upstreams });
}

async function start(config, upstreams) {
  const outcome = await load(config, upstreams);
  assert.equal(outcome.ok, true, outcome.ok ? "" : outcome.error);
  return outcome.host;
}

/** The request's own upstream: httpbin's /anything, which answers with the request as it arrived. */
async function toHttpbin({ headers, body }) {
  const forwarded = headers.filter(([name]) => !name.startsWith(":") && name !== "content-length");
  const response = await fetch(`http://${httpbin.hostname}:${httpbin.port}/anything`, {
    method: headerValue(headers, ":method"),
    headers: forwarded,
    body: body.length > 0 ? body : undefined,
  });
  return { status: response.status, headers: { "content-type": "application/json" }, body: await response.text() };
}

const pluginMessages = (logs) => logs.filter((r) => r.source === "plugin").map((r) => r.message);
const tokenConfig = { serviceName: "httpbin.dns", servicePort: 80, requestPath: "/response-headers?X-Token=abc", tokenHeader: "X-Token" };

describe("the token", () => {
  it("is copied from the service's answer into the request, which reaches its upstream with it", async () => {
    const host = await start(tokenConfig);
    const response = await host.request({ method: "GET", path: "/headers" }, { upstream: toHttpbin });
    assert.equal(response.status, 200);
    const seen = JSON.parse(response.text());
    assert.equal(seen.headers["X-Token"], "abc");
    assert.equal(response.callbackResults[0].status, "StopAllIterationAndWatermark", "held until the answer");
    const logged = pluginMessages(response.logs).find((m) => m.includes("get status: 200, response body: "));
    assert.match(logged, /"X-Token": ?"abc"/, "the answer is logged with its body");
  });

  it("holds the request's body while the call is in flight and lets it all through after", async () => {
    const host = await start(tokenConfig);
    const response = await host.request({ method: "POST", path: "/post", body: ["hello ", "world"] }, { upstream: toHttpbin });
    const seen = JSON.parse(response.text());
    assert.equal(seen.data, "hello world");
    assert.equal(seen.headers["X-Token"], "abc");
  });

  it("is not added when the service's answer has no such header", async () => {
    const host = await start({ ...tokenConfig, requestPath: "/get" });
    const response = await host.request({ method: "GET", path: "/" }, { upstream: toHttpbin });
    assert.equal(response.status, 200);
    assert.equal(JSON.parse(response.text()).headers["X-Token"], undefined);
  });

  it("comes from port 80 of a .static service when no port is given", async () => {
    const config = { ...tokenConfig, serviceName: "httpbin.static", servicePort: undefined };
    const host = await start(config, [httpbinAs("httpbin.static", 80)]);
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(headerValue(response.upstreamRequest.headers, "x-token"), "abc");
    assert.equal(host.services.calloutLog.http[0].cluster, "outbound|80||httpbin.static");
  });
});

describe("when the service does not answer 200", () => {
  for (const [what, path, status] of [
    ["it answers 503", "/status/503", 503],
    ["it is slower than the default 500 ms timeout (Envoy's router answers 504)", "/delay/2", 504],
  ]) {
    it(`the client gets 500 http call failed when ${what}`, async () => {
      const host = await start({ ...tokenConfig, requestPath: path });
      const response = await host.request({ method: "GET", path: "/" });
      assert.equal(response.status, 500);
      assert.equal(response.text(), "http call failed");
      assert.equal(response.upstreamRequest, undefined, "the request never went upstream");
      assert.ok(pluginMessages(response.logs).some((m) => m.endsWith(`http call failed, status: ${status}`)));
      assert.equal(host.services.calloutLog.http[0].timeoutMs, 500);
    });
  }
});

describe("when the service's endpoint refuses the connection", () => {
  it("the client gets 500 http call failed (Envoy's router answers 503)", async () => {
    const port = await freePort();
    const refusing = { name: "outbound|80||httpbin.dns", endpoints: [{ host: "127.0.0.1", port }] };
    const host = await start(tokenConfig, [refusing]);
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 500);
    assert.equal(response.text(), "http call failed");
    assert.ok(pluginMessages(response.logs).some((m) => m.endsWith("http call failed, status: 503")));
  });
});

describe("when the service cannot be called", () => {
  it("lets the request through without the token and logs why, naming the cluster", async () => {
    const host = await start({ ...tokenConfig, serviceName: "nope.dns" });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 200);
    assert.ok(response.upstreamRequest !== undefined);
    assert.equal(headerValue(response.upstreamRequest.headers, "x-token"), undefined);
    const error = response.logs.find((r) => r.source === "plugin" && r.level === LogLevel.Error);
    assert.ok(error?.message.endsWith('http call to cluster "outbound|80||nope.dns" failed: bad argument (no such cluster in Envoy?)'), error?.message);
  });
});

describe("configuration", () => {
  for (const missing of ["tokenHeader", "requestPath"]) {
    it(`without ${missing}, the plugin fails to start and says why`, async () => {
      const config = { ...tokenConfig, [missing]: undefined };
      const outcome = await load(config);
      assert.equal(outcome.ok, false);
      assert.ok(pluginMessages(outcome.logs).some((m) => m.includes(`missing ${missing} in config`)), pluginMessages(outcome.logs).join("\n"));
    });
  }
});
