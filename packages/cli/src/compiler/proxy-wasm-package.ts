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
   * The package whose `assembly/abi/` holds the build entries (the callbacks the module exports): the SDK's for
   * a plugin on @higress-ts/sdk alone (only what the SDK can receive), else proxy-wasm's (every callback).
   */
  readonly entriesDir: string;
  /**
   * The node_modules directory to add to the compiler's package lookup (`--path`) when the plugin reaches the
   * package only through @higress-ts/sdk; null when it is a direct dependency.
   */
  readonly searchPath: string | null;
}

/**
 * Finds @higress-ts/proxy-wasm as Node resolves it from the plugin directory; when the plugin depends only on
 * @higress-ts/sdk, from the sdk's own directory (where pnpm puts the sdk's dependencies), and then builds from
 * the sdk's entries. Null if neither has it.
 */
export function findProxyWasm(pluginDir: string): ProxyWasmPackage | null {
  const direct = nodeModulesWith(pluginDir, PROXY_WASM);
  if (direct) {
    const dir = join(direct, PROXY_WASM);
    return { dir, entriesDir: dir, searchPath: null };
  }
  const sdkModules = nodeModulesWith(pluginDir, SDK);
  if (!sdkModules) return null;
  const sdkDir = realpathSync(join(sdkModules, SDK));
  const throughSdk = nodeModulesWith(sdkDir, PROXY_WASM);
  if (!throughSdk) return null;
  const dir = join(throughSdk, PROXY_WASM);
  return { dir, entriesDir: existsSync(join(sdkDir, "assembly", "abi")) ? sdkDir : dir, searchPath: throughSdk };
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
