import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { inspectModule } from "@higress-ts/host";
import { CLI_DIR, PACKAGES_DIR, runCli } from "./cli-harness.js";
import { ASSEMBLYSCRIPT_DIR, makePlugin } from "./plugin-fixture.js";

describe("higress-ts build", () => {
  it("compiles a plugin to build/main.wasm that vanilla Envoy would load", () => {
    const dir = makePlugin();
    const run = runCli(["build", dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\[1\/2\] compiling .*assembly\/main\.ts \(ABI 0\.2\.1, release\)\n/);
    assert.match(run.stdout, /\n\[2\/2\] checking that Envoy would load .*build\/main\.wasm\n/);
    assert.match(run.stdout, /build\/main\.wasm: [\d,]+ bytes, ABI 0\.2\.1, allocator \w+, checked as Envoy would load it\n/);
    assert.match(run.stdout, /\nEnvoy would load this module\.\n$/);
    const report = inspectModule(readFileSync(join(dir, "build", "main.wasm")), { mode: "envoy" });
    assert.deepEqual(report.errors, []);
    assert.equal(report.abi, "0.2.1");
    assert.equal(report.hasStartSection, false);
    assert.ok(report.exports.some((e) => e.name === "_initialize"));
  });

  it("builds the Higress ABI with the debug profile where asked, checked as Higress would load it", () => {
    const dir = makePlugin();
    const run = runCli(["build", "--abi", "0.2.100", "--profile", "debug", "--out", "out/plugin.wasm"], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\[1\/2\] compiling assembly\/main\.ts \(ABI 0\.2\.100, debug\)\n/);
    assert.match(run.stdout, /\[2\/2\] checking that Higress would load out\/plugin\.wasm\n/);
    const report = inspectModule(readFileSync(join(dir, "out", "plugin.wasm")), { mode: "higress" });
    assert.equal(report.ok, true);
    assert.equal(report.abi, "0.2.100");
    assert.equal(existsSync(join(dir, "build")), false);
  });

  it("builds for the ABI the plugin declares in package.json, and refuses one it does not know", () => {
    const dir = makePlugin({ packageJson: { name: "tiny-plugin", private: true, higress: { abi: "0.2.100" } } });
    const run = runCli(["build", dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\[1\/2\] compiling .*\(ABI 0\.2\.100, release\)\n/);
    assert.equal(inspectModule(readFileSync(join(dir, "build", "main.wasm")), { mode: "higress" }).abi, "0.2.100");
    const odd = makePlugin({ packageJson: { name: "tiny-plugin", private: true, higress: { abi: "0.3.0" } } });
    const refused = runCli(["build", odd]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /package\.json: "higress\.abi" is "0\.3\.0"; use one of 0\.2\.1, 0\.2\.100\n  Fix package\.json, or pass --abi\.\n$/);
  });

  it("reaches proxy-wasm through @higress-ts/sdk when the plugin depends only on the sdk", () => {
    const dir = makePlugin({
      asconfig: { extends: "./node_modules/@higress-ts/sdk/node_modules/@higress-ts/proxy-wasm/asconfig.json" },
      links: { "@higress-ts/sdk": join(PACKAGES_DIR, "sdk"), assemblyscript: ASSEMBLYSCRIPT_DIR },
    });
    const run = runCli(["build", dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\nEnvoy would load this module\.\n$/);
  });

  it("ignores NODE_PATH, as pnpm sets it while running scripts, when it finds proxy-wasm through the sdk", () => {
    const dir = makePlugin({
      asconfig: { extends: "./node_modules/@higress-ts/sdk/node_modules/@higress-ts/proxy-wasm/asconfig.json" },
      links: { "@higress-ts/sdk": join(PACKAGES_DIR, "sdk"), assemblyscript: ASSEMBLYSCRIPT_DIR },
    });
    // A lookup that honoured NODE_PATH would take proxy-wasm from here, where the compiler cannot follow it.
    const run = runCli(["build", dir], CLI_DIR, { NODE_PATH: join(PACKAGES_DIR, "..", "node_modules", ".pnpm", "node_modules") });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\nEnvoy would load this module\.\n$/);
  });

  it("fails, naming Envoy's reasons, when the module imports AssemblyScript's defaults and has a start section", () => {
    // Without the shared configuration: no `use` mappings for abort, no exportStart.
    const dir = makePlugin({ asconfig: { targets: { release: {} }, options: { runtime: "incremental" } } });
    const run = runCli(["build", dir]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /  error: Failed to load Wasm module due to a missing import: env\.abort\n/);
    assert.match(run.stdout, /  warning: Wasm module has a start section/);
    assert.match(run.stdout, /\nEnvoy would refuse this module: \d+ errors?\.\n$/);
    assert.match(run.stderr, /has a wasm start section/);
  });

  it("fails on a start section even when Envoy would load the module", () => {
    // Aborts become traps, so nothing is imported that Envoy lacks, but top-level code stays in a start section.
    const dir = makePlugin({ asconfig: { targets: { release: {} }, options: { runtime: "incremental", use: ["abort="] } } });
    const run = runCli(["build", dir]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /\nEnvoy would load this module\.\n$/);
    assert.match(run.stderr, /^error: .*build\/main\.wasm has a wasm start section, which higress-ts builds must not have/);
    assert.match(run.stderr, /\n  Make asconfig\.json extend @higress-ts\/proxy-wasm\/asconfig\.json, which sets exportStart to _initialize\.\n$/);
  });

  it("fails with the compiler's diagnostics when the plugin does not compile", () => {
    const dir = makePlugin({ main: "export function broken(): i32 { return \"text\"; }\n" });
    const run = runCli(["build", dir]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /TS2322: Type '~lib\/string\/String' is not assignable to type 'i32'\./);
    assert.match(run.stderr, /error: AssemblyScript could not compile .*assembly\/main\.ts: .+\n  Fix the diagnostics above and build again\.\n$/);
    assert.doesNotMatch(run.stdout, /\[2\/2\]/);
  });

  it("says what is missing and what to do: the entry file, the config, the proxy-wasm package", () => {
    const noMain = makePlugin({ main: null });
    assert.equal(runCli(["build", noMain]).stderr,
      `error: ${join(noMain, "assembly/main.ts")} not found\n` +
      "  A plugin's entry file is assembly/main.ts (not assembly/index.ts); create it, or pass the plugin directory.\n");
    const noPackages = makePlugin({ links: {} });
    const run = runCli(["build", noPackages]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `error: cannot find @higress-ts/proxy-wasm from ${noPackages}\n` +
      "  Add @higress-ts/proxy-wasm (or @higress-ts/sdk) to the plugin's dependencies and run pnpm install.\n");
    const notADir = join(noPackages, "package.json");
    assert.match(runCli(["build", notADir]).stderr, /is not a directory\n  Pass the plugin directory/);
  });
});
