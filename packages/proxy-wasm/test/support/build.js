// Builds a fixture plugin exactly as a plugin is built: a throwaway project whose asconfig.json extends this
// package's, compiled with an ABI entry of this package.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Builds `fixture` in a throwaway plugin project whose node_modules links this package. */
export async function build(fixture, abi = "v0_2_1") {
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
