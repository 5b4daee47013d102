import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspectModule, parseWasmModule } from "../src/loader/index.js";
import { assemble, plugin, pluginWat } from "./fixtures/loader/modules.js";

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function corruption(bytes: Uint8Array): string {
  const report = inspectModule(bytes);
  assert.equal(report.ok, false);
  assert.equal(report.abi, null);
  assert.equal(report.errors.length, 1);
  assert.equal(report.errors[0]!.code, "corrupted-module");
  return report.errors[0]!.message;
}

describe("wasm parser", () => {
  it("reads imports and exports with their kinds and signatures", () => {
    const bytes = assemble(`(module
      (import "env" "proxy_log" (func (param i32 i32 i32) (result i32)))
      (import "env" "mem" (memory 1))
      (import "env" "g" (global i32))
      (func (export "proxy_increment") (param i32 i64) (result f64) f64.const 0)
      (global (export "counter") i32 (i32.const 0))
      (table (export "table") 1 funcref))`);
    const parsed = parseWasmModule(bytes);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.module.imports, [
      { module: "env", name: "proxy_log", kind: "function", signature: { params: ["i32", "i32", "i32"], results: ["i32"] } },
      { module: "env", name: "mem", kind: "memory" },
      { module: "env", name: "g", kind: "global" },
    ]);
    assert.deepEqual(parsed.module.exports, [
      { name: "proxy_increment", kind: "function", signature: { params: ["i32", "i64"], results: ["f64"] } },
      { name: "counter", kind: "global" },
      { name: "table", kind: "table" },
    ]);
    assert.equal(parsed.module.startFunction, null);
    assert.equal(parsed.module.definesMemory, false);
  });

  it("indexes functions after the imported ones and reads their names from the name section", () => {
    const bytes = assemble(`(module
      (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
      (func $first (export "a"))
      (func $second (export "b") (param i64))
      (func $init)
      (start $init))`, { names: true });
    const parsed = parseWasmModule(bytes);
    assert.ok(parsed.ok);
    assert.equal(parsed.module.startFunction, 3);
    assert.deepEqual([...parsed.module.functionNames], [[0, "log"], [1, "first"], [2, "second"], [3, "init"]]);
    assert.deepEqual(parsed.module.exports.map((e) => e.signature), [{ params: [], results: [] }, { params: ["i64"], results: [] }]);
  });

  it("calls an empty file corrupted", () => {
    assert.equal(corruption(new Uint8Array()), "Failed to parse corrupted Wasm module: the file is empty (at byte offset 0)");
  });

  it("calls a file without the Wasm magic number corrupted and shows what it found", () => {
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
    assert.equal(corruption(elf),
      "Failed to parse corrupted Wasm module: not a Wasm binary: expected the Wasm magic number 00 61 73 6d, found 7f 45 4c 46 (at byte offset 0)");
  });

  it("recognises WebAssembly text and says to assemble it", () => {
    const report = inspectModule(new TextEncoder().encode(pluginWat()));
    assert.equal(report.errors[0]!.code, "corrupted-module");
    assert.match(report.errors[0]!.hint ?? "", /WebAssembly text; assemble it/);
  });

  it("rejects an unsupported binary version", () => {
    assert.equal(corruption(new Uint8Array([...HEADER.slice(0, 4), 0x02, 0x00, 0x00, 0x00])),
      "Failed to parse corrupted Wasm module: unsupported Wasm binary version: expected the Wasm binary version 01 00 00 00, found 02 00 00 00 (at byte offset 4)");
  });

  it("says where a module cut inside its header ends", () => {
    assert.equal(corruption(new Uint8Array(HEADER.slice(0, 3))),
      "Failed to parse corrupted Wasm module: unexpected end of data while reading the Wasm magic number 00 61 73 6d (at byte offset 3)");
  });

  it("says which section a truncated module cuts short", () => {
    // A type section that declares 5 bytes of content, of which only 3 are present.
    const bytes = new Uint8Array([...HEADER, 0x01, 0x05, 0x01, 0x60, 0x00]);
    assert.equal(corruption(bytes),
      "Failed to parse corrupted Wasm module: section 1 (type) needs 5 bytes but only 3 remain (at byte offset 10)");
  });

  it("refuses every truncation of a real module without throwing", () => {
    const bytes = plugin();
    let corrupted = 0;
    for (let length = 1; length < bytes.length; length++) {
      const report = inspectModule(bytes.subarray(0, length));
      assert.equal(report.ok, false);
      // A cut between two sections leaves a well-formed module that lacks the rest.
      assert.ok(["corrupted-module", "unknown-abi", "invalid-bytecode"].includes(report.errors[0]!.code));
      if (report.errors[0]!.code !== "corrupted-module") continue;
      corrupted++;
      assert.match(report.errors[0]!.message, /^Failed to parse corrupted Wasm module: .+ \(at byte offset \d+\)$/);
    }
    assert.ok(corrupted > bytes.length / 2);
  });

  it("rejects an unknown section id and a count that overflows 32 bits", () => {
    assert.equal(corruption(new Uint8Array([...HEADER, 0x2a, 0x00])),
      "Failed to parse corrupted Wasm module: unknown section id 42 (at byte offset 8)");
    assert.equal(corruption(new Uint8Array([...HEADER, 0x01, 0xff, 0xff, 0xff, 0xff, 0x7f])),
      "Failed to parse corrupted Wasm module: the size of section 1 (type) does not fit in 32 bits (at byte offset 9)");
  });

  it("rejects trailing bytes inside a section and an out-of-range type index", () => {
    assert.equal(corruption(new Uint8Array([...HEADER, 0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0xaa])),
      "Failed to parse corrupted Wasm module: section 1 (type) has 1 unexpected trailing bytes (at byte offset 14)");
    assert.equal(corruption(new Uint8Array([...HEADER, 0x03, 0x02, 0x01, 0x00])),
      "Failed to parse corrupted Wasm module: type index 0 is out of range (the type section has 0 types) (at byte offset 11)");
  });
});
