// Builds a fixture plugin exactly as a plugin is built: a throwaway project whose asconfig.json extends this
// package's and whose node_modules links this package, compiled with the ABI entry as `higress-ts build` does.
// (`higress-ts build` itself also refuses what upstream Envoy would refuse, which some fixtures are meant to be.)
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const built = new Map();

/** The release module of `test/fixtures/<fixture>.ts` for ABI entry `abi`, compiled once per test process. */
export function build(fixture, abi = "v0_2_1") {
  const key = `${fixture}@${abi}`;
  if (!built.has(key)) built.set(key, compile(fixture, abi));
  return built.get(key);
}

async function compile(fixture, abi) {
  const project = mkdtempSync(join(tmpdir(), "proxy-wasm-fixture-"));
  try {
    mkdirSync(join(project, "node_modules", "@higress-ts"), { recursive: true });
    symlinkSync(packageDir, join(project, "node_modules", "@higress-ts", "proxy-wasm"), "dir");
    mkdirSync(join(project, "assembly"));
    copyFileSync(join(packageDir, "test", "fixtures", `${fixture}.ts`), join(project, "assembly", "main.ts"));
    writeFileSync(join(project, "asconfig.json"), '{ "extends": "./node_modules/@higress-ts/proxy-wasm/asconfig.json" }');
    const entry = join(project, "node_modules", "@higress-ts", "proxy-wasm", "assembly", "abi", `${abi}.ts`);
    const { error, stderr } = await asc.main([
      "assembly/main.ts", entry, "--config", "asconfig.json", "--target", "release", "-o", "build/main.wasm",
      "--baseDir", project,
    ]);
    assert.equal(error, null, stderr.toString());
    return readFileSync(join(project, "build", "main.wasm"));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
