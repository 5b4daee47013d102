// Builds every example plugin of the guide (examples/*/), each with the `higress-ts build` options of its own
// package.json `build` script, so `examples/*/test` find build/main.wasm.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DOCS_DIR } from "./guide-blocks.mjs";

const CLI = join(DOCS_DIR, "node_modules", "@higress-ts", "cli", "bin", "higress-ts.js");
const EXAMPLES = join(DOCS_DIR, "examples");

for (const name of readdirSync(EXAMPLES).sort()) {
  const packageJson = join(EXAMPLES, name, "package.json");
  if (!existsSync(packageJson)) continue; // not a plugin (docker-compose files)
  const script = JSON.parse(readFileSync(packageJson, "utf8")).scripts?.build ?? "";
  const [command, subcommand, ...options] = script.split(/\s+/);
  if (command !== "higress-ts" || subcommand !== "build") throw new Error(`examples/${name}: the build script must be "higress-ts build [options]"`);
  const run = spawnSync(process.execPath, [CLI, "build", ...options, join(EXAMPLES, name)], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
