/**
 * §11 items about gRPC callouts (reference/proxy-wasm-abi.md §2.9, §3.2, §4.1; Envoy `Context::grpcCall`,
 * `grpcStream`, `grpcSend`, `grpcClose`, `grpcCancel` and the two client handlers).
 */
import assert from "node:assert/strict";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, it } from "node:test";
import { LogLevel, answeredByHand, serializePairs, type PendingCallout } from "../../src/index.js";
import { FixturePlugin } from "../fixtures/plugins.js";
import { said, startPlugin } from "../helpers.js";

/**
 * A plugin whose request-headers callback is `onRequest(p)` (it continues the request); its root context logs
 * every gRPC callback: what arrived, the metadata value or message, and on close the status from
 * `proxy_get_status` and what `proxy_grpc_close` then answers for the token.
 */
function grpcPlugin(onRequest: (p: FixturePlugin) => string): Uint8Array {
  const p = new FixturePlugin();
  const body = onRequest(p);
  return p.build(`
    (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32) ${body} (i32.const 0))
    (func (export "proxy_on_grpc_receive_initial_metadata") (param i32) (param $token i32) (param $n i32)
      (call $say ${p.str("initial")}) (call $num (local.get $token)) (call $num (local.get $n))
      (call $say_header (i32.const 4) ${p.str("x-meta")}))
    (func (export "proxy_on_grpc_receive") (param i32) (param $token i32) (param $size i32)
      (call $say ${p.str("message")}) (call $num (local.get $token)) (call $num (local.get $size))
      (call $say_buffer (i32.const 5)))
    (func (export "proxy_on_grpc_receive_trailing_metadata") (param i32) (param $token i32) (param $n i32)
      (call $say ${p.str("trailing")}) (call $num (local.get $token)) (call $num (local.get $n))
      (call $say_header (i32.const 5) ${p.str("x-trailer")}))
    (func (export "proxy_on_grpc_close") (param $root i32) (param $token i32) (param $status i32)
      (call $say ${p.str("close")}) (call $num (local.get $root)) (call $num (local.get $token)) (call $num (local.get $status))
      (drop (call $proxy_get_status (i32.const 268) (i32.const 256) (i32.const 260)))
      (call $num (i32.load (i32.const 268))) (call $say_out)
      (call $num (call $proxy_grpc_close (local.get $token))))`, [
    `(import "env" "proxy_get_status" (func $proxy_get_status (param i32 i32 i32) (result i32)))`,
  ]);
}

const METADATA = serializePairs([["x-id", "1"]]);

/** `(call $num (call $proxy_grpc_call …))` then the token, for a call to `cluster`. */
function call(p: FixturePlugin, cluster: string, timeoutMs = 1000): string {
  return `(call $num (call $proxy_grpc_call ${p.str(cluster)} ${p.str("pkg.Greeter")} ${p.str("SayHello")} ${p.bytes(METADATA)}
      ${p.str("hi")} (i32.const ${timeoutMs}) (i32.const 264))) (call $num (i32.load (i32.const 264)))`;
}

/** The same for a stream. */
function stream(p: FixturePlugin, cluster: string): string {
  return `(call $num (call $proxy_grpc_stream ${p.str(cluster)} ${p.str("pkg.Greeter")} ${p.str("Chat")} ${p.bytes(METADATA)}
      (i32.const 264))) (call $num (i32.load (i32.const 264)))`;
}

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

describe("§11 Assertions: dispatched HTTP/gRPC/Redis callouts with full arguments, and the ability to answer, fail or time them out", () => {
  it("gRPC calls and streams are pending with their full arguments; a test answers them on the root context", async () => {
    const wasm = grpcPlugin((p) => [call(p, "svc"), call(p, "svc"), stream(p, "svc"), stream(p, "svc")].join("\n"));
    const host = await startPlugin(wasm, { clusters: { svc: answeredByHand } });
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["0", "5", "0", "9", "0", "6", "0", "10"], "tokens: calls 5, 9; streams 6, 10");
    const pending = host.pendingCallouts();
    assert.deepEqual(pending.map((c) => c.kind), ["grpc-call", "grpc-call", "grpc-stream", "grpc-stream"]);
    const [call5, call9, stream6, stream10] = pending as [PendingCallout, PendingCallout, PendingCallout, PendingCallout];
    assert.ok(call5.kind === "grpc-call" && call9.kind === "grpc-call" && stream6.kind === "grpc-stream" && stream10.kind === "grpc-stream");
    assert.deepEqual({ ...call5.callout, message: text(call5.callout.message) }, {
      token: 5, service: "svc", serviceName: "pkg.Greeter", method: "SayHello", initialMetadata: [["x-id", "1"]],
      message: "hi", timeoutMs: 1000,
    });
    assert.deepEqual(stream6.callout, {
      token: 6, service: "svc", serviceName: "pkg.Greeter", method: "Chat", initialMetadata: [["x-id", "1"]], timeoutMs: 0,
    });

    const from = host.logs.length;
    assert.equal(call5.respond("hello"), true);
    assert.equal(call9.close(7, "denied"), true);
    assert.equal(stream6.initialMetadata([["x-meta", "m"]]), true);
    assert.equal(stream6.message("one"), true);
    assert.equal(stream6.message(""), true);
    assert.equal(stream6.trailingMetadata([["x-trailer", "t"], ["x-more", "u"]]), true);
    assert.equal(stream6.close(0), true);
    assert.deepEqual(said(host.logs.slice(from)), [
      "message", "5", "5", "hello", // a unary call's answer: only proxy_on_grpc_receive, no metadata callbacks
      "close", "1", "9", "7", "7", "denied", "1", // a failed call; it is gone afterwards: close is NOT_FOUND
      "initial", "6", "1", "m",
      "message", "6", "3", "one",
      "message", "6", "0", "",
      "trailing", "6", "2", "t",
      "close", "1", "6", "0", "0", "", "0", // the plugin's close after the server's ends the stream: OK
    ]);
    assert.equal(call5.respond("again"), false, "answered already");
    assert.equal(stream6.message("late"), false, "closed by the server");
    assert.deepEqual(host.pendingCallouts(), [stream10]);
  });

  it("a unary call that ends OK without a message reaches the plugin as 13 INTERNAL, as Envoy's async request reports it", async () => {
    const host = await startPlugin(grpcPlugin((p) => call(p, "svc")), { clusters: { svc: answeredByHand } });
    await host.request({ method: "GET", path: "/" });
    const [pending] = host.pendingCallouts();
    assert.equal(pending?.kind === "grpc-call" && pending.close(0), true);
    assert.deepEqual(said(host.logs).slice(2), ["close", "1", "5", "13", "13", "", "1"]);
  });
});

describe("§11 Data-plane services: Redis, gRPC, shared data with CAS rules, shared queues, metrics with Envoy semantics, foreign functions", () => {
  it("gRPC send, cancel and close answer with Envoy's codes; cancel means no callback; closing a stream half-closes it", async () => {
    const wasm = grpcPlugin((p) => `
      (drop (call $proxy_grpc_call ${p.str("svc")} ${p.str("s")} ${p.str("m")} ${p.str("")} ${p.str("")} (i32.const 0) (i32.const 264)))
      (drop (call $proxy_grpc_call ${p.str("svc")} ${p.str("s")} ${p.str("m")} ${p.str("")} ${p.str("")} (i32.const 0) (i32.const 264)))
      (drop (call $proxy_grpc_stream ${p.str("svc")} ${p.str("s")} ${p.str("m")} ${p.str("")} (i32.const 264)))
      (drop (call $proxy_grpc_stream ${p.str("svc")} ${p.str("s")} ${p.str("m")} ${p.str("")} (i32.const 264)))
      (call $num (call $proxy_grpc_cancel (i32.const 5)))
      (call $num (call $proxy_grpc_cancel (i32.const 5)))
      (call $num (call $proxy_grpc_close (i32.const 9)))
      (call $num (call $proxy_grpc_send (i32.const 5) ${p.str("x")} (i32.const 0)))
      (call $num (call $proxy_grpc_send (i32.const 6) ${p.str("req")} (i32.const 0)))
      (call $num (call $proxy_grpc_send (i32.const 14) ${p.str("x")} (i32.const 0)))
      (call $num (call $proxy_grpc_close (i32.const 4)))
      (call $num (call $proxy_grpc_cancel (i32.const 7)))
      (call $num (call $proxy_grpc_close (i32.const 6)))
      (call $num (call $proxy_grpc_cancel (i32.const 10)))
      (call $num (call $proxy_grpc_send (i32.const 10) ${p.str("x")} (i32.const 0)))`);
    const host = await startPlugin(wasm, { clusters: { svc: answeredByHand } });
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), [
      "0", "1", // cancel a call, then it is unknown: NOT_FOUND
      "0", // close of a call cancels it too
      "2", // send on a call token: BAD_ARGUMENT
      "0", "1", // send on an open stream; on a stream token never issued: NOT_FOUND
      "2", "2", // close / cancel of an HTTP or Redis token: BAD_ARGUMENT
      "0", // close of a stream: half-close
      "0", "1", // cancel (reset) of a stream, which is then unknown
    ]);
    const [stream6, ...others] = host.pendingCallouts();
    assert.equal(others.length, 0, "cancelled calls and streams get no callback and are no longer pending");
    assert.ok(stream6?.kind === "grpc-stream");
    assert.deepEqual(stream6.sent.map((s) => ({ message: text(s.message), endStream: s.endStream })), [{ message: "req", endStream: false }]);
    assert.equal(stream6.localClosed, true);
    const from = host.logs.length;
    assert.equal(stream6.message("after"), true, "a half-closed stream still receives");
    assert.equal(stream6.close(14, "gone"), true);
    assert.deepEqual(said(host.logs.slice(from)), [
      "message", "6", "5", "after",
      "close", "1", "6", "14", "14", "gone", "1", // both sides closed: Envoy forgot the stream
    ]);
  });

  it("an unknown cluster is PARSE_FAILURE and takes no token, with a warning", async () => {
    const wasm = grpcPlugin((p) => [call(p, "nowhere"), stream(p, "nowhere"), call(p, "svc")].join("\n"));
    const host = await startPlugin(wasm, { clusters: { svc: answeredByHand } });
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["4", "0", "4", "0", "0", "5"]);
    assert.deepEqual(host.services.calloutLog.grpc.map((c) => [c.service, c.token, c.accepted]), [
      ["nowhere", 0, false], ["nowhere", 0, false], ["svc", 5, true],
    ]);
    assert.ok(response.logs.some((r) => r.level === LogLevel.Warn && r.message.includes('unknown cluster "nowhere"')));
  });

  it("a call to a real upstream closes with 14 UNAVAILABLE, and the log says why and how to answer it in a test", async () => {
    const wasm = grpcPlugin((p) => call(p, "outbound|9000||grpc.dns"));
    const upstreams = [{ name: "outbound|9000||grpc.dns", endpoints: [{ host: "127.0.0.1", port: 9 }] }];
    const host = await startPlugin(wasm, { upstreams });
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["0", "5"]);
    const warning = response.logs.find((r) => r.level === LogLevel.Warn)?.message ?? "";
    assert.match(warning, /does not speak gRPC to upstreams/);
    assert.match(warning, /answeredByHand/);
    await nextTurn();
    assert.deepEqual(said(host.logs).slice(2), ["close", "1", "5", "14", "14", "the local host has no gRPC client", "1"]);
    assert.deepEqual(host.pendingCallouts(), []);
  });
});
