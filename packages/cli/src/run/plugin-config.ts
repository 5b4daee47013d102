import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { displayPath } from "../display-path.js";
import type { PluginPackage } from "../plugin/plugin-package.js";
import { UserError } from "../user-error.js";

/** A plugin configuration (a JSON object's text) and where it came from, for messages. */
export interface PluginConfig {
  readonly json: string;
  /** `inline JSON`, a file path, or `no config`. */
  readonly source: string;
}

/**
 * The configuration `--config` names: inline JSON when it starts with `{`, else a JSON file. Without `--config`, the
 * plugin's example config file, else `{}`. Throws a UserError naming the source when it is not a JSON object.
 */
export function readPluginConfig(option: string | undefined, plugin: PluginPackage): PluginConfig {
  if (option === undefined) {
    return plugin.configFile ? fromFile(plugin.configFile, "the plugin's example config") : { json: "{}", source: "no config: {}" };
  }
  if (option.trimStart().startsWith("{")) return checked(option, "inline JSON", "--config");
  const file = resolve(option);
  if (!existsSync(file)) {
    throw new UserError(`--config ${option}: no such file`, `Pass the config inline as a JSON object ('{"key": "value"}') or the path of a JSON file.`);
  }
  return fromFile(file, "--config");
}

function fromFile(file: string, role: string): PluginConfig {
  return checked(readFileSync(file, "utf8"), displayPath(file), `${role} ${displayPath(file)}`);
}

function checked(json: string, source: string, named: string): PluginConfig {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new UserError(`${named} is not valid JSON: ${(error as Error).message}`, "Fix the JSON; the plugin's config is a JSON object.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UserError(`${named} is not a JSON object`, "Higress passes a plugin its config as a JSON object: write it as {...}.");
  }
  return { json, source };
}
