import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The root of this project's pnpm workspace (the one with packages/proxy-wasm) that contains `dir`, or null when
 * `dir` is outside it. Inside, a new plugin depends on the SDK packages with `workspace:*`.
 */
export function higressWorkspaceRoot(dir: string): string | null {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, "pnpm-workspace.yaml")) && isProxyWasmPackage(join(at, "packages", "proxy-wasm", "package.json"))) return at;
    if (dirname(at) === at) return null;
  }
}

function isProxyWasmPackage(file: string): boolean {
  return existsSync(file) && (JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name === "@higress-ts/proxy-wasm";
}
