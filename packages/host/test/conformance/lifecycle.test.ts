/** §11 "Lifecycle fidelity", item by item (reference/proxy-wasm-abi.md §2.9, §3.2, §4.3). */
import assert from "node:assert/strict";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, it } from "node:test";
import { MetricType, PluginHost, WasmResult, serializePairs } from "../../src/index.js";
import { MetricIds, Metrics } from "../../src/services/metrics.js";
import { FixturePlugin } from "../fixtures/plugins.js";
import { said, startPlugin } from "../helpers.js";

/** A plugin that logs each callback with its arguments. */
function tracingPlugin(): Uint8Array {
  const p = new FixturePlugin();
  const trace = (name: string, locals: string[]) => p.trace(name, locals);
  return p.build(`
    (func (export "proxy_on_context_create") (param $c i32) (param $p i32) ${trace("create", ["$c", "$p"])})
    (func (export "proxy_on_vm_start") (param $c i32) (param $n i32) (result i32) ${trace("vm_start", ["$c", "$n"])} (i32.const 1))
    (func (export "proxy_on_configure") (param $c i32) (param $n i32) (result i32) ${trace("configure", ["$c", "$n"])} (call $say_buffer (i32.const 7)) (i32.const 1))
    (func (export "proxy_on_request_headers") (param $c i32) (param $n i32) (param $e i32) (result i32) ${trace("request_headers", ["$c", "$n", "$e"])} (call $say_buffer (i32.const 7)) (i32.const 0))
    (func (export "proxy_on_request_body") (param $c i32) (param $n i32) (param $e i32) (result i32) ${trace("request_body", ["$c", "$n", "$e"])} (i32.const 0))
    (func (export "proxy_on_response_headers") (param $c i32) (param $n i32) (param $e i32) (result i32) ${trace("response_headers", ["$c", "$n", "$e"])} (i32.const 0))
    (func (export "proxy_on_response_body") (param $c i32) (param $n i32) (param $e i32) (result i32) ${trace("response_body", ["$c", "$n", "$e"])} (i32.const 0))
    (func (export "proxy_on_log") (param $c i32) ${trace("log", ["$c"])})
    (func (export "proxy_on_done") (param $c i32) (result i32) ${trace("done", ["$c"])} (i32.const 1))
    (func (export "proxy_on_delete") (param $c i32) ${trace("delete", ["$c"])})
  `);
}

describe("§11 Lifecycle: optional canary + N worker instances (on_vm_start/on_configure run 1+N times; the canary is dropped without on_done)", () => {
  it("with canary: true and workers: 2, on_vm_start/on_configure run 1+2 times in separate instances; requests go to the workers in turn; each ticks; the canary gets no on_done", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (global $served (mut i32) (i32.const 0))
      (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (call $say ${p.str("vm_start")}) (i32.const 1))
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (call $say ${p.str("configure")}) (drop (call $proxy_set_tick_period_milliseconds (i32.const 100))) (i32.const 1))
      (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32)
        (global.set $served (i32.add (global.get $served) (i32.const 1)))
        (call $num (local.get $c)) (call $num (global.get $served)) (i32.const 0))
      (func (export "proxy_on_tick") (param $root i32) (call $say ${p.str("tick")}) (call $num (global.get $served)))
      (func (export "proxy_on_done") (param $c i32) (result i32) (call $say ${p.str("done")}) (call $num (local.get $c)) (i32.const 1))`);
    const host = await startPlugin(wasm, { canary: true, workers: 2 });
    assert.deepEqual(said(host.logs), Array(3).fill(["vm_start", "configure"]).flat());
    assert.equal(host.workers.length, 2);
    const seen: string[][] = [];
    for (let i = 0; i < 4; i++) seen.push(said((await host.request({ method: "GET", path: "/" })).logs));
    // [stream id, requests this instance served, then on_done of the stream]: each worker numbers its own streams from 2
    assert.deepEqual(seen, [["2", "1", "done", "2"], ["2", "1", "done", "2"], ["3", "2", "done", "3"], ["3", "2", "done", "3"]]);
    const from = host.logs.length;
    assert.equal(host.tick(), true);
    assert.equal(host.close(), true);
    assert.deepEqual(said(host.logs.slice(from)), ["tick", "2", "tick", "2", "done", "1", "done", "1"]);
  });

  it("by default one worker and no canary: on_vm_start and on_configure run once", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_vm_start") (param i32 i32) (result i32) (call $say ${p.str("vm_start")}) (i32.const 1))`);
    const host = await startPlugin(wasm);
    assert.deepEqual([said(host.logs), host.workers.length], [["vm_start"], 1]);
  });

  it("a canary that fails to configure refuses the plugin before any worker starts", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_configure") (param i32 i32) (result i32) (call $say ${p.str("configure")}) (i32.const 0))`);
    const outcome = await PluginHost.load(wasm, { name: "canary", canary: true, workers: 4 });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.ok ? "" : outcome.error, "Failed to configure base Wasm plugin");
    assert.deepEqual(said(outcome.logs), ["configure"]);
  });

  it("reports on_configure returning false as Envoy's failed start, with the plugin's own log lines", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (call $say ${p.str("bad config:")}) (call $say_buffer (i32.const 7)) (i32.const 0))`);
    const outcome = await PluginHost.load(wasm, { name: "cfg", configuration: "nope" });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok);
    assert.equal(outcome.error, "Failed to configure base Wasm plugin");
    assert.equal(outcome.host?.startError, "Failed to configure base Wasm plugin");
    assert.deepEqual(said(outcome.logs), ["bad config:", "nope"]);
    assert.ok(outcome.logs.some((r) => r.source === "host" && r.message.includes("Failed to configure base Wasm plugin")));
  });
});

describe("§11 Lifecycle: context ids from 1 (root) and 2… (streams); token/metric id arithmetic; lazy on_context_create; end order on_log → on_done → on_delete", () => {
  it("starts the root context, then runs a stream in Envoy's order with on_log → on_done → on_delete", async () => {
    const host = await startPlugin(tracingPlugin(), { configuration: '{"a":1}', vmConfiguration: "vm", strict: false });
    assert.deepEqual(said(host.logs), ["create", "1", "0", "vm_start", "1", "2", "configure", "1", "7", '{"a":1}']);
    const response = await host.request(
      { method: "POST", path: "/p", body: "hello" },
      { upstream: () => ({ status: 201, body: "created" }) },
    );
    assert.equal(response.status, 201);
    assert.equal(response.text(), "created");
    assert.deepEqual(said(response.logs), [
      "create", "2", "1",
      // 4 pseudo-headers + x-request-id; the configuration buffer is gone after on_configure (NOT_FOUND = 1)
      "request_headers", "2", "5", "0", "1",
      "request_body", "2", "5", "1",
      "response_headers", "2", "1", "0",
      "response_body", "2", "7", "1",
      "log", "2", "done", "2", "delete", "2",
    ]);
    assert.deepEqual(response.violations.map((v) => v.kind), ["outside_availability_window"], "the configuration read outside on_configure");
    const second = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(second.logs).slice(0, 3), ["create", "3", "1"]);
    assert.equal(said(second.logs)[6], "1", "end_of_stream is set on headers of a request without body");
  });

  it("numbers metric ids by type per VM instance over shared stats, and applies Envoy's update rules", () => {
    const store = new Metrics();
    const metrics = new MetricIds(store);
    const counter = metrics.define(MetricType.Counter, "c")!;
    const gauge = metrics.define(MetricType.Gauge, "g")!;
    const histogram = metrics.define(MetricType.Histogram, "h")!;
    assert.deepEqual([counter, gauge, histogram, metrics.define(MetricType.Counter, "c")], [4, 5, 6, 8]);
    assert.equal(metrics.define(3, "x"), undefined);
    assert.equal(metrics.increment(counter, 0n), WasmResult.BadArgument);
    assert.equal(metrics.increment(counter, 2n), WasmResult.Ok);
    assert.equal(metrics.record(8, 3n), WasmResult.Ok, "record adds to a counter; both ids reach the same stat");
    assert.equal(store.get("c")?.value, 5n);
    const otherWorker = new MetricIds(store);
    assert.equal(otherWorker.define(MetricType.Counter, "c"), 4, "another instance numbers its own ids");
    assert.equal(otherWorker.increment(4, 1n), WasmResult.Ok);
    assert.equal(store.get("c")?.value, 6n, "for the same stat");
    assert.equal(metrics.increment(gauge, -4n), WasmResult.Ok);
    assert.equal(metrics.record(gauge, 9n), WasmResult.Ok);
    assert.equal(store.get("g", MetricType.Gauge)?.value, 9n);
    assert.equal(metrics.increment(histogram, 1n), WasmResult.BadArgument);
    assert.equal(metrics.record(histogram, 7n), WasmResult.Ok);
    assert.deepEqual(store.get("h", MetricType.Histogram)?.samples, [7n]);
    assert.equal(metrics.increment(99, 1n), WasmResult.NotFound);
  });

  it("waits for proxy_done when the root's on_done returns false, then deletes it", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 10))) (i32.const 1))
      (func (export "proxy_on_done") (param i32) (result i32) (call $say ${p.str("done")}) (i32.const 0))
      (func (export "proxy_on_tick") (param i32) (call $num (call $proxy_done)) (call $num (call $proxy_done)))
      (func (export "proxy_on_delete") (param i32) (call $say ${p.str("delete")}))`);
    const host = await startPlugin(wasm);
    assert.equal(host.close(), false);
    host.tick();
    // the first proxy_done is OK and on_delete follows the VM call; the second finds nothing pending
    assert.deepEqual(said(host.logs), ["done", "0", "1", "delete"]);
  });
});

describe("§11 Lifecycle: effective context reset at each host→VM entry; callouts answered to the root context; callbacks delivered asynchronously, including on_queue_ready", () => {
  it("holds a paused request until a tick continues it through the effective context", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (global $stream (mut i32) (i32.const 0))
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 1000))) (i32.const 1))
      (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32)
        (global.set $stream (local.get $c)) (i32.const 1))
      (func (export "proxy_on_request_body") (param i32) (param $n i32) (param i32) (result i32)
        (call $say ${p.str("body")}) (call $num (local.get $n)) (i32.const 0))
      (func (export "proxy_on_tick") (param i32)
        (call $say ${p.str("tick")})
        (call $num (call $proxy_set_effective_context (global.get $stream)))
        (drop (call $proxy_replace_header_map_value (i32.const 0) ${p.str("x-approved")} ${p.str("yes")}))
        (call $num (call $proxy_continue_stream (i32.const 0))))`);
    const host = await startPlugin(wasm);
    assert.equal(host.tickPeriodMs, 1000);
    let reached = false;
    const pending = host.request(
      { method: "POST", path: "/", body: ["ab", "cd"] },
      { upstream: (req) => ((reached = true), { status: 200, body: req.body }) },
    );
    for (let i = 0; i < 5; i++) await nextTurn();
    assert.equal(reached, false, "the request waits while paused");
    assert.equal(host.tick(), true);
    const response = await pending;
    assert.equal(response.text(), "abcd");
    assert.deepEqual(response.upstreamRequest?.headers.find(([k]) => k === "x-approved"), ["x-approved", "yes"]);
    // the body buffered while all iteration was stopped arrives in one callback
    assert.deepEqual(said(response.logs), ["tick", "0", "0", "body", "4"]);
    assert.equal(response.callbackResults[0]?.status, "StopAllIterationAndWatermark");
  });

  it("resumes after an HTTP callout answers on the root context", async () => {
    const p = new FixturePlugin();
    const call = p.bytes(serializePairs([[":method", "GET"], [":path", "/check"], [":authority", "auth"]]));
    const wasm = p.build(`
      (global $stream (mut i32) (i32.const 0))
      (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32)
        (global.set $stream (local.get $c))
        (call $num (call $proxy_http_call ${p.str("unknown")} ${call} ${p.str("")} ${p.str("")} (i32.const 500) (i32.const 264)))
        (call $num (call $proxy_http_call ${p.str("auth")} ${call} ${p.str("q")} ${p.str("")} (i32.const 500) (i32.const 264)))
        (call $num (i32.load (i32.const 264)))
        (i32.const 1))
      (func (export "proxy_on_http_call_response") (param $root i32) (param $token i32) (param $h i32) (param $b i32) (param $t i32)
        (call $num (local.get $root)) (call $num (local.get $token)) (call $num (local.get $h)) (call $num (local.get $b))
        (call $say_header (i32.const 6) ${p.str(":status")})
        (call $say_buffer (i32.const 4))
        (drop (call $proxy_set_effective_context (global.get $stream)))
        (drop (call $proxy_continue_stream (i32.const 0))))
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
        (call $say_buffer (i32.const 4)) (i32.const 0))`);
    const host = await startPlugin(wasm, {
      strict: false,
      clusters: { auth: (c) => ({ headers: [[":status", "200"], ["x-c", new TextDecoder().decode(c.body)]], body: "allowed" }) },
    });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 200);
    // unknown cluster ⇒ BAD_ARGUMENT; token 4; answered to root 1, token 4, 2 headers, 7 body bytes;
    // the callout body buffer is NOT_FOUND outside the callback
    assert.deepEqual(said(response.logs), ["2", "0", "4", "1", "4", "2", "7", "200", "allowed", "1"]);
    assert.deepEqual(response.violations.map((v) => v.kind), ["outside_availability_window"]);
    const [refused, sent] = host.services.calloutLog.http;
    assert.equal(refused?.accepted, false);
    assert.deepEqual(sent?.headers, [[":method", "GET"], [":path", "/check"], [":authority", "auth"], ["content-length", "1"]]);
  });

  it("delivers on_queue_ready to the registering root context asynchronously, never inside enqueue", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_register_shared_queue ${p.str("jobs")} (i32.const 264)))
        (call $num (i32.load (i32.const 264)))
        (i32.const 1))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (call $num (call $proxy_resolve_shared_queue ${p.str("")} ${p.str("jobs")} (i32.const 264)))
        (call $num (call $proxy_enqueue_shared_queue (i32.load (i32.const 264)) ${p.str("job-1")}))
        (call $say ${p.str("enqueued")})
        (call $num (call $proxy_enqueue_shared_queue (i32.const 99) ${p.str("x")}))
        (i32.const 0))
      (func (export "proxy_on_queue_ready") (param $root i32) (param $token i32)
        (call $num (local.get $root)) (call $num (local.get $token))
        (call $num (call $proxy_dequeue_shared_queue (local.get $token) (i32.const 256) (i32.const 260)))
        (call $say_out)
        (call $num (call $proxy_dequeue_shared_queue (local.get $token) (i32.const 256) (i32.const 260))))`);
    const host = await startPlugin(wasm);
    await host.request({ method: "GET", path: "/" });
    await new Promise((resolve) => setImmediate(resolve));
    // token 1; NOT_FOUND (1) for an unknown token; EMPTY (7) once drained
    assert.deepEqual(said(host.logs), ["1", "0", "0", "enqueued", "1", "1", "1", "0", "job-1", "7"]);
  });
});
