/** What a measurement runs: one module with one of its plugin's runs, compiled once. */
import { readFileSync } from "node:fs";
import { LeanHost } from "../driver/lean-host.js";
import type { ModuleUnderTest, PluginRun } from "../plugins.js";

/** A module in one configuration. */
export interface Subject {
  /** e.g. "mock-enable (raw twin), passing through". */
  readonly label: string;
  readonly module: ModuleUnderTest;
  readonly run: PluginRun;
  /** Compiled once; every VM below is a new instance of it. */
  readonly compiled: WebAssembly.Module;
}

const compiled = new Map<string, WebAssembly.Module>();

/** The subject of `module` in `run`. */
export function subject(module: ModuleUnderTest, run: PluginRun): Subject {
  if (!compiled.has(module.file)) compiled.set(module.file, new WebAssembly.Module(readFileSync(module.file)));
  return { label: `${module.label}, ${run.label}`, module, run, compiled: compiled.get(module.file)! };
}

/** Starts a lean VM for the subject, with its plugin's clusters. */
export function startLean(s: Subject, countHostCalls = false): LeanHost {
  const plugin = s.module.plugin;
  return LeanHost.start(s.compiled, {
    name: plugin?.name ?? "empty-filter",
    configuration: s.run.configuration,
    clusters: plugin?.clusters,
    redisClusters: plugin?.redisClusters,
    countHostCalls,
  });
}

/** Runs one request and fails loudly if the plugin did not behave as its run says. */
export function checkBehaviour(s: Subject, host: LeanHost, request: Parameters<LeanHost["request"]>[0]): void {
  const problem = s.run.check(host.request(request));
  if (problem !== undefined) throw new Error(`${s.label}: ${problem}`);
}
