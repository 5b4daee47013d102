/** §11 "Loading and linking", item by item (reference/proxy-wasm-abi.md §3.1, §4.1, §6). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PluginHost } from "../../src/index.js";
import { createImports } from "../../src/hostcalls/index.js";
import {
  ABI_VERSIONS, HIGRESS_HOST_CALLS, HOST_MODES, WASI_FUNCTIONS, WASI_MODULES, hostImports, inspectModule, moduleCallbacks,
  type HostMode, type ModuleReport,
} from "../../src/loader/index.js";
import type { PluginVm } from "../../src/vm/plugin-vm.js";
import { assemble, plugin, PROXY_LOG_IMPORT } from "../fixtures/loader/modules.js";
import { FixturePlugin } from "../fixtures/plugins.js";
import { said, startPlugin } from "../helpers.js";

const BOTH: readonly HostMode[] = ["envoy", "higress"];

function errorsOf(report: ModuleReport): string[] {
  return report.errors.map((e) => e.message);
}

const names = (abi: (typeof ABI_VERSIONS)[number], mode: (typeof HOST_MODES)[number]) =>
  new Set(hostImports(abi, mode).map((f) => `${f.module}.${f.name}`));

/** §11 "Loading and linking": modules built like the Go SDK's (TinyGo and Go 1.24 wasip1) load and run as in Envoy. */

/**
 * A Go-SDK-shaped module: WASI imports, a WASI entry (`_start` for TinyGo, `_initialize` for Go 1.24 wasip1
 * reactors), the allocator export the toolchain emits, and a start routine that prints through `fd_write`.
 */
function goStyleModule(entry: "_start" | "_initialize", allocator: "malloc" | "proxy_on_memory_allocate"): Uint8Array {
  return assemble(`(module
    (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
    (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
    (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
    (memory (export "memory") 2)
    (data (i32.const 100) "runtime started\\n")
    (data (i32.const 200) "request seen")
    (global $heap (mut i32) (i32.const 4096))
    (func (export "${allocator}") (param $n i32) (result i32)
      (local $p i32) (local.set $p (global.get $heap))
      (global.set $heap (i32.add (global.get $heap) (local.get $n))) (local.get $p))
    (func (export "${entry}")
      (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 16))
      (drop (call $random_get (i32.const 32) (i32.const 8)))
      (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 40)))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
    (func (export "proxy_abi_version_0_2_100"))
    (func (export "proxy_on_context_create") (param i32 i32))
    (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
    (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))
    (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      (drop (call $proxy_log (i32.const 1) (i32.const 200) (i32.const 12))) (i32.const 0)))`);
}

describe("§11 Loading: parse the export section like getAbiVersion (0_1_0 / 0_2_0 / 0_2_1, plus 0_2_100 in Higress mode); reject a missing marker with the cpp-host message", () => {
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
});

describe("§11 Loading: provide exactly the imports cpp-host registers for the detected ABI and the 45 WASI functions under both module names; fail any other import; compare import signatures", () => {
  it("has the 45 WASI functions of FOR_ALL_WASI_FUNCTIONS under both module names", () => {
    assert.equal(WASI_FUNCTIONS.size, 45);
    assert.equal(WASI_FUNCTIONS.has("proc_raise"), false);
    for (const abi of ["0.2.1", "0.2.100"] as const) {
      const all = names(abi, "higress");
      for (const module of WASI_MODULES) for (const name of WASI_FUNCTIONS.keys()) assert.ok(all.has(`${module}.${name}`));
    }
  });

  it("registers each function once, every ABI-specific call only for its versions", () => {
    for (const mode of HOST_MODES) {
      for (const abi of ABI_VERSIONS) {
        const list = hostImports(abi, mode);
        assert.equal(new Set(list.map((f) => `${f.module}.${f.name}`)).size, list.length);
      }
    }
    const v010 = names("0.1.0", "envoy");
    const v021 = names("0.2.1", "envoy");
    assert.ok(v010.has("env.proxy_get_configuration") && !v021.has("env.proxy_get_configuration"));
    assert.ok(!v010.has("env.proxy_continue_stream") && v021.has("env.proxy_continue_stream"));
    assert.ok(!names("0.2.0", "envoy").has("env.proxy_get_log_level") && v021.has("env.proxy_get_log_level"));
  });

  it("has the env extras in every mode: pthread_equal, emscripten_notify_memory_growth, envoy_resolve_dns", () => {
    for (const mode of HOST_MODES) {
      const all = names("0.2.1", mode);
      for (const name of ["pthread_equal", "emscripten_notify_memory_growth", "envoy_resolve_dns"]) assert.ok(all.has(`env.${name}`));
    }
  });

  it("adds Higress's five calls only in Higress mode and only for 0.2.1 and 0.2.100", () => {
    assert.deepEqual(HIGRESS_HOST_CALLS, [
      "proxy_redis_init", "proxy_redis_call", "proxy_inject_encoded_data_to_filter_chain",
      "proxy_set_upstream_override_host", "proxy_get_upstream_hosts",
    ]);
    const registered = (abi: (typeof ABI_VERSIONS)[number], mode: (typeof HOST_MODES)[number]) =>
      HIGRESS_HOST_CALLS.filter((name) => names(abi, mode).has(`env.${name}`)).length;
    assert.equal(registered("0.2.1", "higress"), 5);
    assert.equal(registered("0.2.100", "higress"), 5);
    assert.equal(registered("0.2.0", "higress"), 0);
    assert.equal(registered("0.2.1", "envoy"), 0);
  });

  it("is the same apart from Higress's calls in both modes, and empty for 0.2.100 in Envoy mode", () => {
    const higressOnly = [...names("0.2.1", "higress")].filter((n) => !names("0.2.1", "envoy").has(n));
    assert.deepEqual(higressOnly, HIGRESS_HOST_CALLS.map((n) => `env.${n}`));
    assert.deepEqual(hostImports("0.2.100", "envoy"), []);
    // 3 env extras + 36 common proxy_* calls + 3 for 0.2.1 + 45 WASI functions twice.
    assert.equal(names("0.2.1", "envoy").size, 3 + 36 + 3 + 90);
  });

  it("implements every function the loader's catalogue lists, for every ABI and mode", () => {
    const imports = createImports({ checkRestricted() {} } as unknown as PluginVm);
    for (const mode of HOST_MODES) {
      for (const abi of ABI_VERSIONS) {
        for (const { module, name } of hostImports(abi, mode)) {
          assert.equal(typeof imports[module]?.[name], "function", `${module}.${name} (${abi}, ${mode})`);
        }
      }
    }
  });

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

  it("refuses what the loader refuses, as a value", async () => {
    const outcome = await PluginHost.load(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), { name: "empty" });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.host === undefined && outcome.error.length > 0);
  });
});

describe("§11 Loading: check the export signature of every known callback; prefer malloc over proxy_on_memory_allocate", () => {
  it("takes two-argument header callbacks in 0.1.0 and three from 0.2.0", () => {
    assert.deepEqual(moduleCallbacks("0.1.0", "envoy").get("proxy_on_request_headers")?.params, ["i32", "i32"]);
    assert.deepEqual(moduleCallbacks("0.2.1", "envoy").get("proxy_on_response_headers")?.params, ["i32", "i32", "i32"]);
    assert.equal(moduleCallbacks("0.1.0", "envoy").has("proxy_on_foreign_function"), false);
    assert.equal(moduleCallbacks("0.2.0", "envoy").has("proxy_on_foreign_function"), true);
  });

  it("looks up proxy_on_redis_call_response only in Higress mode", () => {
    assert.equal(moduleCallbacks("0.2.1", "envoy").has("proxy_on_redis_call_response"), false);
    assert.equal(moduleCallbacks("0.2.100", "higress").has("proxy_on_redis_call_response"), true);
  });

  it("prefers malloc over proxy_on_memory_allocate, as cpp-host does, when it returns data", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_memory_allocate") (param i32) (result i32) (unreachable))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (call $say_header (i32.const 0) ${p.str(":method")}) (i32.const 0))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "PUT", path: "/" });
    assert.deepEqual(said(response.logs), ["PUT"]);
  });

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

  it("prefers malloc over proxy_on_memory_allocate, as cpp-host does", () => {
    const bytes = plugin({ fields: [`(func (export "malloc") (param i32) (result i32) i32.const 8)`] });
    assert.equal(inspectModule(bytes).allocator, "malloc");
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
});

describe("§11 Loading: report start sections; run _initialize (+ main(0,0) / __main_void) or _start under the restricted-hostcall allow-list; the same allow-list during malloc in Envoy mode, none in Higress mode", () => {
  /** A plugin whose malloc logs (allowed) and reads the time with proxy_get_current_time_nanoseconds (restricted in Envoy mode); its request headers callback reads `:path`, so the host calls malloc. */
  function tickingAllocator(): Uint8Array {
    return assemble(`(module
      (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
      (import "env" "proxy_get_current_time_nanoseconds" (func $now (param i32) (result i32)))
      (import "env" "proxy_get_header_map_value" (func $get (param i32 i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 2)
      (global $heap (mut i32) (i32.const 4096))
      (func (export "proxy_abi_version_0_2_1"))
      (data (i32.const 1024) "malloc:path")
      (func (export "malloc") (param $n i32) (result i32) (local $p i32)
        (drop (call $log (i32.const 2) (i32.const 1024) (i32.const 6)))
        (drop (call $now (i32.const 264)))
        (local.set $p (global.get $heap))
        (global.set $heap (i32.add (global.get $heap) (local.get $n)))
        (local.get $p))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $get (i32.const 0) (i32.const 1030) (i32.const 5) (i32.const 256) (i32.const 260)))
        (drop (call $log (i32.const 2) (i32.load (i32.const 256)) (i32.load (i32.const 260))))
        (i32.const 0)))`, { names: true });
  }

  it("traps restricted_callback when malloc calls a host function outside the allow-list in Envoy mode (proxy_log stays allowed)", async () => {
    const host = await startPlugin(tickingAllocator(), { mode: "envoy", strict: false });
    const response = await host.request({ method: "GET", path: "/items" });
    assert.equal(response.status, 503);
    assert.equal(response.details, "wasm_fail_stream");
    assert.deepEqual(said(response.logs), ["malloc", ""], "proxy_log ran inside malloc; the callback went on with no value, then the failed VM failed the stream");
    assert.deepEqual(response.violations.map((v) => v.kind), ["restricted_hostcall"]);
    assert.match(response.violations[0]!.message, /^env\.proxy_get_current_time_nanoseconds called while cpp-host restricts host calls/);
    assert.match(host.failure ?? "", /^Function: malloc failed: restricted_callback/);
  });

  it("lets malloc call any host function in Higress mode", async () => {
    const host = await startPlugin(tickingAllocator(), { mode: "higress" });
    const response = await host.request({ method: "GET", path: "/items" });
    assert.equal(response.status, 200);
    assert.deepEqual(said(response.logs), ["malloc", "/items"]);
    assert.deepEqual(response.violations, []);
    assert.equal(host.failure, undefined);
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

  for (const [entry, allocator, toolchain] of [
    ["_start", "malloc", "TinyGo"],
    ["_initialize", "proxy_on_memory_allocate", "Go 1.24 wasip1"],
  ] as const) {
    it(`run _initialize (+ main) or _start under the restricted-hostcall allow-list: a ${toolchain}-style module (WASI imports, ${entry}, ${allocator}) loads and serves`, async () => {
      const host = await startPlugin(goStyleModule(entry, allocator), { logLevel: "debug" });
      assert.equal(host.abi, "0.2.100");
      const started = host.logs.find((r) => r.source === "plugin");
      assert.deepEqual([started?.message, started?.level], ["runtime started", 2], "fd_write(1) is one INFO line, newline stripped");
      const response = await host.request({ method: "GET", path: "/" });
      assert.equal(response.status, 200);
      assert.deepEqual(response.logs.map((r) => [r.message, r.level]), [["request seen", 1]]);
    });
  }
});
