import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { serializePairs } from "../src/index.js";
import { FixturePlugin } from "./fixtures/plugins.js";
import { said, startPlugin } from "./helpers.js";

/** A plugin that answers locally from request headers and logs what its response callbacks see. */
function denyingPlugin(headers: Uint8Array, body: string): Uint8Array {
  const p = new FixturePlugin();
  return p.build(`
    (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      (drop (call $proxy_send_local_response (i32.const 403) ${p.str("access denied")} ${p.str(body)} ${p.bytes(headers)} (i32.const -1)))
      (call $say ${p.str("sent")})
      (i32.const 0))
    (func (export "proxy_on_request_body") (param i32 i32 i32) (result i32) (call $say ${p.str("request body")}) (i32.const 0))
    (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
      (call $say_header (i32.const 2) ${p.str(":status")})
      (call $say_header (i32.const 2) ${p.str("content-type")})
      (call $say_header (i32.const 2) ${p.str("content-length")})
      (call $say_header (i32.const 2) ${p.str("x-from")})
      (i32.const 0))
    (func (export "proxy_on_response_body") (param i32 i32 i32) (result i32) (call $say_buffer (i32.const 1)) (i32.const 0))
    (func (export "proxy_on_log") (param i32) (call $say ${p.str("log")}))
    (func (export "proxy_on_done") (param i32) (result i32) (call $say ${p.str("done")}) (i32.const 1))
    (func (export "proxy_on_delete") (param i32) (call $say ${p.str("delete")}))`);
}

describe("local reply", () => {
  it("is deferred, forces stop, synthesises headers and runs the plugin's response callbacks on it", async () => {
    const host = await startPlugin(denyingPlugin(serializePairs([["X-From", "plugin"]]), "denied"));
    let upstreamCalled = false;
    const response = await host.request(
      { method: "POST", path: "/", body: "payload" },
      { upstream: () => ((upstreamCalled = true), { status: 200 }) },
    );
    assert.equal(upstreamCalled, false);
    assert.equal(response.upstreamRequest, undefined);
    assert.equal(response.status, 403);
    assert.equal(response.text(), "denied");
    assert.equal(response.details, "access_denied");
    assert.deepEqual(response.headers, [[":status", "403"], ["x-from", "plugin"], ["content-length", "6"], ["content-type", "text/plain"]]);
    assert.deepEqual(response.localReply?.source, "plugin");
    assert.deepEqual(said(response.logs), ["sent", "403", "text/plain", "6", "plugin", "denied", "log", "done", "delete"]);
    assert.deepEqual(response.callbackResults[0], { callback: "proxy_on_request_headers", raw: 0, status: "StopAllIterationAndWatermark" });
  });

  it("keeps the plugin's content-type, and drops content-type and content-length for an empty body", async () => {
    const typed = await startPlugin(denyingPlugin(serializePairs([["content-type", "application/json"]]), "{}"));
    const json = await typed.request({ method: "GET", path: "/" });
    assert.deepEqual(json.headers, [[":status", "403"], ["content-type", "application/json"], ["content-length", "2"]]);
    const empty = await startPlugin(denyingPlugin(serializePairs([["content-type", "text/html"], ["content-length", "9"]]), ""));
    const bare = await empty.request({ method: "GET", path: "/" });
    assert.deepEqual(bare.headers, [[":status", "403"]]);
    assert.equal(bare.body.length, 0);
  });

  it("answers gRPC requests trailers-only with grpc-status mapped from the HTTP code", async () => {
    const host = await startPlugin(denyingPlugin(new Uint8Array(0), "no way"));
    const response = await host.request({ method: "POST", path: "/svc/M", headers: { "content-type": "application/grpc" }, body: "x" });
    assert.deepEqual(response.headers, [[":status", "200"], ["content-type", "application/grpc"], ["grpc-status", "7"], ["grpc-message", "no way"]]);
  });

  it("is a silent OK no-op from a root context without an effective stream", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (call $num (call $proxy_send_local_response (i32.const 500) ${p.str("")} ${p.str("")} ${p.str("")} (i32.const -1)))
        (i32.const 1))`);
    const host = await startPlugin(wasm);
    assert.deepEqual(said(host.logs), ["0"]);
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 200);
  });
});

describe("local reply from callbacks outside the stream", () => {
  it("answers a paused stream from an HTTP callout response through the effective context", async () => {
    const p = new FixturePlugin();
    const call = p.bytes(serializePairs([[":method", "GET"], [":path", "/auth"], [":authority", "auth"]]));
    const wasm = p.build(`
      (global $stream (mut i32) (i32.const 0))
      (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32)
        (global.set $stream (local.get $c))
        (drop (call $proxy_http_call ${p.str("auth")} ${call} ${p.str("")} ${p.str("")} (i32.const 0) (i32.const 264)))
        (i32.const 1))
      (func (export "proxy_on_http_call_response") (param i32 i32 i32 i32 i32)
        (call $num (call $proxy_send_local_response (i32.const 401) ${p.str("")} ${p.str("no")} ${p.str("")} (i32.const -1)))
        (drop (call $proxy_set_effective_context (global.get $stream)))
        (call $num (call $proxy_send_local_response (i32.const 401) ${p.str("auth failed")} ${p.str("no")} ${p.str("")} (i32.const -1))))
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
        (call $say_header (i32.const 2) ${p.str(":status")}) (i32.const 0))`);
    const host = await startPlugin(wasm, { clusters: { auth: () => ({ headers: [[":status", "403"]] }) } });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 401);
    assert.equal(response.details, "auth_failed");
    // the first call, on the root context without an effective stream, is an OK no-op
    assert.deepEqual(said(response.logs), ["0", "0", "401"]);
    assert.equal(response.callbackResults.at(-1)?.status, "Continue", "the plugin's own response callback is not forced to stop");
  });

  it("replaces the response directly when sent from on_response_headers", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
        (call $say ${p.str("response headers")})
        (drop (call $proxy_send_local_response (i32.const 502) ${p.str("bad upstream")} ${p.str("replaced")} ${p.str("")} (i32.const -1)))
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "GET", path: "/" }, { upstream: () => ({ status: 200, body: "original" }) });
    assert.equal(response.status, 502);
    assert.equal(response.text(), "replaced");
    assert.deepEqual(said(response.logs), ["response headers"], "no second round of response callbacks");
    assert.ok(response.upstreamRequest !== undefined, "the upstream was reached before the reply replaced its answer");
  });
});
