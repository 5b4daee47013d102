import assert from "node:assert/strict";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, it } from "node:test";
import { serializePairs } from "../src/index.js";
import { FixturePlugin } from "./fixtures/plugins.js";
import { said, startPlugin } from "./helpers.js";

describe("pause and continue", () => {
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
      clusters: { auth: (c) => ({ headers: [[":status", "200"], ["x-c", new TextDecoder().decode(c.body)]], body: "allowed" }) },
    });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 200);
    // unknown cluster ⇒ BAD_ARGUMENT; token 4; answered to root 1, token 4, 2 headers, 7 body bytes;
    // the callout body buffer is NOT_FOUND outside the callback
    assert.deepEqual(said(response.logs), ["2", "0", "4", "1", "4", "2", "7", "200", "allowed", "1"]);
    const [refused, sent] = host.services.calloutLog.http;
    assert.equal(refused?.accepted, false);
    assert.deepEqual(sent?.headers, [[":method", "GET"], [":path", "/check"], [":authority", "auth"], ["content-length", "1"]]);
  });

  it("answers 408 stream_idle_timeout once the stream idle timeout passes on a paused stream", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 1))`);
    const host = await startPlugin(wasm, { streamIdleTimeoutMs: 20 });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 408);
    assert.equal(response.details, "stream_idle_timeout");
    assert.ok(response.logs.some((r) => r.source === "host" && r.message.includes("stream_idle_timeout")));
  });

  it("resets the stream on proxy_close_stream", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      (drop (call $proxy_close_stream (i32.const 0))) (i32.const 1))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.reset, "wasm_close_stream");
    assert.equal(response.upstreamRequest, undefined);
  });
});
