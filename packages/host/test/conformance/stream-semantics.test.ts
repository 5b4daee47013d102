/** §11 "Stream semantics", item by item (reference/proxy-wasm-abi.md §2.3, §3.2, §8). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { serializePairs } from "../../src/index.js";
import { assemble } from "../fixtures/loader/modules.js";
import { FixturePlugin } from "../fixtures/plugins.js";
import { giveUpWhenStuck, said, startPlugin } from "../helpers.js";

/** §11 "Stream semantics", item by item (reference/proxy-wasm-abi.md). */

const MiB = 1024 * 1024;

/** Buffers the request body until end_of_stream (returns StopIterationAndBuffer), logging each cumulative size. */
function bufferingPlugin(): Uint8Array {
  const p = new FixturePlugin();
  return p.build(`
    (func (export "proxy_on_request_body") (param i32) (param $n i32) (param $eos i32) (result i32)
      (call $num (local.get $n))
      (if (i32.eqz (local.get $eos)) (then (return (i32.const 1))))
      (call $say_buffer (i32.const 0))
      (drop (call $proxy_set_buffer_bytes (i32.const 0) (i32.const 0) (i32.const 0) ${p.str(">")}))
      (drop (call $proxy_set_buffer_bytes (i32.const 0) (i32.const -1) (i32.const 0) ${p.str("<")}))
      (call $num (call $proxy_set_buffer_bytes (i32.const 0) (i32.const 2) (i32.const 1) ${p.str("!")}))
      (i32.const 0))
    (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
      (call $say_header (i32.const 2) ${p.str(":status")}) (i32.const 0))
    (func (export "proxy_on_response_body") (param i32) (param $n i32) (param $eos i32) (result i32)
      (call $say_buffer (i32.const 1))
      (call $num (call $proxy_set_buffer_bytes (i32.const 0) (i32.const 0) (i32.const 0) ${p.str("x")}))
      (i32.const 0))`);
}

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

/** Traps in on_request_headers when the request carries `x-crash`. */
function crashingPlugin(): Uint8Array {
  const p = new FixturePlugin();
  return p.build(`
    (func $crash (unreachable))
    (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      (if (i32.eqz (call $proxy_get_header_map_value (i32.const 0) ${p.str("x-crash")} (i32.const 256) (i32.const 260)))
        (then (call $crash)))
      (call $say ${p.str("served")})
      (i32.const 0))`);
}

/** §11 "Trap handling" and the gRPC item of "Data-plane services" (reference/proxy-wasm-abi.md). */

/** A plugin that leaks a page of memory per request, with a 4-page cap; AS-style, it traps when growth fails. */
const LEAKING_PLUGIN = assemble(`(module
  (memory (export "memory") 1 4)
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "malloc") (param i32) (result i32) (i32.const 1024))
  (func $grow (export "leak_one_page")
    (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable)))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (call $grow) (i32.const 0)))`, { names: true });

/** Pauses in request headers (StopIteration, whatever the ABI makes of it) and continues from the body. */
const pausingHeaders = `(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_request_body") (param i32 i32 i32) (result i32) (i32.const 0))`;

describe("§11 Stream semantics: the return-value tables of §2.3, including the 0.2.x StopIteration rewrite and raw 0.2.100 statuses", () => {
  it("0.2.100: StopIteration on a body-less request holds it (no body callback will come): still pending when the client gives up", async () => {
    const client = new AbortController();
    const host = await startPlugin(new FixturePlugin("0_2_100").build(pausingHeaders), { printLogs: giveUpWhenStuck(client) });
    let upstreamReached = false;
    const response = await host.request(
      { method: "GET", path: "/" },
      { signal: client.signal, upstream: () => ((upstreamReached = true), { status: 200 }) },
    );
    assert.equal(response.callbackResults[0]?.status, "StopIteration");
    assert.equal(response.reset, "downstream_remote_disconnect");
    assert.equal(upstreamReached, false);
    assert.deepEqual(response.callbackResults.map((r) => r.callback), ["proxy_on_request_headers"]);
  });

  it("0.2.1: the same return is rewritten to StopAllIterationAndWatermark, which Envoy's filter manager also holds", async () => {
    const client = new AbortController();
    const host = await startPlugin(new FixturePlugin("0_2_1").build(pausingHeaders), { printLogs: giveUpWhenStuck(client) });
    const response = await host.request({ method: "GET", path: "/" }, { signal: client.signal });
    assert.equal(response.callbackResults[0]?.status, "StopAllIterationAndWatermark");
    assert.equal(response.reset, "downstream_remote_disconnect");
  });

  it("keeps StopIteration raw: headers are held while body callbacks run, and edited from the body callback", async () => {
    const p = new FixturePlugin("0_2_100");
    const wasm = p.build(`
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 1))
      (func (export "proxy_on_request_body") (param i32) (param $n i32) (param $eos i32) (result i32)
        (call $num (local.get $n))
        (call $num (call $proxy_replace_header_map_value (i32.const 0) ${p.str("x-body-seen")} ${p.str("yes")}))
        (if (result i32) (local.get $eos) (then (i32.const 0)) (else (i32.const 1))))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "POST", path: "/", body: ["ab", "cd"] });
    assert.equal(response.callbackResults[0]?.status, "StopIteration");
    assert.deepEqual(said(response.logs), ["2", "0", "4", "0"]);
    assert.deepEqual(response.upstreamRequest?.headers.at(-1), ["x-body-seen", "yes"]);
  });
});

describe("§11 Stream semantics: header/body/trailer availability windows; request trailers creatable only in the last body chunk; read-only maps in on_log", () => {
  it("nulls request headers once their callback continued; on_log reads copies that refuse writes", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
        (call $say_header (i32.const 0) ${p.str(":path")})
        (call $num (call $proxy_add_header_map_value (i32.const 0) ${p.str("k")} ${p.str("v")}))
        (drop (call $proxy_get_header_map_pairs (i32.const 0) (i32.const 256) (i32.const 260)))
        (call $num (i32.load (i32.const 260)))
        (i32.const 0))
      (func (export "proxy_on_log") (param i32)
        (call $say_header (i32.const 0) ${p.str(":path")})
        (call $say_header (i32.const 2) ${p.str(":status")})
        (call $say_header (i32.const 1) ${p.str("t")})
        (call $num (call $proxy_replace_header_map_value (i32.const 0) ${p.str("k")} ${p.str("v")})))`);
    const host = await startPlugin(wasm, { strict: false });
    const response = await host.request({ method: "GET", path: "/window" }, { upstream: () => ({ status: 204 }) });
    // BAD_ARGUMENT (2) for reads and writes after Continue, an empty map for pairs;
    // in on_log: request path and status readable, request trailers NOT_FOUND (1), writes BAD_ARGUMENT (2)
    assert.deepEqual(said(response.logs), ["2", "2", "0", "/window", "204", "1", "2"]);
    assert.equal(response.violations.filter((v) => v.kind === "outside_availability_window").length, 5);
  });

  it("creates request trailers on demand in the last body callback", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_request_body") (param i32 i32) (param $eos i32) (result i32)
        (call $num (call $proxy_add_header_map_value (i32.const 1) ${p.str("x-trailer")} ${p.str("t")}))
        (i32.const 0))`);
    const host = await startPlugin(wasm, { strict: false });
    const response = await host.request({ method: "POST", path: "/", body: ["a", "b"] });
    assert.deepEqual(said(response.logs), ["2", "0"], "BAD_ARGUMENT before the last chunk, OK in it");
    assert.deepEqual(response.violations.map((v) => v.kind), ["outside_availability_window"]);
    assert.deepEqual(response.upstreamRequest?.trailers, [["x-trailer", "t"]]);
    assert.equal(new TextDecoder().decode(response.upstreamRequest?.body), "ab");
  });
});

describe("§11 Stream semantics: body buffering with cumulative body_size; set_buffer_bytes rules; buffer limit → 413 request_payload_too_large / 500 response_payload_too_large", () => {
  it("buffers chunks with cumulative sizes and lets the plugin edit the whole body", async () => {
    const host = await startPlugin(bufferingPlugin(), { strict: false });
    const response = await host.request(
      { method: "POST", path: "/", body: ["ab", "cd", "ef"] },
      { upstream: (req) => ({ status: 200, body: [req.body, "!"] }) },
    );
    // set_buffer_bytes in the middle of a body is BAD_ARGUMENT (2); the request body outside its callback is immutable
    assert.deepEqual(said(response.logs), ["2", "4", "6", "abcdef", "2", "200", ">abcdef<", "2", "!", "2"]);
    assert.deepEqual(response.violations.map((v) => v.kind), ["outside_availability_window", "outside_availability_window"], "the writes to the request body from each response body callback");
    assert.equal(new TextDecoder().decode(response.upstreamRequest?.body), ">abcdef<");
    assert.deepEqual(response.callbackResults.map((r) => r.status), [
      "Continue", "StopIterationAndBuffer", "StopIterationAndBuffer", "Continue", "Continue", "Continue", "Continue",
    ]);
  });

  it("answers 413 when the buffered request body exceeds the buffer limit, without calling the VM for that chunk", async () => {
    const host = await startPlugin(bufferingPlugin(), { bufferLimitBytes: 5, strict: false });
    let reached = false;
    const response = await host.request(
      { method: "POST", path: "/", body: ["abc", "def"] },
      { upstream: () => ((reached = true), { status: 200 }) },
    );
    assert.equal(reached, false);
    assert.equal(response.status, 413);
    assert.equal(response.text(), "Payload Too Large");
    assert.equal(response.details, "request_payload_too_large");
    assert.equal(response.localReply?.source, "envoy");
    // the plugin saw the first chunk, then its own response callbacks ran on the 413
    assert.deepEqual(said(response.logs), ["3", "413", "Payload Too Large", "2"]);
  });

  it("answers 500 when a response body buffered behind held headers exceeds the limit", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32) (i32.const 1))
      (func (export "proxy_on_response_body") (param i32 i32 i32) (result i32) (i32.const 1))`);
    const host = await startPlugin(wasm, { allowOnHeadersStopIteration: true, bufferLimitBytes: 4 });
    const response = await host.request({ method: "GET", path: "/" }, { upstream: () => ({ status: 200, body: ["abc", "def"] }) });
    assert.equal(response.status, 500);
    assert.equal(response.details, "response_payload_too_large");
    assert.equal(response.callbackResults[1]?.status, "StopIteration");
  });

  it("lets Higress plugins raise the request buffer limit with set_decoder_buffer_limit", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_set_property ${p.str("set_decoder_buffer_limit")} ${p.str("100")})) (i32.const 0))
      (func (export "proxy_on_request_body") (param i32 i32) (param $eos i32) (result i32)
        (if (result i32) (local.get $eos) (then (i32.const 0)) (else (i32.const 1))))`);
    const host = await startPlugin(wasm, { bufferLimitBytes: 5 });
    const response = await host.request({ method: "POST", path: "/", body: ["abc", "def", "ghi"] });
    assert.equal(response.status, 200);
    assert.equal(new TextDecoder().decode(response.upstreamRequest?.body), "abcdefghi");
  });

  it("a 2 MiB request body against a 1 MiB buffer limit, buffered by the plugin, is answered 413 before reaching the upstream", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_body") (param i32 i32) (param $eos i32) (result i32)
      (if (result i32) (local.get $eos) (then (i32.const 0)) (else (i32.const 1))))`);
    const host = await startPlugin(wasm, { bufferLimitBytes: MiB });
    const half = new Uint8Array(MiB).fill(97);
    const response = await host.request({ method: "POST", path: "/upload", body: [half, half] });
    assert.equal(response.status, 413);
    assert.equal(response.details, "request_payload_too_large");
    assert.equal(response.text(), "Payload Too Large");
    assert.equal(response.localReply?.source, "envoy");
    assert.equal(response.upstreamRequest, undefined);
  });
});

describe("§11 Stream semantics: local reply deferred, forcing stop, with synthesised headers, through the plugin's own response callbacks; a no-op + OK from a root context", () => {
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
    const host = await startPlugin(wasm, { strict: false });
    assert.deepEqual(said(host.logs), ["0"]);
    assert.deepEqual(host.violations.map((v) => v.kind), ["no_stream"]);
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 200);
  });

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
    const host = await startPlugin(wasm, { clusters: { auth: () => ({ headers: [[":status", "403"]] }) }, strict: false });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 401);
    assert.equal(response.details, "auth_failed");
    // the first call, on the root context without an effective stream, is an OK no-op
    assert.deepEqual(said(response.logs), ["0", "0", "401"]);
    assert.deepEqual(response.violations.map((v) => v.kind), ["no_stream"]);
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

describe("§11 Stream semantics: continue_stream deferred; close_stream → reset with wasm_close_stream", () => {
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

describe("§11 Stream semantics: trap handling: the VM fails, then 503 wasm_fail_stream (fail closed) or skip (fail open); Higress recovery", () => {
  it("fails the stream with 503 wasm_fail_stream, then rebuilds the VM (Higress) so the next request works", async () => {
    const host = await startPlugin(crashingPlugin());
    const failed = await host.request({ method: "GET", path: "/", headers: { "x-crash": "1" } });
    assert.equal(failed.status, 503);
    assert.equal(failed.details, "wasm_fail_stream");
    assert.equal(failed.upstreamRequest, undefined);
    const trap = failed.logs.find((r) => r.source === "host" && r.message.includes("Function: proxy_on_request_headers failed"));
    assert.ok(trap, "the trap is logged");
    assert.match(trap.message, /Uncaught RuntimeError: unreachable/);
    assert.match(trap.message, /\$crash|crash/, "the backtrace names functions from the name section");
    const next = await host.request({ method: "GET", path: "/" });
    assert.equal(next.status, 200);
    assert.deepEqual(said(next.logs), ["served"]);
    assert.equal(host.failure, undefined);
  });

  it("keeps a failed VM failed in Envoy mode", async () => {
    const host = await startPlugin(crashingPlugin(), { mode: "envoy" });
    await host.request({ method: "GET", path: "/", headers: { "x-crash": "1" } });
    const next = await host.request({ method: "GET", path: "/" });
    assert.equal(next.status, 503);
    assert.match(host.failure ?? "", /proxy_on_request_headers/);
  });

  it("skips the plugin when it fails open", async () => {
    const host = await startPlugin(crashingPlugin(), { failOpen: true, mode: "envoy" });
    const failed = await host.request({ method: "GET", path: "/", headers: { "x-crash": "1" } }, { upstream: () => ({ status: 204 }) });
    assert.equal(failed.status, 204);
    assert.ok(failed.upstreamRequest !== undefined);
  });

  it("trap handling: a plugin that exhausts its memory traps, that stream fails closed with 503 wasm_fail_stream, the VM is restarted and the next request is served", async () => {
    const host = await startPlugin(LEAKING_PLUGIN, { recoveryGuardMs: 0 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await host.request({ method: "GET", path: "/" })).status);
    assert.deepEqual(statuses, [200, 200, 200], "three pages fit under the cap");
    const failed = await host.request({ method: "GET", path: "/" });
    assert.equal(failed.status, 503);
    assert.equal(failed.details, "wasm_fail_stream");
    assert.ok(failed.logs.some((r) => r.source === "host" && /Function: proxy_on_request_headers failed: .*unreachable/.test(r.message)));
    const next = await host.request({ method: "GET", path: "/" });
    assert.equal(next.status, 200, "the rebuilt VM starts with its initial memory");
    assert.ok(host.logs.some((r) => r.source === "host" && r.message.includes("rebuilding")));
  });
});
