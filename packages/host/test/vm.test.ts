import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PluginHost } from "../src/index.js";
import { FixturePlugin } from "./fixtures/plugins.js";
import { said, startPlugin } from "./helpers.js";

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

describe("traps and recovery", () => {
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
});

describe("VM start", () => {
  it("fails the start when _initialize calls a host function outside the restricted list", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "_initialize")
        (call $say ${p.str("init")})
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 5))))`);
    const outcome = await PluginHost.load(wasm, { name: "r" });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok);
    assert.match(outcome.error, /^Function: _initialize failed: restricted_callback/);
    assert.deepEqual(said(outcome.logs), ["init"], "proxy_log is allowed while starting");
  });

  it("runs _initialize then main(0, 0) before creating the root context", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "_initialize") (call $say ${p.str("initialize")}))
      (func (export "main") (param i32 i32) (result i32) (call $say ${p.str("main")}) (i32.const 0))
      (func (export "proxy_on_context_create") (param i32 i32) (call $say ${p.str("create")}))`);
    const host = await startPlugin(wasm);
    assert.deepEqual(said(host.logs), ["initialize", "main", "create"]);
  });
});

describe("allocator protocol", () => {
  it("returns empty values as 0/0 without calling malloc, and allocates once per non-empty value", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (i32.store (i32.const 256) (i32.const 77))
        (i32.store (i32.const 260) (i32.const 77))
        (call $num (call $proxy_get_buffer_bytes (i32.const 0) (i32.const 0) (i32.const 100) (i32.const 256) (i32.const 260)))
        (call $num (i32.load (i32.const 256)))
        (call $num (i32.load (i32.const 260)))
        (call $say_mallocs)
        (call $say_header (i32.const 0) ${p.str(":path")})
        (call $say_mallocs)
        (call $num (call $proxy_get_buffer_bytes (i32.const 0) (i32.const 0) (i32.const 100) (i32.const 256) (i32.const 1000000)))
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "GET", path: "/alloc" });
    // INVALID_MEMORY_ACCESS (6) for an out-of-range out-pointer
    assert.deepEqual(said(response.logs), ["0", "0", "0", "0", "/alloc", "1", "6"]);
  });

  it("prefers malloc over proxy_on_memory_allocate, as cpp-host does", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_memory_allocate") (param i32) (result i32) (unreachable))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (call $say_header (i32.const 0) ${p.str(":method")}) (i32.const 0))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "PUT", path: "/" });
    assert.deepEqual(said(response.logs), ["PUT"]);
  });
});

describe("plugin removal", () => {
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
