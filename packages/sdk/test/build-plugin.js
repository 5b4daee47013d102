// Builds a plugin directory with the CLI, as `higress-ts build` would, and loads its module into the local host.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PluginHost } from "@higress-ts/host";

const cli = join(dirname(createRequire(import.meta.url).resolve("@higress-ts/cli/package.json")), "bin/higress-ts.js");

/** Compiles `pluginDir` (release, ABI `abi`) and returns its main.wasm bytes. */
export function buildPlugin(pluginDir, abi = "0.2.1") {
  // Without NODE_PATH: pnpm's bin shims set it, and the CLI then takes a hoisted package for a direct dependency.
  const env = { ...process.env };
  delete env.NODE_PATH;
  const stdio = ["ignore", "ignore", "inherit"];
  execFileSync(process.execPath, [cli, "build", "--abi", abi, pluginDir], { env, stdio });
  return readFileSync(join(pluginDir, "build/main.wasm"));
}

/** Loads `wasm` with `configuration` (text, or undefined for none); the outcome, never a throw. */
export function load(wasm, name, configuration, options = {}) {
  return PluginHost.load(wasm, { name, configuration, ...options });
}

/** The log messages the plugin wrote. */
export function pluginMessages(logs) {
  return logs.filter((record) => record.source === "plugin").map((record) => record.message);
}
