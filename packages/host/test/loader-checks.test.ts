import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspectModule, type HostMode, type ModuleReport } from "../src/loader/index.js";
import { assemble, plugin, PROXY_LOG_IMPORT } from "./fixtures/loader/modules.js";

const BOTH: readonly HostMode[] = ["envoy", "higress"];

function errorsOf(report: ModuleReport): string[] {
  return report.errors.map((e) => e.message);
}

describe("inspectModule", () => {
  it("accepts a minimal 0.2.1 plugin in both modes and describes it", () => {
    const bytes = plugin({ imports: [PROXY_LOG_IMPORT] });
    for (const mode of BOTH) {
      const report = inspectModule(bytes, { mode });
      assert.deepEqual(report.errors, []);
      assert.deepEqual(report.warnings, []);
      assert.equal(report.ok, true);
      assert.equal(report.abi, "0.2.1");
      assert.equal(report.mode, mode);
      assert.equal(report.size, bytes.byteLength);
      assert.equal(report.allocator, "proxy_on_memory_allocate");
      assert.equal(report.hasStartSection, false);
      assert.deepEqual(report.imports, [
        { module: "env", name: "proxy_log", kind: "function", signature: { params: ["i32", "i32", "i32"], results: ["i32"] } },
      ]);
      assert.deepEqual(report.exports.map((e) => `${e.kind} ${e.name}`), [
        "memory memory", "function proxy_abi_version_0_2_1", "function proxy_on_memory_allocate", "function proxy_on_request_headers",
      ]);
    }
  });

  it("checks against Higress by default", () => {
    assert.equal(inspectModule(plugin()).mode, "higress");
  });

  it("prefers malloc over proxy_on_memory_allocate, as cpp-host does", () => {
    const bytes = plugin({ fields: [`(func (export "malloc") (param i32) (result i32) i32.const 8)`] });
    assert.equal(inspectModule(bytes).allocator, "malloc");
  });

  it("refuses AssemblyScript's default env.abort import and says how to map it", () => {
    const report = inspectModule(plugin({ imports: [`(import "env" "abort" (func (param i32 i32 i32 i32)))`] }), { mode: "envoy" });
    assert.equal(report.ok, false);
    assert.deepEqual(errorsOf(report), ["Failed to load Wasm module due to a missing import: env.abort"]);
    assert.equal(report.errors[0]!.code, "missing-import");
    assert.match(report.errors[0]!.hint ?? "", /--use abort=/);
  });

  it("refuses a Higress host call in Envoy mode and accepts it in Higress mode", () => {
    const bytes = plugin({ imports: [`(import "env" "proxy_redis_call" (func (param i32 i32 i32 i32 i32) (result i32)))`] });
    const envoy = inspectModule(bytes, { mode: "envoy" });
    assert.deepEqual(errorsOf(envoy), ["Failed to load Wasm module due to a missing import: env.proxy_redis_call"]);
    assert.equal(envoy.errors[0]!.hint, "Envoy does not register it; Higress registers it for ABI 0.2.1, 0.2.100");
    assert.equal(inspectModule(bytes, { mode: "higress" }).ok, true);
  });

  it("refuses a 0.1.0-only host call in a 0.2.1 module and names the ABI that has it", () => {
    const bytes = plugin({ imports: [`(import "env" "proxy_clear_route_cache" (func (result i32)))`] });
    const report = inspectModule(bytes);
    assert.deepEqual(errorsOf(report), ["Failed to load Wasm module due to a missing import: env.proxy_clear_route_cache"]);
    assert.equal(report.errors[0]!.hint, "Envoy registers it for ABI 0.1.0; Higress registers it for ABI 0.1.0");
    assert.equal(inspectModule(plugin({ marker: "proxy_abi_version_0_1_0", imports: [`(import "env" "proxy_clear_route_cache" (func (result i32)))`],
      fields: [] }), { mode: "envoy" }).errors.some((e) => e.code === "missing-import"), false);
  });

  it("accepts WASI under both module names and refuses proc_raise, which cpp-host lacks", () => {
    const ok = plugin({ imports: [
      `(import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))`,
      `(import "wasi_unstable" "proc_exit" (func (param i32)))`,
      `(import "wasi_snapshot_preview1" "clock_time_get" (func (param i32 i64 i32) (result i32)))`,
    ] });
    assert.deepEqual(inspectModule(ok, { mode: "envoy" }).errors, []);
    const raise = plugin({ imports: [`(import "wasi_snapshot_preview1" "proc_raise" (func (param i32) (result i32)))`] });
    assert.deepEqual(errorsOf(inspectModule(raise)), ["Failed to load Wasm module due to a missing import: wasi_snapshot_preview1.proc_raise"]);
  });

  it("refuses an import whose signature differs from the host's", () => {
    const report = inspectModule(plugin({ imports: [`(import "env" "proxy_log" (func (param i32 i32) (result i32)))`] }));
    assert.deepEqual(errorsOf(report), [
      "Failed to load Wasm module due to an import type mismatch: env.proxy_log, want: i32 i32 -> i32, but host exports: i32 i32 i32 -> i32",
    ]);
    assert.equal(report.errors[0]!.code, "import-type-mismatch");
    const metric = inspectModule(plugin({ imports: [`(import "env" "proxy_increment_metric" (func (param i32 i32) (result i32)))`] }));
    assert.deepEqual(errorsOf(metric), [
      "Failed to load Wasm module due to an import type mismatch: env.proxy_increment_metric, want: i32 i32 -> i32, but host exports: i32 i64 -> i32",
    ]);
  });

  it("refuses imported globals with cpp-host's missing-import message", () => {
    const report = inspectModule(plugin({ imports: [`(import "env" "__stack_pointer" (global (mut i32)))`] }));
    assert.deepEqual(report.errors.map((e) => [e.code, e.message]), [
      ["imported-global", "Failed to load Wasm module due to a missing import: env.__stack_pointer"],
    ]);
  });

  it("accepts an imported memory and refuses a module without a usable memory", () => {
    assert.equal(inspectModule(plugin({ memory: "none", imports: [`(import "env" "memory" (memory 1))`] })).ok, true);
    const internal = inspectModule(plugin({ memory: "internal" }));
    assert.deepEqual(internal.errors.map((e) => e.code), ["missing-memory"]);
    assert.equal(internal.errors[0]!.message, "Wasm module has no memory the host can use: it neither exports nor imports one");
    assert.match(internal.errors[0]!.hint ?? "", /export the module's memory/);
    assert.deepEqual(inspectModule(plugin({ memory: "none" })).errors.map((e) => e.code), ["missing-memory"]);
  });

  it("refuses a module without an ABI marker", () => {
    const report = inspectModule(plugin({ marker: null }));
    assert.equal(report.abi, null);
    assert.deepEqual(errorsOf(report), ["Missing or unknown Proxy-Wasm ABI version"]);
    assert.equal(report.errors[0]!.code, "unknown-abi");
  });

  it("knows the 0_2_100 marker only in Higress mode", () => {
    const bytes = plugin({ marker: "proxy_abi_version_0_2_100" });
    const envoy = inspectModule(bytes, { mode: "envoy" });
    assert.equal(envoy.abi, null);
    assert.deepEqual(errorsOf(envoy), ["Missing or unknown Proxy-Wasm ABI version"]);
    assert.match(envoy.errors[0]!.hint ?? "", /proxy_abi_version_0_2_100 is Higress's ABI marker/);
    const higress = inspectModule(bytes, { mode: "higress" });
    assert.equal(higress.abi, "0.2.100");
    assert.equal(higress.ok, true);
  });

  it("takes the first marker in export order and warns about the others", () => {
    const bytes = plugin({ marker: "proxy_abi_version_0_2_100", fields: [`(func (export "proxy_abi_version_0_2_1"))`] });
    assert.equal(inspectModule(bytes, { mode: "higress" }).abi, "0.2.100");
    assert.deepEqual(inspectModule(bytes, { mode: "higress" }).warnings.map((w) => w.message), [
      "Wasm module exports several ABI markers (proxy_abi_version_0_2_100, proxy_abi_version_0_2_1); the host uses the first: proxy_abi_version_0_2_100",
    ]);
    const envoy = inspectModule(bytes, { mode: "envoy" });
    assert.equal(envoy.abi, "0.2.1");
    assert.deepEqual(envoy.warnings, []);
  });

  it("ignores a marker that is not a function", () => {
    const report = inspectModule(plugin({ marker: null, fields: [`(global (export "proxy_abi_version_0_2_1") i32 (i32.const 0))`] }));
    assert.equal(report.abi, null);
  });

  it("refuses a module without an allocator", () => {
    const report = inspectModule(plugin({ allocator: null }));
    assert.equal(report.allocator, null);
    assert.deepEqual(report.errors.map((e) => [e.code, e.message]), [["missing-malloc", "Wasm module is missing malloc function."]]);
  });

  it("refuses a malloc of the wrong type, then falls back to proxy_on_memory_allocate as cpp-host does", () => {
    const bad = `(func (export "malloc") (param i64) (result i32) i32.const 0)`;
    const withFallback = inspectModule(plugin({ fields: [bad] }));
    assert.equal(withFallback.allocator, "proxy_on_memory_allocate");
    assert.deepEqual(errorsOf(withFallback), ["Bad function signature for: malloc, want: i32 -> i32, but the module exports: i64 -> i32"]);
    const alone = inspectModule(plugin({ allocator: null, fields: [bad] }));
    assert.deepEqual(errorsOf(alone), [
      "Bad function signature for: malloc, want: i32 -> i32, but the module exports: i64 -> i32",
      "Wasm module is missing malloc function.",
    ]);
  });

  it("refuses a callback with the wrong signature, by the module's ABI version", () => {
    const twoArgHeaders = `(func (export "proxy_on_response_headers") (param i32 i32) (result i32) i32.const 0)`;
    const report = inspectModule(plugin({ fields: [twoArgHeaders, `(func (export "proxy_on_log") (param i32) (result i32) i32.const 0)`] }));
    assert.deepEqual(errorsOf(report), [
      "Bad function signature for: proxy_on_log, want: i32 -> void, but the module exports: i32 -> i32",
      "Bad function signature for: proxy_on_response_headers, want: i32 i32 i32 -> i32, but the module exports: i32 i32 -> i32",
    ]);
    assert.ok(report.errors.every((e) => e.code === "bad-function-signature"));
  });

  it("checks Higress's redis callback only in Higress mode", () => {
    const bytes = plugin({ fields: [`(func (export "proxy_on_redis_call_response") (param i32 i32 i32))`] });
    assert.equal(inspectModule(bytes, { mode: "envoy" }).ok, true);
    assert.deepEqual(errorsOf(inspectModule(bytes, { mode: "higress" })), [
      "Bad function signature for: proxy_on_redis_call_response, want: i32 i32 i32 i32 -> void, but the module exports: i32 i32 i32 -> void",
    ]);
  });

  it("checks main only next to _initialize, and __main_void only in Envoy mode", () => {
    const badMain = `(func (export "main") (result i32) i32.const 0)`;
    const badMainVoid = `(func (export "__main_void"))`;
    assert.equal(inspectModule(plugin({ fields: [badMain, badMainVoid] }), { mode: "envoy" }).ok, true);
    const reactor = plugin({ fields: [`(func (export "_initialize"))`, badMain, badMainVoid] });
    assert.deepEqual(errorsOf(inspectModule(reactor, { mode: "envoy" })), [
      "Bad function signature for: main, want: i32 i32 -> i32, but the module exports: void -> i32",
      "Bad function signature for: __main_void, want: void -> i32, but the module exports: void -> void",
    ]);
    assert.deepEqual(errorsOf(inspectModule(reactor, { mode: "higress" })), [
      "Bad function signature for: main, want: i32 i32 -> i32, but the module exports: void -> i32",
    ]);
    const badStart = plugin({ fields: [`(func (export "_start") (param i32))`] });
    assert.deepEqual(errorsOf(inspectModule(badStart)), [
      "Bad function signature for: _start, want: void -> void, but the module exports: i32 -> void",
    ]);
  });

  it("warns about a start section, naming the function it runs, and still loads the module", () => {
    const bytes = assemble(`(module (memory (export "memory") 1)
      (func (export "proxy_abi_version_0_2_1"))
      (func (export "malloc") (param i32) (result i32) i32.const 0)
      (func $~start)
      (start $~start))`, { names: true });
    const report = inspectModule(bytes);
    assert.equal(report.ok, true);
    assert.equal(report.hasStartSection, true);
    assert.deepEqual(report.warnings.map((w) => [w.code, w.message]), [[
      "start-section",
      "Wasm module has a start section (function ~start): it runs while the host instantiates the module, before any proxy context exists, so a host call from it crashes the VM",
    ]]);
    assert.match(report.warnings[0]!.hint ?? "", /--exportStart _initialize/);
  });

  it("reports bytecode that does not validate with V8's reason", () => {
    const bytes = plugin({ fields: [`(func (export "broken") (result i32) i64.const 1)`] });
    const report = inspectModule(bytes);
    assert.equal(report.abi, "0.2.1");
    assert.deepEqual(report.errors.map((e) => e.code), ["invalid-bytecode"]);
    assert.match(report.errors[0]!.message, /^Failed to load Wasm bytecode: WebAssembly\.Module\(\): Compiling function #\d+ failed: type error/);
  });

  it("lists every problem, imports first, as cpp-host meets them", () => {
    const report = inspectModule(plugin({
      allocator: null,
      imports: [`(import "env" "abort" (func (param i32 i32 i32 i32)))`, `(import "env" "seed" (func (result f64)))`],
    }), { mode: "envoy" });
    assert.deepEqual(report.errors.map((e) => e.code), ["missing-import", "missing-import", "missing-malloc"]);
  });
});
