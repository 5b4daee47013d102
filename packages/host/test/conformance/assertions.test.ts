/** §11 "Assertions to expose", item by item: what a plugin test can read and drive (reference/proxy-wasm-abi.md §10, §11). */
import assert from "node:assert/strict";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, it } from "node:test";
import { MetricType, PluginHost, answeredByHand, formatLogRecord, serializePairs } from "../../src/index.js";
import { FixturePlugin } from "../fixtures/plugins.js";
import { said, startPlugin } from "../helpers.js";

describe("§11 Assertions: final request/response headers, bodies and trailers as forwarded; each callback's return value and Envoy status; the local reply", () => {
  it("a test reads the request as forwarded (headers, body, trailers), the response as sent, and each callback's raw return and Envoy status", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_add_header_map_value (i32.const 0) ${p.str("x-plugin")} ${p.str("1")})) (i32.const 0))
      (func (export "proxy_on_request_body") (param i32 i32) (param $eos i32) (result i32) (i32.const 0))
      (func (export "proxy_on_request_trailers") (param i32 i32) (result i32) (i32.const 0))
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32) (i32.const 2))
      (func (export "proxy_on_response_body") (param i32 i32) (param $eos i32) (result i32) (i32.const 0))`);
    const host = await startPlugin(wasm);
    const response = await host.request(
      { method: "POST", path: "/p", body: "abc", trailers: { t: "1" }, requestId: "rid" },
      { upstream: (req) => ({ status: 201, headers: { "x-up": "1" }, body: req.body, trailers: { u: "2" } }) },
    );
    const up = response.upstreamRequest!;
    assert.deepEqual(up.headers, [[":authority", "localhost"], [":path", "/p"], [":method", "POST"], [":scheme", "http"], ["x-request-id", "rid"], ["x-plugin", "1"]]);
    assert.deepEqual([new TextDecoder().decode(up.body), up.trailers], ["abc", [["t", "1"]]]);
    assert.deepEqual([response.status, response.headers, response.text(), response.trailers], [201, [[":status", "201"], ["x-up", "1"]], "abc", [["u", "2"]]]);
    assert.deepEqual(response.callbackResults.map((r) => [r.callback, r.raw, r.status]), [
      ["proxy_on_request_headers", 0, "Continue"],
      ["proxy_on_request_body", 0, "Continue"],
      ["proxy_on_request_trailers", 0, "Continue"],
      ["proxy_on_response_headers", 2, "Continue"],
      ["proxy_on_response_body", 0, "Continue"],
      ["proxy_on_response_trailers", 0, "Continue"],
    ]);
  });
});

describe("§11 Assertions: log lines with level and Envoy-style prefix; WASI stdout/stderr lines (fd_write → INFO/ERROR)", () => {
  it("formats log lines with Envoy's prefixes: plugin name for streams, root id and vm id for the root", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32) (call $say ${p.str("configured")}) (i32.const 1))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (call $say ${p.str("hello")}) (i32.const 0))`);
    const host = await startPlugin(wasm, { name: "hello-world" });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(host.logs[0]!.line, "wasm log  : configured");
    assert.equal(response.logs[0]!.line, "wasm log hello-world  : hello");
    assert.match(formatLogRecord(response.logs[0]!), /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\]\[info\]\[wasm\] wasm log hello-world  : hello$/);
    const rooted = await startPlugin(wasm, { name: "hw", rootId: "r", vmId: "v", logLevel: "warn" });
    assert.deepEqual(rooted.logs, [], "info lines are dropped below the configured level");
  });

  it("logs fd_write to stdout at info and to stderr at error, one line per call", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(
      `(func (export "proxy_on_configure") (param i32 i32) (result i32)
        ${["out line\n", "err line\n"].map((text, i) => {
          const { ptr, len } = p.place(new TextEncoder().encode(text));
          return `(i32.store (i32.const 320) (i32.const ${ptr})) (i32.store (i32.const 324) (i32.const ${len}))
            (call $num (call $fd_write (i32.const ${i + 1}) (i32.const 320) (i32.const 1) (i32.const 328)))`;
        }).join("\n")}
        (call $num (call $fd_write (i32.const 3) (i32.const 320) (i32.const 1) (i32.const 328)))
        (i32.const 1))`,
      [`(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))`],
    );
    const host = await startPlugin(wasm);
    assert.deepEqual(host.logs.filter((r) => r.source === "plugin").map((r) => [r.level, r.message]), [
      [2, "out line"], [2, "0"], [4, "err line"], [2, "0"], [2, "8"],
    ]);
  });
});

describe("§11 Assertions: dispatched HTTP/Redis callouts with full arguments, and the ability to answer, fail or time them out", () => {
  /**
   * Calls `auth` (or Redis `cache`) from request headers and pauses; the answer logs what the root context sees
   * (token, header count, body size, :status, proxy_get_status) and resumes the stream through the effective context.
   */
  function calloutPlugin(): Uint8Array {
    const p = new FixturePlugin();
    const headers = p.bytes(serializePairs([[":method", "POST"], [":path", "/check"], [":authority", "auth.test"]]));
    return p.build(`
      (global $stream (mut i32) (i32.const 0))
      (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32)
        (global.set $stream (local.get $c))
        (if (call $proxy_get_header_map_value (i32.const 0) ${p.str("x-redis")} (i32.const 256) (i32.const 260)) ;; absent: HTTP
          (then (drop (call $proxy_http_call ${p.str("auth")} ${headers} ${p.str("q")} ${p.str("")} (i32.const 500) (i32.const 264))))
          (else (drop (call $proxy_redis_call ${p.str("cache")} ${p.str("*1\r\n$4\r\nPING\r\n")} (i32.const 264)))))
        (i32.const 1))
      (func $resume
        (drop (call $proxy_set_effective_context (global.get $stream)))
        (drop (call $proxy_continue_stream (i32.const 0))))
      (func (export "proxy_on_http_call_response") (param $root i32) (param $token i32) (param $h i32) (param $b i32) (param $t i32)
        (call $num (local.get $token)) (call $num (local.get $h)) (call $num (local.get $b))
        (call $say_header (i32.const 6) ${p.str(":status")})
        (drop (call $proxy_get_status (i32.const 264) (i32.const 256) (i32.const 260)))
        (call $num (i32.load (i32.const 264)))
        (call $resume))
      (func (export "proxy_on_redis_call_response") (param $root i32) (param $token i32) (param $status i32) (param $size i32)
        (call $num (local.get $token)) (call $num (local.get $status))
        (if (local.get $size) (then (call $say_buffer (i32.const 9))))
        (call $resume))`, [
      `(import "env" "proxy_get_status" (func $proxy_get_status (param i32 i32 i32) (result i32)))`,
      `(import "env" "proxy_redis_call" (func $proxy_redis_call (param i32 i32 i32 i32 i32) (result i32)))`,
    ]);
  }

  /** Starts a request and returns it with the callout it is waiting for. */
  async function pendingRequest(host: PluginHost, redis = false) {
    const response = host.request({ method: "GET", path: "/", headers: redis ? { "x-redis": "1" } : {} });
    await nextTurn();
    const [callout, ...others] = host.pendingCallouts();
    assert.equal(others.length, 0);
    return { response, callout: callout! };
  }

  it("a pending HTTP callout shows its full arguments and is answered by hand, once, on the root context", async () => {
    const host = await startPlugin(calloutPlugin(), { clusters: { auth: answeredByHand } });
    const { response, callout } = await pendingRequest(host);
    assert.equal(callout.kind, "http");
    assert.deepEqual(callout.kind === "http" && { ...callout.callout, body: new TextDecoder().decode(callout.callout.body) }, {
      token: 4, cluster: "auth", timeoutMs: 500, body: "q", trailers: [],
      headers: [[":method", "POST"], [":path", "/check"], [":authority", "auth.test"], ["content-length", "1"]],
    });
    assert.equal(callout.kind === "http" && callout.respond([[":status", "200"], ["x-a", "1"]], "ok"), true);
    assert.equal(callout.kind === "http" && callout.fail(), false, "already answered");
    assert.deepEqual(host.pendingCallouts(), []);
    const done = await response;
    assert.equal(done.status, 200);
    assert.deepEqual(said(done.logs), ["4", "2", "2", "200", "0"]);
  });

  it("failing a pending HTTP callout delivers (0, 0, 0) with proxy_get_status 11; timing it out delivers the router's 504", async () => {
    const host = await startPlugin(calloutPlugin(), { clusters: { auth: answeredByHand }, strict: false });
    const failed = await pendingRequest(host);
    assert.equal(failed.callout.kind === "http" && failed.callout.fail(), true);
    // no response maps exist for a failed call: reading :status is BAD_ARGUMENT (2), as in Envoy
    const failedResponse = await failed.response;
    assert.deepEqual(said(failedResponse.logs), ["4", "0", "0", "2", "11"]);
    assert.deepEqual(failedResponse.violations.map((v) => v.kind), ["outside_availability_window"]);
    const timedOut = await pendingRequest(host);
    assert.equal(timedOut.callout.kind === "http" && timedOut.callout.timeOut(), true);
    assert.deepEqual(said((await timedOut.response).logs), ["8", "3", "24", "504", "0"]);
  });

  it("a pending Redis callout is answered with a RESP reply or failed with NetworkError by hand", async () => {
    const host = await startPlugin(calloutPlugin(), { redisClusters: { cache: answeredByHand } });
    const answered = await pendingRequest(host, true);
    assert.deepEqual(answered.callout.kind === "redis" && new TextDecoder().decode(answered.callout.callout.query), "*1\r\n$4\r\nPING\r\n");
    assert.equal(answered.callout.kind === "redis" && answered.callout.respond("+PONG\r\n"), true);
    assert.deepEqual(said((await answered.response).logs), ["7", "0", "+PONG\r\n"]);
    const failed = await pendingRequest(host, true);
    assert.equal(failed.callout.kind === "redis" && failed.callout.fail(), true);
    assert.deepEqual(said((await failed.response).logs), ["11", "1"]);
  });

  it("a cluster function answers first when it can; the callout is then no longer pending", async () => {
    const host = await startPlugin(calloutPlugin(), { clusters: { auth: () => ({ headers: [[":status", "201"]] }) } });
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["4", "1", "0", "201", "0"]);
    assert.deepEqual(host.pendingCallouts(), []);
  });
});

describe("§11 Assertions: tick period and count, metrics, shared data and queue contents, properties written by the plugin, memory growth, trap messages with backtrace", () => {
  it("a test reads the tick count, metrics by name and type, shared data, queue contents, the properties the plugin wrote, its memory growth and a trap's message with its backtrace", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 1000)))
        (drop (call $proxy_register_shared_queue ${p.str("jobs")} (i32.const 264))) (i32.const 1))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_define_metric (i32.const 1) ${p.str("inflight")} (i32.const 268)))
        (drop (call $proxy_record_metric (i32.load (i32.const 268)) (i64.const 7)))
        (drop (call $proxy_set_shared_data ${p.str("k")} ${p.str("v")} (i32.const 0)))
        (drop (call $proxy_enqueue_shared_queue (i32.load (i32.const 264)) ${p.str("job")}))
        (drop (call $proxy_set_property ${p.str("mine")} ${p.str("yes")}))
        (drop (memory.grow (i32.const 1)))
        (i32.const 0))
      (func $boom (unreachable))
      (func (export "proxy_on_tick") (param i32) (call $boom))`);
    const host = await startPlugin(wasm);
    assert.equal(host.vmMemoryBytes, 2 * 65536);
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(new TextDecoder().decode(response.properties.get("mine")), "yes");
    assert.equal(host.services.metrics.get("inflight", MetricType.Gauge)?.value, 7n);
    assert.equal(new TextDecoder().decode(host.services.sharedData.get("k")?.value), "v");
    const queue = host.services.queues.get(host.services.queues.resolve("", "jobs")!);
    assert.deepEqual(queue?.items.map((item) => new TextDecoder().decode(item)), ["job"]);
    assert.equal(host.vmMemoryBytes, 3 * 65536);
    assert.equal(host.tick(), true);
    assert.equal(host.tickCount, 1);
    assert.match(host.failure ?? "", /^Function: proxy_on_tick failed: Uncaught RuntimeError: unreachable\nProxy-Wasm plugin in-VM backtrace:\n  0: .*boom/);
  });
});
