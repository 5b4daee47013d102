import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import initWabt from "wabt";
import { runCli, tempDir } from "./cli-harness.js";

const GOOD = `(module
  (import "env" "proxy_log" (func (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "malloc") (param i32) (result i32) i32.const 1024))`;

let dir: string;
const file = (name: string) => join(dir, name);

before(async () => {
  dir = tempDir("inspect");
  const wabt = await initWabt();
  const assemble = (name: string, wat: string) => {
    const module = wabt.parseWat(name, wat);
    writeFileSync(file(name), module.toBinary({}).buffer);
    module.destroy();
  };
  assemble("good.wasm", GOOD);
  assemble("abort.wasm", GOOD.replace("(memory", `(import "env" "abort" (func (param i32 i32 i32 i32)))\n  (memory`));
  assemble("higress.wasm", GOOD.replace("proxy_abi_version_0_2_1", "proxy_abi_version_0_2_100"));
  writeFileSync(file("notes.txt"), "not a module\n");
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe("higress-ts inspect", () => {
  it("passes a module the host would load and describes it", () => {
    const run = runCli(["inspect", file("good.wasm")]);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, "");
    const lines = run.stdout.split("\n");
    assert.match(lines[0]!, /good\.wasm: \d+ bytes, ABI 0\.2\.1, allocator malloc, checked as Higress would load it$/);
    assert.match(run.stdout, /imports \(1\):\n    env\.proxy_log  i32 i32 i32 -> i32\n/);
    assert.match(run.stdout, /exports \(3\):\n    memory, proxy_abi_version_0_2_1, malloc\n/);
    assert.match(run.stdout, /\nHigress would load this module\.\n$/);
  });

  it("fails on a missing import, with cpp-host's message and the hint", () => {
    const run = runCli(["inspect", "--mode", "envoy", file("abort.wasm")]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /  error: Failed to load Wasm module due to a missing import: env\.abort\n    hint: AssemblyScript's default abort handler/);
    assert.match(run.stdout, /\nEnvoy would refuse this module: 1 error\.\n$/);
  });

  it("checks against the chosen host: 0.2.100 loads in Higress, not in Envoy", () => {
    assert.equal(runCli(["inspect", file("higress.wasm")]).status, 0);
    const envoy = runCli(["inspect", "--mode", "envoy", file("higress.wasm")]);
    assert.equal(envoy.status, 1);
    assert.match(envoy.stdout, /error: Missing or unknown Proxy-Wasm ABI version/);
  });

  it("prints the report as JSON", () => {
    const run = runCli(["inspect", "--json", "--mode", "envoy", file("abort.wasm")]);
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout);
    assert.equal(report.ok, false);
    assert.equal(report.mode, "envoy");
    assert.equal(report.abi, "0.2.1");
    assert.deepEqual(report.errors, [{
      code: "missing-import",
      message: "Failed to load Wasm module due to a missing import: env.abort",
      hint: "AssemblyScript's default abort handler: build with --use abort=<file>/<function> (a function that logs through proxy_log)",
    }]);
  });

  it("calls a file that is not a module corrupted", () => {
    const run = runCli(["inspect", file("notes.txt")]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /error: Failed to parse corrupted Wasm module: not a Wasm binary: expected the Wasm magic number 00 61 73 6d, found 6e 6f 74 20 \(at byte offset 0\)/);
  });

  it("names a missing file and says where modules come from", () => {
    const run = runCli(["inspect", file("absent.wasm")]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, `error: ${file("absent.wasm")}: no such file\n  Check the path; \`higress-ts build\` writes a plugin's module to build/main.wasm.\n`);
  });

  it("refuses an unknown mode", () => {
    const run = runCli(["inspect", "--mode", "istio", file("good.wasm")]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /argument 'istio' is invalid\. Allowed choices are envoy, higress\./);
  });
});
