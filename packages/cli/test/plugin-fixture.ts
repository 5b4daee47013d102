import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after } from "node:test";
import { CLI_DIR, PACKAGES_DIR, tempDir } from "./cli-harness.js";

/** The workspace's proxy-wasm package. */
export const PROXY_WASM_DIR = join(PACKAGES_DIR, "proxy-wasm");
/** The compiler the cli resolves. */
export const ASSEMBLYSCRIPT_DIR = realpathSync(join(CLI_DIR, "node_modules", "assemblyscript"));

/** The smallest plugin on the proxy-wasm layer: one root context, no HTTP handling. */
const TINY_MAIN = `import { registerRootContext, RootContext } from "@higress-ts/proxy-wasm/assembly";

class TinyRoot extends RootContext {}

registerRootContext((contextId: u32): RootContext => new TinyRoot(contextId), "tiny");
`;

const SHARED_CONFIG = { extends: "./node_modules/@higress-ts/proxy-wasm/asconfig.json" };

/** What a throwaway plugin holds; every field has a working default. */
export interface PluginFiles {
  readonly main?: string | null;
  readonly asconfig?: object;
  readonly packageJson?: object;
  /** Package name to the directory its node_modules link points at. */
  readonly links?: Readonly<Record<string, string>>;
}

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temporary directory removed after the test file. */
export function scratchDir(prefix: string): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}

/** Links packages into `<dir>/node_modules`, as an install would. */
export function linkPackages(dir: string, links: Readonly<Record<string, string>>): void {
  for (const [name, target] of Object.entries(links)) {
    const link = join(dir, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, "dir");
  }
}

/** A throwaway plugin in a temp dir, linked to the workspace's proxy-wasm and assemblyscript packages. */
export function makePlugin({
  main = TINY_MAIN,
  asconfig = SHARED_CONFIG,
  packageJson = { name: "tiny-plugin", private: true, type: "module" },
  links = { "@higress-ts/proxy-wasm": PROXY_WASM_DIR, assemblyscript: ASSEMBLYSCRIPT_DIR },
}: PluginFiles = {}): string {
  const dir = scratchDir("plugin");
  writeFileSync(join(dir, "package.json"), JSON.stringify(packageJson));
  writeFileSync(join(dir, "asconfig.json"), JSON.stringify(asconfig));
  if (main !== null) {
    mkdirSync(join(dir, "assembly"));
    writeFileSync(join(dir, "assembly", "main.ts"), main);
  }
  linkPackages(dir, links);
  return dir;
}
