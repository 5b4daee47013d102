/**
 * `build`: compiles the raw twins and the empty-filter baseline with `higress-ts build` (release profile), each
 * to build/<dir>.wasm, so they are built exactly as a plugin is.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { BENCH_DIR } from "./paths.js";
import { localModuleDirs } from "./plugins.js";

for (const dir of localModuleDirs()) {
  const out = join(BENCH_DIR, "build", `${dir}.wasm`);
  const result = spawnSync("higress-ts", ["build", "--out", out], { cwd: join(BENCH_DIR, dir), stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) {
    console.error(`higress-ts build ${dir} failed${result.error ? `: ${result.error.message}` : ""}`);
    process.exit(1);
  }
  console.log(`built ${dir} -> build/${dir}.wasm`);
}
