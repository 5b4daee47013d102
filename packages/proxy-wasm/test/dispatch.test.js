// Compiled fixtures run by the real host (@higress-ts/host): context dispatch, values returned through malloc,
// callout answers on the root context, the abort line, root selection, and memory over many requests and over a
// long streamed body.
import { test } from "node:test";
import assert from "node:assert/strict";
import { headerValue, LogLevel, PluginHost } from "@higress-ts/host";
import { build } from "./support/build.js";

/** Loads a fixture into the host (Higress mode), failing the test if it does not start. */
async function load(fixture, options = {}) {
  const outcome = await PluginHost.load(await build(fixture), { name: fixture, ...options });
  assert.equal(outcome.ok, true, outcome.error);
  return outcome.host;
}

const pluginLines = (logs) => logs.filter((r) => r.source === "plugin").map((r) => [r.level, r.message]);

test("the dispatcher runs the only plugin's HTTP context, reading values the host returns through malloc", async () => {
  // An unknown root id falls back to the only plugin registered.
  const host = await load("headers", { rootId: "some-root-id" });
  const response = await host.request({ method: "GET", path: "/", headers: { "user-agent": "curl/8.0" } });
  assert.equal(response.status, 200);
  assert.equal(headerValue(response.upstreamRequest.headers, "x-agent"), "curl/8.0");
  assert.deepEqual(response.callbackResults.map((r) => [r.callback, r.raw]), [
    ["proxy_on_request_headers", 0], ["proxy_on_response_headers", 0],
  ]);
  assert.deepEqual(host.logs, []);
});

test("callout answers arrive on the root context, which resumes the stream that made the call", async () => {
  const auth = (callout) => (headerValue(callout.headers, ":path") === "/deny" ? { reset: true } : { headers: [[":status", "200"]] });
  const host = await load("callout", { clusters: { auth } });
  const allowed = await host.request({ method: "GET", path: "/allow" });
  assert.equal(allowed.callbackResults[0].raw, 1, "paused in on_request_headers");
  assert.equal(allowed.status, 200);
  assert.notEqual(allowed.upstreamRequest, undefined, "resumed");
  const denied = await host.request({ method: "GET", path: "/deny" });
  assert.notEqual(denied.upstreamRequest, undefined, "resumed after a failed callout too");
  assert.deepEqual(pluginLines(host.logs), [
    [LogLevel.Info, "callout 4 answered on context 1"],
    [LogLevel.Info, "callout 8 failed on context 1"],
  ]);
  assert.deepEqual(host.services.calloutLog.http.map((c) => [c.cluster, headerValue(c.headers, ":path"), c.accepted]), [
    ["auth", "/allow", true],
    ["auth", "/deny", true],
  ]);
  assert.equal(host.close(), false, "the root context's onDone answered false: deletion waits for done()");
});

test("abort logs the message and location at critical through proxy_log, then the callback traps", async () => {
  const host = await load("abort");
  const response = await host.request({ method: "GET", path: "/" });
  assert.equal(response.status, 503);
  assert.equal(response.localReply.details, "wasm_fail_stream");
  assert.equal(response.logs.length, 2);
  const [abort, trap] = response.logs;
  assert.equal(abort.source, "plugin");
  assert.equal(abort.level, LogLevel.Critical);
  assert.match(abort.message, /^abort: Index out of range at ~lib\/array\.ts:\d+:\d+$/);
  assert.equal(trap.source, "host");
  assert.match(trap.message, /^wasm failed: Function: proxy_on_request_headers failed: Uncaught RuntimeError: unreachable\n/);
});

test("the root id picks one plugin among several", async () => {
  const outcome = await PluginHost.load(await build("two-plugins"), { name: "two", rootId: "beta" });
  assert.equal(outcome.ok, true, outcome.error);
  assert.deepEqual(pluginLines(outcome.logs), [[LogLevel.Info, "beta configured"]]);
});

test("a root id matching no plugin among several is logged, and the VM start then fails", async () => {
  const outcome = await PluginHost.load(await build("two-plugins"), { name: "two", rootId: "gamma" });
  assert.equal(outcome.ok, false);
  assert.equal(outcome.error, "Failed to start base Wasm plugin");
  assert.deepEqual(pluginLines(outcome.logs), [[LogLevel.Critical, "no root context registered for plugin_root_id gamma"]]);
});

test("memory stays flat over a streamed body of 4,000 chunks of 16 KiB, each read and rewritten", async () => {
  const host = await load("streaming-body");
  const chunk = new TextEncoder().encode("abcdefghijklmnop".repeat(1024));
  async function* chunks() {
    for (let i = 0; i < 4000; i++) yield chunk;
  }
  const response = await host.request({ method: "POST", path: "/", body: chunks() });
  assert.equal(response.status, 200);
  assert.equal(response.upstreamRequest.body.length, 4000 * chunk.length);
  assert.equal(new TextDecoder().decode(response.upstreamRequest.body.subarray(0, 16)), "ABCDEFGHIJKLMNOP");
  const memory = pluginLines(host.logs).map(([, message]) => Number(/memory (\d+)/.exec(message)[1]));
  assert.equal(memory.length, 2);
  assert.equal(memory[1], memory[0], "the memory after 4,000 chunks is the memory after 200");
});

test("memory stays flat over 50,000 requests (contexts forgotten, returned blocks freed)", async () => {
  const host = await load("headers");
  const request = { method: "GET", path: "/", headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36" } };
  const vmMemory = async (count) => {
    let response;
    for (let i = 0; i < count; i++) response = await host.request(request);
    return Number(headerValue(response.upstreamRequest.headers, "x-vm-memory"));
  };
  const warm = await vmMemory(2000);
  assert.ok(warm >= 65536);
  assert.equal(await vmMemory(50000), warm);
});
