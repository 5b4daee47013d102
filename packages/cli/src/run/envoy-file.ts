import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseEnvoyConfig } from "@higress-ts/host";
import { parse, stringify } from "yaml";
import { displayPath } from "../display-path.js";
import { UserError } from "../user-error.js";

/** A user's envoy.yaml, prepared to run this plugin. */
export interface PluginEnvoyFile {
  /** The yaml text to start the gateway from (with `--config` applied). */
  readonly text: string;
  /** The directory relative wasm filenames resolve against. */
  readonly baseDir: string;
  /** The wasm filters' filenames that load this plugin's module, mapped to it. */
  readonly wasmFiles: Readonly<Record<string, string>>;
  /** The listeners' names, in file order. */
  readonly listeners: readonly string[];
}

const TYPED_STRUCTS = ["type.googleapis.com/udpa.type.v1.TypedStruct", "type.googleapis.com/xds.type.v3.TypedStruct"];

/**
 * Reads `--envoy <file>` and decides which wasm filters run this plugin: those whose module is this plugin's, and
 * those whose module is not a file here (the guide's `/etc/envoy/main.wasm` is a path inside the gateway container).
 * With a configuration, those filters get it as their `configuration`. Throws a UserError naming the file and field.
 */
export function readEnvoyFile(option: string, wasmFile: string, configuration: string | undefined): PluginEnvoyFile {
  const file = resolve(option);
  if (!existsSync(file)) {
    throw new UserError(`--envoy ${option}: no such file`, "Pass the path of an envoy.yaml, or leave --envoy out to run a generated one (see --print-envoy).");
  }
  const text = readFileSync(file, "utf8");
  const parsed = parseEnvoyConfig(text);
  if (!parsed.ok) {
    throw new UserError(`${displayPath(file)} is not an envoy.yaml the gateway runs: ${parsed.error.message}`, "Fix the field named; Envoy would refuse the file too.");
  }
  const baseDir = dirname(file);
  const filters = parsed.config.listeners.flatMap((listener) => listener.http.wasmFilters).filter((filter) => {
    const module = resolve(baseDir, filter.filename);
    return module === wasmFile || !existsSync(module);
  });
  if (filters.length === 0) {
    throw new UserError(`${displayPath(file)} has no wasm filter for this plugin (every module it names is another file)`,
      "Set a filter's vm_config.code.local.filename to this plugin's build/main.wasm, or to the path the gateway container mounts it at (e.g. /etc/envoy/main.wasm).");
  }
  const filenames = new Set(filters.map((filter) => filter.filename));
  return {
    text: configuration === undefined ? text : withConfiguration(text, filenames, configuration),
    baseDir,
    wasmFiles: Object.fromEntries([...filenames].map((name) => [name, wasmFile])),
    listeners: parsed.config.listeners.map((listener) => listener.name),
  };
}

/** The yaml with `configuration` set on every wasm filter that loads one of `filenames`. */
function withConfiguration(text: string, filenames: ReadonlySet<string>, configuration: string): string {
  const root = parse(text) as EnvoyYamlTree;
  for (const listener of root.static_resources?.listeners ?? []) {
    for (const chain of listener.filter_chains ?? []) {
      for (const network of chain.filters ?? []) {
        for (const http of network.typed_config?.http_filters ?? []) {
          const typed = http.typed_config;
          const config = TYPED_STRUCTS.includes(typed?.["@type"] ?? "") ? typed?.value?.config : typed?.config;
          if (config !== undefined && filenames.has(config.vm_config?.code?.local?.filename ?? "")) {
            config.configuration = { "@type": "type.googleapis.com/google.protobuf.StringValue", value: configuration };
          }
        }
      }
    }
  }
  return stringify(root, { lineWidth: 0 });
}

/** The path from an envoy.yaml's root to its wasm filters' `config` (already validated by the parser). */
interface EnvoyYamlTree {
  static_resources?: { listeners?: Array<{ filter_chains?: Array<{ filters?: Array<{ typed_config?: { http_filters?: HttpFilterNode[] } }> }> }> };
}
interface HttpFilterNode {
  typed_config?: { "@type"?: string; value?: { config?: WasmConfigNode }; config?: WasmConfigNode };
}
interface WasmConfigNode {
  vm_config?: { code?: { local?: { filename?: string } } };
  configuration?: unknown;
}
