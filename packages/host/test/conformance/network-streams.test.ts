/**
 * §11 items as they apply to network (TCP) streams: Envoy's wasm network filter in front of the TCP proxy
 * (reference/proxy-wasm-abi.md §2.3, §2.8, §3.2, §4.3, §8.3, §8.5; Envoy `common/wasm/context.cc` onNewConnection,
 * onData, onWrite, onEvent, onCloseTCP; cpp-host `CHECK_FAIL_NET`).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FixturePlugin } from "../fixtures/plugins.js";
import { said, startPlugin } from "../helpers.js";

/** Logs every network callback with its arguments, and the data buffer in the data callbacks; continues everything. */
function tracingPlugin(): Uint8Array {
  const p = new FixturePlugin();
  const trace = (name: string, locals: string[]) => p.trace(name, locals);
  return p.build(`
    (func (export "proxy_on_context_create") (param $c i32) (param $p i32) ${trace("create", ["$c", "$p"])})
    (func (export "proxy_on_new_connection") (param $c i32) (result i32) ${trace("new_connection", ["$c"])} (i32.const 0))
    (func (export "proxy_on_downstream_data") (param $c i32) (param $n i32) (param $e i32) (result i32)
      ${trace("downstream_data", ["$c", "$n", "$e"])} (call $say_buffer (i32.const 2)) (i32.const 0))
    (func (export "proxy_on_upstream_data") (param $c i32) (param $n i32) (param $e i32) (result i32)
      ${trace("upstream_data", ["$c", "$n", "$e"])} (call $say_buffer (i32.const 3)) (i32.const 0))
    (func (export "proxy_on_downstream_connection_close") (param $c i32) (param $t i32) ${trace("downstream_close", ["$c", "$t"])})
    (func (export "proxy_on_upstream_connection_close") (param $c i32) (param $t i32) ${trace("upstream_close", ["$c", "$t"])})
    (func (export "proxy_on_done") (param $c i32) (result i32) ${trace("done", ["$c"])} (i32.const 1))
    (func (export "proxy_on_log") (param $c i32) ${trace("log", ["$c"])})
    (func (export "proxy_on_delete") (param $c i32) ${trace("delete", ["$c"])})`);
}

/** Logs callbacks in the end phase by name only. */
const END_TRACE = (p: FixturePlugin) => `
  (func (export "proxy_on_downstream_connection_close") (param i32) (param $t i32) (call $say ${p.str("close")}) (call $num (local.get $t)))
  (func (export "proxy_on_done") (param i32) (result i32) (call $say ${p.str("done")}) (i32.const 1))
  (func (export "proxy_on_log") (param i32) (call $say ${p.str("log")}))
  (func (export "proxy_on_delete") (param i32) (call $say ${p.str("delete")}))`;

describe("§11 Lifecycle: end order on_done → on_log → on_delete (TCP)", () => {
  it("runs a connection in Envoy's order: on_context_create(S, R), on_new_connection, the data callbacks over DOWNSTREAM_DATA / UPSTREAM_DATA, then on the client's close on_downstream_connection_close(REMOTE) → on_done → on_log → on_delete", async () => {
    const host = await startPlugin(tracingPlugin());
    const conn = host.connection();
    assert.equal(conn.id, 2);
    assert.deepEqual(said(conn.logs), ["create", "2", "1", "new_connection", "2"]);
    assert.equal(conn.upstreamConnected, true, "on_new_connection continued: the TCP proxy connects upstream");
    conn.downstream("ping");
    conn.upstream("pong");
    conn.close("downstream");
    assert.deepEqual(said(conn.logs).slice(5), [
      "downstream_data", "2", "4", "0", "ping",
      "upstream_data", "2", "4", "0", "pong",
      "downstream_close", "2", "2",
      "done", "2", "log", "2", "delete", "2",
    ]);
    assert.equal(conn.text("upstream"), "ping");
    assert.equal(conn.text("downstream"), "pong");
    assert.deepEqual(conn.closed, { by: "downstream", details: "" });
    assert.deepEqual(conn.callbackResults, [
      { callback: "proxy_on_context_create", raw: undefined },
      { callback: "proxy_on_new_connection", raw: 0, status: "Continue" },
      { callback: "proxy_on_downstream_data", raw: 0, status: "Continue" },
      { callback: "proxy_on_upstream_data", raw: 0, status: "Continue" },
      { callback: "proxy_on_downstream_connection_close", raw: undefined },
      { callback: "proxy_on_done", raw: 1 },
      { callback: "proxy_on_log", raw: undefined },
      { callback: "proxy_on_delete", raw: undefined },
    ]);
    assert.throws(() => conn.downstream("late"), /connection is closed/);
  });

  it("reports the upstream's end of stream as on_upstream_connection_close(UNKNOWN) right after on_upstream_data(eos=1); the stream ends when the TCP proxy then closes the client's side (LOCAL)", async () => {
    const host = await startPlugin(tracingPlugin());
    const conn = host.connection();
    const from = said(conn.logs).length;
    conn.downstream("bye", true);
    conn.upstream("later", true);
    assert.equal(conn.closed, undefined, "half-closed both ways, still open");
    conn.close("upstream");
    assert.deepEqual(said(conn.logs).slice(from), [
      "downstream_data", "2", "3", "1", "bye",
      "upstream_data", "2", "5", "1", "later",
      "upstream_close", "2", "0",
      "downstream_close", "2", "1",
      "done", "2", "log", "2", "delete", "2",
    ]);
    assert.deepEqual(conn.closed, { by: "upstream", details: "" });
    assert.throws(() => conn.upstream("more"), /closed/);
  });

  it("numbers network streams with the VM's other stream contexts (2, 3, …)", async () => {
    const host = await startPlugin(tracingPlugin());
    assert.equal(host.connection().id, 2);
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs).slice(0, 3), ["create", "3", "1"]);
    assert.equal(host.connection().id, 4);
  });
});

describe("§11 Stream semantics: TCP filter statuses (any non-zero stops), held data and proxy_continue_stream(DOWNSTREAM)", () => {
  /** Holds the connection in on_new_connection (returns 7), holds downstream data until 10 bytes, continues from on_tick. */
  function holdingPlugin(): Uint8Array {
    const p = new FixturePlugin();
    return p.build(`
      (global $conn (mut i32) (i32.const 0))
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 1000))) (i32.const 1))
      (func (export "proxy_on_new_connection") (param $c i32) (result i32) (global.set $conn (local.get $c)) (i32.const 7))
      (func (export "proxy_on_downstream_data") (param i32) (param $n i32) (param i32) (result i32)
        (call $num (local.get $n)) (i32.ne (local.get $n) (i32.const 10)))
      (func (export "proxy_on_tick") (param i32)
        (call $num (call $proxy_set_effective_context (global.get $conn)))
        (call $num (call $proxy_continue_stream (i32.const 2))))`);
  }

  it("a held read stays in the read buffer: the next read calls on_downstream_data again with the cumulative size, and Continue passes it all (the TCP proxy connects only then)", async () => {
    const host = await startPlugin(holdingPlugin());
    const conn = host.connection();
    assert.deepEqual(conn.callbackResults, [{ callback: "proxy_on_new_connection", raw: 7, status: "StopIteration" }]);
    assert.equal(conn.upstreamConnected, false);
    assert.throws(() => conn.upstream("early"), /no upstream connection yet/);
    conn.downstream("hello");
    assert.equal(conn.text("upstream"), "");
    conn.downstream("world");
    assert.deepEqual(said(conn.logs), ["5", "10"]);
    assert.equal(conn.text("upstream"), "helloworld");
    assert.equal(conn.upstreamConnected, true);
    assert.deepEqual(conn.callbackResults.slice(1).map((r) => r.status), ["StopIteration", "Continue"]);
  });

  it("proxy_continue_stream(DOWNSTREAM) from a root callback with the effective context passes the held data on after the VM call", async () => {
    const host = await startPlugin(holdingPlugin());
    const conn = host.connection();
    conn.downstream("abc");
    assert.equal(conn.text("upstream"), "");
    assert.equal(host.tick(), true);
    assert.deepEqual(said(conn.logs), ["3", "0", "0"]);
    assert.equal(conn.text("upstream"), "abc");
    assert.equal(conn.upstreamConnected, true);
  });

  it("proxy_continue_stream(UPSTREAM) is UNIMPLEMENTED (12); a held write waits for the next one, which sees both", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (global $writes (mut i32) (i32.const 0))
      (func (export "proxy_on_upstream_data") (param i32) (param $n i32) (param i32) (result i32)
        (global.set $writes (i32.add (global.get $writes) (i32.const 1)))
        (call $num (local.get $n))
        (call $num (call $proxy_continue_stream (i32.const 3)))
        (i32.eq (global.get $writes) (i32.const 1)))`);
    const host = await startPlugin(wasm);
    const conn = host.connection();
    conn.upstream("a");
    assert.equal(conn.text("downstream"), "");
    conn.upstream("b");
    assert.deepEqual(said(conn.logs), ["1", "12", "2", "12"]);
    assert.equal(conn.text("downstream"), "ab");
    assert.deepEqual(conn.callbackResults.map((r) => [r.raw, r.status]), [[1, "StopIteration"], [0, "Continue"]]);
  });
});

describe("§11 Stream semantics: DOWNSTREAM_DATA / UPSTREAM_DATA with Envoy's copyFrom rules, only while Envoy holds the data pointer", () => {
  it("replaces, prepends and appends in the data callbacks (a middle offset is BAD_ARGUMENT); outside them the buffers read empty and refuse writes; HTTP bodies read empty", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_new_connection") (param i32) (result i32)
        (call $say_buffer (i32.const 2))
        (call $num (call $proxy_set_buffer_bytes (i32.const 2) (i32.const 0) (i32.const 0) ${p.str("x")}))
        (call $say_buffer (i32.const 0))
        (i32.const 0))
      (func (export "proxy_on_downstream_data") (param i32 i32 i32) (result i32)
        (call $num (call $proxy_set_buffer_bytes (i32.const 2) (i32.const 0) (i32.const -1) ${p.str("HELLO")}))
        (call $say_buffer (i32.const 2))
        (i32.const 0))
      (func (export "proxy_on_upstream_data") (param i32 i32 i32) (result i32)
        (call $num (call $proxy_set_buffer_bytes (i32.const 3) (i32.const 0) (i32.const 0) ${p.str("[")}))
        (call $num (call $proxy_set_buffer_bytes (i32.const 3) (i32.const -1) (i32.const 0) ${p.str("]")}))
        (call $num (call $proxy_set_buffer_bytes (i32.const 3) (i32.const 1) (i32.const 0) ${p.str("?")}))
        (call $say_buffer (i32.const 3))
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    const conn = host.connection();
    assert.deepEqual(said(conn.logs), ["", "2", ""]);
    conn.downstream("hi");
    conn.upstream("pong");
    assert.deepEqual(said(conn.logs).slice(3), ["0", "HELLO", "0", "0", "2", "[pong]"]);
    assert.equal(conn.text("upstream"), "HELLO");
    assert.equal(conn.text("downstream"), "[pong]");
  });
});

describe("§11 Stream semantics: proxy_close_stream on a network stream closes the connection; HTTP-only calls do nothing there", () => {
  /** Closes DOWNSTREAM (2) for a read without end of stream, UPSTREAM (3) for one with it, then returns Continue. */
  function closingPlugin(): Uint8Array {
    const p = new FixturePlugin();
    return p.build(`
      (func (export "proxy_on_downstream_data") (param i32) (param i32) (param $e i32) (result i32)
        (call $num (call $proxy_close_stream (i32.add (i32.const 2) (local.get $e))))
        (i32.const 0))
      ${END_TRACE(p)}`);
  }

  it("DOWNSTREAM closes the client's connection after the VM call (wasm_downstream_close, LOCAL): the data it returned Continue for never goes upstream", async () => {
    const host = await startPlugin(closingPlugin());
    const conn = host.connection();
    conn.downstream("x");
    assert.deepEqual(said(conn.logs), ["0", "close", "1", "done", "log", "delete"]);
    assert.deepEqual(conn.closed, { by: "plugin", details: "wasm_downstream_close" });
    assert.equal(conn.text("upstream"), "");
    assert.deepEqual(conn.callbackResults.map((r) => r.callback), [
      "proxy_on_downstream_data", "proxy_on_downstream_connection_close", "proxy_on_done", "proxy_on_log", "proxy_on_delete",
    ]);
    assert.equal(conn.callbackResults[0]?.status, "Continue");
  });

  it("UPSTREAM closes the same client connection (wasm_upstream_close)", async () => {
    const host = await startPlugin(closingPlugin());
    const conn = host.connection();
    conn.downstream("x", true);
    assert.deepEqual(conn.closed, { by: "plugin", details: "wasm_upstream_close" });
    assert.deepEqual(said(conn.logs), ["0", "close", "1", "done", "log", "delete"]);
  });

  it("header-map calls are BAD_ARGUMENT (pairs read empty), a local reply is OK and does nothing, continue/close of HTTP_REQUEST are OK and do nothing", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_new_connection") (param i32) (result i32)
        (call $num (call $proxy_get_header_map_value (i32.const 0) ${p.str(":path")} (i32.const 256) (i32.const 260)))
        (call $num (call $proxy_add_header_map_value (i32.const 0) ${p.str("x-a")} ${p.str("1")}))
        (call $num (call $proxy_get_header_map_pairs (i32.const 0) (i32.const 256) (i32.const 260)))
        (call $num (i32.load (i32.const 260)))
        (call $num (call $proxy_send_local_response (i32.const 403) ${p.str("denied")} ${p.str("no")} (i32.const 0) (i32.const 0) (i32.const -1)))
        (call $num (call $proxy_continue_stream (i32.const 0)))
        (call $num (call $proxy_close_stream (i32.const 0)))
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    const conn = host.connection();
    assert.deepEqual(said(conn.logs), ["2", "2", "0", "0", "0", "0", "0"]);
    assert.ok(conn.logs.some((r) => r.source === "host" && r.message.includes("proxy_send_local_response on a network (TCP) stream")));
    assert.equal(conn.closed, undefined);
    conn.downstream("still open");
    assert.equal(conn.text("upstream"), "still open");
  });
});

describe("§11 Stream semantics: trap handling on a network stream: fail closed closes the connection, fail open lets the data through", () => {
  function trappingPlugin(): Uint8Array {
    const p = new FixturePlugin();
    return p.build(`
      (func (export "proxy_on_new_connection") (param i32) (result i32) (call $say ${p.str("new")}) (i32.const 0))
      (func (export "proxy_on_downstream_data") (param i32 i32 i32) (result i32) (unreachable))
      ${END_TRACE(p)}`);
  }

  it("fail closed: a trap in on_downstream_data fails the VM and closes the connection (StopIteration, no later callbacks); a new connection on the failed VM closes at once (Envoy mode)", async () => {
    const host = await startPlugin(trappingPlugin(), { mode: "envoy" });
    const conn = host.connection();
    conn.downstream("x");
    assert.match(host.failure ?? "", /^Function: proxy_on_downstream_data failed: Uncaught RuntimeError: unreachable/);
    assert.deepEqual(conn.closed, { by: "wasm_failure", details: "" });
    assert.equal(conn.text("upstream"), "");
    assert.deepEqual(said(conn.logs), ["new"]);
    assert.deepEqual(conn.callbackResults.map((r) => [r.callback, r.status]), [
      ["proxy_on_new_connection", "Continue"],
      ["proxy_on_downstream_data", "StopIteration"],
    ]);
    const next = host.connection();
    assert.deepEqual([next.closed, next.callbackResults, next.upstreamConnected], [{ by: "wasm_failure", details: "" }, [], false]);
  });

  it("fail open: the trapping read and every later byte pass both ways without callbacks, and the close runs none", async () => {
    const host = await startPlugin(trappingPlugin(), { mode: "envoy", failOpen: true });
    const conn = host.connection();
    conn.downstream("x");
    assert.equal(conn.callbackResults.at(-1)?.status, "Continue");
    conn.downstream("y");
    conn.upstream("z");
    conn.close("downstream");
    assert.deepEqual([conn.text("upstream"), conn.text("downstream")], ["xy", "z"]);
    assert.deepEqual(said(conn.logs), ["new"]);
    assert.equal(conn.callbackResults.length, 2);
    const next = host.connection();
    next.downstream("passes");
    assert.deepEqual([next.text("upstream"), next.callbackResults, next.upstreamConnected], ["passes", [], true]);
  });

  it("Higress rebuilds the failed VM before the next connection", async () => {
    const host = await startPlugin(trappingPlugin(), { recoveryGuardMs: 0 });
    host.connection().downstream("x");
    assert.notEqual(host.failure, undefined);
    const next = host.connection();
    assert.equal(host.failure, undefined);
    assert.deepEqual(said(next.logs), ["new"]);
    assert.equal(next.id, 2, "a fresh VM numbers its contexts again");
  });
});

describe("§11 Data-plane services: the property tree of a connection (source/destination, connection.*, connection_id, filter state)", () => {
  it("answers the connection's addresses, id and mtls, no request attributes, and filter state the plugin sets", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_new_connection") (param i32) (result i32)
        (call $say_property ${p.str("source\0address")})
        (call $say_property ${p.str("destination\0port")})
        (call $say_property ${p.str("connection\0mtls")})
        (call $say_property ${p.str("connection_id")})
        (call $say_property ${p.str("request\0path")})
        (call $say_property ${p.str("plugin_name")})
        (call $num (call $proxy_set_property ${p.str("tenant")} ${p.str("a")}))
        (call $say_property ${p.str("tenant")})
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    const conn = host.connection({ source: { address: "10.0.0.7", port: 41000 }, destination: { address: "10.0.0.1", port: 9000 } });
    assert.deepEqual(said(conn.logs), [
      "10.0.0.7:41000",
      "(#\0\0\0\0\0\0", // 9000 as int64 little-endian
      "\0",
      "\x02\0\0\0\0\0\0\0",
      "1", // NOT_FOUND: a TCP stream has no request
      "fixture",
      "0",
      "a",
    ]);
    assert.deepEqual(conn.properties.get("tenant"), new TextEncoder().encode("a"));
  });
});
