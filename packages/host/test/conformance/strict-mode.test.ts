/** §11 Assertions: "a strict mode that fails the test on everything Envoy would reject or silently ignore". */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PluginHost, StrictModeError } from "../../src/index.js";
import { assemble } from "../fixtures/loader/modules.js";
import { FixturePlugin } from "../fixtures/plugins.js";
import { startPlugin } from "../helpers.js";

const kinds = (error: unknown) => (error instanceof StrictModeError ? error.violations.map((v) => v.kind) : error);

describe("§11 Assertions: a strict mode that fails the test on everything Envoy would reject or silently ignore", () => {
  it("strict mode: continue without pause rejects the request; strict: false records it on the response", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      (drop (call $proxy_continue_stream (i32.const 0))) (i32.const 0))`);
    const host = await startPlugin(wasm);
    await assert.rejects(host.request({ method: "GET", path: "/" }), (error) => {
      assert.deepEqual(kinds(error), ["continue_without_pause"]);
      return true;
    });
    const lenient = await host.request({ method: "GET", path: "/" }, { strict: false });
    assert.equal(lenient.status, 200);
    assert.deepEqual(lenient.violations.map((v) => v.kind), ["continue_without_pause"]);
    assert.equal(host.violations.length, 2);
  });

  it("strict mode: a second local reply and malformed reply headers fail the request", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      (drop (call $proxy_send_local_response (i32.const 403) ${p.str("")} ${p.str("no")} ${p.bytes(Uint8Array.of(1, 0))} (i32.const -1)))
      (drop (call $proxy_send_local_response (i32.const 401) ${p.str("")} ${p.str("again")} ${p.str("")} (i32.const -1)))
      (i32.const 0))`);
    const host = await startPlugin(wasm);
    await assert.rejects(host.request({ method: "GET", path: "/" }), (error) => {
      assert.deepEqual(kinds(error), ["malformed_pairs", "second_local_reply"]);
      assert.equal((error as StrictModeError & { response: { status: number } }).response.status, 403, "the first reply stands, as in Envoy");
      return true;
    });
  });

  it("strict mode: a local reply from a root context without an effective stream refuses the plugin at load", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_configure") (param i32 i32) (result i32)
      (drop (call $proxy_send_local_response (i32.const 500) ${p.str("")} ${p.str("")} ${p.str("")} (i32.const -1))) (i32.const 1))`);
    const strict = await PluginHost.load(wasm, { name: "strict" });
    assert.equal(strict.ok, false);
    assert.match(strict.ok ? "" : strict.error, /^strict mode: \[no_stream\] proxy_send_local_response from root context 1/);
    const lenient = await PluginHost.load(wasm, { name: "lenient", strict: false });
    assert.equal(lenient.ok, true);
    assert.deepEqual(lenient.ok && lenient.host.violations.map((v) => v.kind), ["no_stream"]);
  });

  it("strict mode: a restricted hostcall during start is recorded as a violation and fails the VM", async () => {
    const wasm = assemble(`(module
      (import "env" "proxy_set_tick_period_milliseconds" (func $tick (param i32) (result i32)))
      (memory (export "memory") 1)
      (func (export "proxy_abi_version_0_2_1"))
      (func (export "malloc") (param i32) (result i32) (i32.const 1024))
      (func (export "_initialize") (drop (call $tick (i32.const 1)))))`);
    const outcome = await PluginHost.load(wasm, { name: "restricted" });
    assert.equal(outcome.ok, false);
    assert.deepEqual(outcome.host?.violations.map((v) => v.kind), ["restricted_hostcall"]);
    assert.match(outcome.ok ? "" : outcome.error, /restricted_callback/);
  });

  it("strict mode: a hostcall outside its availability window (request headers after they went on) fails the request", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
      (call $num (call $proxy_replace_header_map_value (i32.const 0) ${p.str("k")} ${p.str("v")})) (i32.const 0))`);
    const host = await startPlugin(wasm);
    await assert.rejects(host.request({ method: "GET", path: "/" }), (error) => {
      assert.deepEqual(kinds(error), ["outside_availability_window"]);
      assert.match((error as Error).message, /proxy_replace_header_map_value\(HttpRequestHeaders\).*BAD_ARGUMENT/);
      return true;
    });
  });
});
