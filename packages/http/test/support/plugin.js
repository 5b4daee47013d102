// Builds the fixture plugin with the CLI, as `higress-ts build` builds any plugin, and loads it into the real host.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PluginHost } from "@higress-ts/host";

const cli = join(dirname(createRequire(import.meta.url).resolve("@higress-ts/cli/package.json")), "bin", "higress-ts.js");

/** Compiles `test/fixtures/<name>` (release, ABI 0.2.1, checked as Envoy would load it) and returns its module. */
export function buildFixture(name) {
  const dir = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  // pnpm's bin shims set NODE_PATH, which would let the CLI take a hoisted package for a direct dependency.
  const env = { ...process.env };
  delete env.NODE_PATH;
  execFileSync(process.execPath, [cli, "build", dir], { env, stdio: ["ignore", "ignore", "inherit"] });
  return readFileSync(join(dir, "build", "main.wasm"));
}

/** Loads `wasm` with these `clusters` answering its http calls; fails the test if the host refuses it. */
export async function loadPlugin(wasm, clusters) {
  const outcome = await PluginHost.load(wasm, { name: "http-client", clusters });
  assert.equal(outcome.ok, true, outcome.error);
  return outcome.host;
}

/** Resolves once no callout of `host` is waiting for its answer any more. */
export async function calloutsSettled(host) {
  while (host.services.pending > 0) await once(host.services.events, "delivered");
}

/** A promise with its resolve function, to answer a callout when the test decides. */
export function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

/** The messages the plugin logged. */
export function pluginMessages(logs) {
  return logs.filter((record) => record.source === "plugin").map((record) => record.message);
}
