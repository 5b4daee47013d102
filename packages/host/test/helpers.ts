/** Shared test helpers: load a fixture that must start, and read what the plugin logged. */
import assert from "node:assert/strict";
import { PluginHost, type PluginHostOptions } from "../src/index.js";
import type { LogRecord } from "../src/log.js";

/** Loads a plugin that must load and start. */
export async function startPlugin(wasm: Uint8Array, options: Partial<PluginHostOptions> = {}): Promise<PluginHost> {
  const outcome = await PluginHost.load(wasm, { name: "fixture", ...options });
  assert.ok(outcome.ok, outcome.ok ? "" : outcome.error);
  return outcome.host;
}

/** The messages the plugin logged (proxy_log / WASI), in order. */
export function said(records: readonly LogRecord[]): string[] {
  return records.filter((r) => r.source === "plugin").map((r) => r.message);
}

/**
 * A `printLogs` that plays a client giving up: it aborts `client` when the host reports a paused stream that
 * nothing can wake any more (Envoy would hold it until the client leaves or `stream_idle_timeout`).
 */
export function giveUpWhenStuck(client: AbortController): (line: string) => void {
  return (line) => {
    if (line.includes("it waits for the client or stream_idle_timeout")) client.abort();
  };
}
