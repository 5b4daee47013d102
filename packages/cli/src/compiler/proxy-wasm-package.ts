import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative } from "node:path";

const PROXY_WASM = "@higress-ts/proxy-wasm";
const SDK = "@higress-ts/sdk";

/** Where the plugin's @higress-ts/proxy-wasm lives, as the compiler must be told. */
export interface ProxyWasmPackage {
  /** The package directory. */
  readonly dir: string;
  /**
   * The node_modules directory to add to the compiler's package lookup (`--path`) when the plugin reaches the
   * package only through @higress-ts/sdk; null when it is a direct dependency.
   */
  readonly searchPath: string | null;
}

/**
 * Finds @higress-ts/proxy-wasm as Node resolves it from the plugin directory; when the plugin depends only on
 * @higress-ts/sdk, from the sdk's own directory (where pnpm puts the sdk's dependencies). Null if neither has it.
 */
export function findProxyWasm(pluginDir: string): ProxyWasmPackage | null {
  const direct = nodeModulesWith(pluginDir, PROXY_WASM);
  if (direct) return { dir: join(direct, PROXY_WASM), searchPath: null };
  const sdkModules = nodeModulesWith(pluginDir, SDK);
  if (!sdkModules) return null;
  const throughSdk = nodeModulesWith(realpathSync(join(sdkModules, SDK)), PROXY_WASM);
  return throughSdk ? { dir: join(throughSdk, PROXY_WASM), searchPath: throughSdk } : null;
}

/**
 * The first node_modules directory, in Node's lookup order from `fromDir`, that holds the package. Only the
 * node_modules of `fromDir` and its ancestors count: the compiler resolves imports that way too, whereas Node
 * would also look in NODE_PATH (which pnpm sets to its hidden store while running scripts).
 */
function nodeModulesWith(fromDir: string, name: string): string | null {
  const lookup = createRequire(join(fromDir, "package.json")).resolve.paths(name) ?? [];
  const ancestors = lookup.filter((dir) => isWithin(fromDir, dirname(dir)));
  return ancestors.find((dir) => existsSync(join(dir, name, "package.json"))) ?? null;
}

function isWithin(dir: string, ancestor: string): boolean {
  const rel = relative(ancestor, dir);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
