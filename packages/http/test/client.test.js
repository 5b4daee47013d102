// HttpClient inside a compiled plugin, run by the real host (@higress-ts/host): what reaches proxy_http_call,
// how the answer comes back to the callback and its request, and what is refused or dropped. The fixture
// (test/fixtures/client) makes one call per request, steered by request headers, and writes what its callback
// saw into x-call-* request headers before resuming the request.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { headerValue } from "@higress-ts/host";
import { buildFixture, calloutsSettled, deferred, loadPlugin, pluginMessages } from "./support/plugin.js";

const HTTPBIN = "outbound|80||httpbin.org";
const ok = () => ({ headers: [[":status", "200"]] });
let wasm;

before(() => {
  wasm = buildFixture("client");
});

/** The x-call-* headers the callback added to the request, as the upstream received them. */
function callbackSaw(response) {
  return Object.fromEntries(response.upstreamRequest.headers.filter(([name]) => name.startsWith("x-call-")));
}

describe("dispatch", () => {
  it("sends :method, :path, :authority of its own, the caller's other headers, the body and the default timeout", async () => {
    const host = await loadPlugin(wasm, { [HTTPBIN]: ok });
    await host.request({ method: "POST", path: "/anything?x=1", headers: { "x-call-body": "hi" } });
    const [callout] = host.services.calloutLog.http;
    assert.equal(callout.cluster, HTTPBIN);
    assert.equal(callout.accepted, true);
    // The client puts its pseudo-headers last (test/request.spec.ts); Envoy's header map, like the host's, keeps
    // pseudo-headers first, and adds content-length to a call with a body.
    assert.deepEqual(callout.headers, [
      [":method", "POST"], [":path", "/anything?x=1"], [":authority", "httpbin.org"], ["x-caller", "client-fixture"],
      ["content-length", "2"],
    ]);
    assert.equal(new TextDecoder().decode(callout.body), "hi");
    assert.equal(callout.timeoutMs, 500, "the Go SDK's default timeout");
  });

  it("passes the caller's timeout through", async () => {
    const host = await loadPlugin(wasm, { [HTTPBIN]: ok });
    await host.request({ method: "GET", path: "/", headers: { "x-call-timeout": "1500" } });
    await host.request({ method: "GET", path: "/", headers: { "x-call-timeout": "0" } });
    assert.deepEqual(host.services.calloutLog.http.map((c) => c.timeoutMs), [1500, 0]);
  });

  it("sends every method by its name, through its own helper", async () => {
    const host = await loadPlugin(wasm, { [HTTPBIN]: ok });
    const methods = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "TRACE", "PURGE"];
    for (const method of methods) await host.request({ method: "GET", path: "/", headers: { "x-call-method": method } });
    assert.deepEqual(host.services.calloutLog.http.map((c) => headerValue(c.headers, ":method")), methods);
  });

  it("calls the request's own cluster through RouteCluster, with the request's :authority unless given one", async () => {
    const cluster = "outbound|8080||route.default.svc.cluster.local";
    const host = await loadPlugin(wasm, { [cluster]: ok });
    for (const route of ["route", "route-api"]) {
      await host.request({ method: "GET", path: "/r", authority: "client.example", clusterName: cluster, headers: { "x-cluster": route } });
    }
    assert.deepEqual(host.services.calloutLog.http.map((c) => [c.cluster, headerValue(c.headers, ":authority")]), [
      [cluster, "client.example"],
      [cluster, "api.example"],
    ]);
  });
});

describe("delivery", () => {
  it("gives the callback the status, headers and body, on its request, which it then resumes", async () => {
    const answer = () => ({ headers: [[":status", "201"], ["x-echo", "yes"]], body: "pong" });
    const host = await loadPlugin(wasm, { [HTTPBIN]: answer });
    const response = await host.request({ method: "GET", path: "/get" });
    assert.equal(response.callbackResults[0].raw, 1, "paused in on_request_headers until the answer");
    assert.equal(response.status, 200);
    assert.deepEqual(callbackSaw(response), {
      "x-call-for": "/get", "x-call-status": "201", "x-call-failed": "false", "x-call-headers": "2",
      "x-call-echo": "yes", "x-call-body": "pong",
    });
    assert.deepEqual(pluginMessages(response.logs), ["answered /get: 201"]);
  });

  it("reports a call that failed without a response (no headers) as failed, 502, empty", async () => {
    const host = await loadPlugin(wasm, { [HTTPBIN]: () => ({ reset: true }) });
    const response = await host.request({ method: "GET", path: "/status/200" });
    assert.deepEqual(callbackSaw(response), {
      "x-call-for": "/status/200", "x-call-status": "502", "x-call-failed": "true", "x-call-headers": "0",
      "x-call-body": "",
    });
  });

  it("tells an upstream's own 502 from a failed call", async () => {
    const host = await loadPlugin(wasm, { [HTTPBIN]: () => ({ headers: [[":status", "502"]] }) });
    const response = await host.request({ method: "GET", path: "/status/502" });
    assert.equal(callbackSaw(response)["x-call-status"], "502");
    assert.equal(callbackSaw(response)["x-call-failed"], "false");
  });

  it("drops the answer when the stream that made the call is gone", async () => {
    const late = deferred();
    const host = await loadPlugin(wasm, { [HTTPBIN]: () => late.promise });
    const response = await host.request({ method: "GET", path: "/late", headers: { "x-detach": "stream" } });
    assert.equal(response.status, 200);
    assert.deepEqual(callbackSaw(response), {});
    late.resolve(ok());
    await calloutsSettled(host);
    assert.deepEqual(host.services.calloutLog.http.map((c) => c.accepted), [true]);
    assert.deepEqual(pluginMessages(host.logs), [], "the callback did not run");
    assert.equal(host.failure, undefined);
  });

  it("still delivers, on the root context, to a context object that is not a stream's", async () => {
    const late = deferred();
    const host = await loadPlugin(wasm, { [HTTPBIN]: () => late.promise });
    await host.request({ method: "GET", path: "/note", headers: { "x-detach": "plain" } });
    late.resolve(ok());
    await calloutsSettled(host);
    assert.deepEqual(pluginMessages(host.logs), ["noted /note: 200"]);
  });

  it("leaves answers to calls it did not make to the root context", async () => {
    const host = await loadPlugin(wasm, { [HTTPBIN]: ok });
    await host.request({ method: "GET", path: "/", headers: { "x-raw": "1" } });
    await calloutsSettled(host);
    assert.deepEqual(pluginMessages(host.logs), ["callout 4 is not the client's"]);
  });
});

describe("refusals", () => {
  it("returns the host's refusal of an unknown cluster synchronously, naming the cluster", async () => {
    const host = await loadPlugin(wasm, { [HTTPBIN]: ok });
    const response = await host.request({ method: "GET", path: "/", headers: { "x-cluster": "nowhere" } });
    assert.equal(response.status, 500);
    assert.equal(response.text(), 'http call to cluster "outbound|80||nowhere.example" failed: bad argument (no such cluster in Envoy?)');
    assert.deepEqual(host.services.calloutLog.http.map((c) => [c.cluster, c.accepted]), [["outbound|80||nowhere.example", false]]);
    assert.equal(host.services.pending, 0);
  });

  it("refuses a bad URL, an empty method and an out-of-range timeout before calling the host", async () => {
    const host = await loadPlugin(wasm, { [HTTPBIN]: ok });
    const refusal = async (path, headers) => (await host.request({ method: "GET", path, headers })).text();
    assert.equal(await refusal("/a%zz", {}), 'invalid URL "/a%zz": invalid URL escape "%zz"');
    assert.equal(await refusal("/", { "x-call-method": "" }), "http call without a method");
    assert.equal(await refusal("/", { "x-call-timeout": "2147483648" }), "http call timeout 2147483648 ms is out of range");
    assert.deepEqual(host.services.calloutLog.http, []);
  });
});
