import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../user-error.js";

/** Where a WasmPlugin is injected in the filter chain (the CRD's `phase`). */
export const PLUGIN_PHASES = ["UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS"] as const;
/** A WasmPlugin phase. */
export type PluginPhase = (typeof PLUGIN_PHASES)[number];

/** The example config file a plugin has unless its metadata names another. */
export const DEFAULT_CONFIG_FILE = "config.json";

/**
 * The `"higress"` key of a plugin's package.json: what Higress needs to know about the plugin beyond its code.
 * Every field is optional.
 */
export interface HigressMetadata {
  /** The plugin name: the root id its module registers, the WasmPlugin's name and pluginName. */
  readonly name?: string;
  /** The proxy-wasm ABI `higress-ts build` declares unless told otherwise: "0.2.1" (default) or Higress's "0.2.100". */
  readonly abi?: "0.2.1" | "0.2.100";
  /** WasmPlugin `phase`; default UNSPECIFIED_PHASE. */
  readonly phase?: PluginPhase;
  /** WasmPlugin `priority`: higher runs first within a phase; default 0. */
  readonly priority?: number;
  /** The example config (JSON), relative to the plugin directory; default config.json. */
  readonly config?: string;
  /** The image repository the plugin is pushed to, e.g. `registry.example.com/plugins/hello-world` (no tag). */
  readonly image?: string;
  /** WasmPlugin `matchRules` to put in the manifest as they are. */
  readonly matchRules?: readonly unknown[];
}

/** A plugin package as the packaging commands see it. */
export interface PluginPackage {
  readonly dir: string;
  readonly packageName: string;
  readonly version: string;
  readonly pluginName: string;
  readonly phase: PluginPhase;
  readonly priority: number;
  /** The example config file's path, or null when the plugin has none. */
  readonly configFile: string | null;
  readonly image: string | null;
  readonly matchRules: readonly unknown[] | null;
}

/**
 * Reads `<dir>/package.json` and its `"higress"` metadata. The plugin name defaults to the package name without
 * its scope and a `plugin-` prefix (`@higress-ts/plugin-hello-world` is `hello-world`).
 */
export function readPluginPackage(dir: string): PluginPackage {
  const file = join(dir, "package.json");
  if (!existsSync(file)) throw new UserError(`${file} not found`, "Pass the plugin directory (the one with package.json), or run this inside it.");
  const json = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string; higress?: HigressMetadata };
  const meta = json.higress ?? {};
  const packageName = json.name ?? "";
  const pluginName = meta.name ?? packageName.replace(/^@[^/]+\//, "").replace(/^plugin-/, "");
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(pluginName)) {
    throw new UserError(`${file}: the plugin name "${pluginName}" is not a lower-case name with dashes`,
      `Set "higress": { "name": "my-plugin" } (the name the plugin registers its root context under).`);
  }
  const phase = meta.phase ?? "UNSPECIFIED_PHASE";
  if (!PLUGIN_PHASES.includes(phase)) {
    throw new UserError(`${file}: "higress.phase" is "${phase}"`, `Use one of ${PLUGIN_PHASES.join(", ")}.`);
  }
  const priority = meta.priority ?? 0;
  if (!Number.isInteger(priority)) throw new UserError(`${file}: "higress.priority" is ${JSON.stringify(priority)}`, "Use an integer; higher runs first within a phase.");
  const configFile = join(dir, meta.config ?? DEFAULT_CONFIG_FILE);
  if (meta.config && !existsSync(configFile)) {
    throw new UserError(`${configFile} not found (named by "higress.config" in ${file})`, "Create the example config, or fix the path.");
  }
  return {
    dir,
    packageName,
    version: json.version ?? "0.0.0",
    pluginName,
    phase,
    priority,
    configFile: existsSync(configFile) ? configFile : null,
    image: meta.image ?? null,
    matchRules: meta.matchRules ?? null,
  };
}
