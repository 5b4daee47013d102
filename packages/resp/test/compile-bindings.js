// Compiles an AssemblyScript test module with asc's ESM bindings (build/<name>.js) and imports it, for node:test
// suites that call AssemblyScript code directly.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const asc = join(dirname(createRequire(import.meta.url).resolve("assemblyscript/package.json")), "bin/asc.js");

/** Compiles `entry` (relative to the package) to build/<name>.wasm and returns its bindings module. */
export async function compileWithBindings(entry, name) {
  execFileSync(process.execPath, [asc, entry, "--bindings", "esm", "--runtime", "incremental", "-O2", "-o", join(root, `build/${name}.wasm`)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return import(pathToFileURL(join(root, `build/${name}.js`)).href);
}
