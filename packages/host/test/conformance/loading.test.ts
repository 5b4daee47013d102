/** §11 "Loading and linking": modules built like the Go SDK's (TinyGo and Go 1.24 wasip1) load and run as in Envoy. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assemble } from "../fixtures/loader/modules.js";
import { startPlugin } from "../helpers.js";

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

describe("§11 loading and linking: Go-SDK-built modules", () => {
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
