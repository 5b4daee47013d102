/**
 * Item 2: VM start. With each module compiled once, one sample is a fresh instance + `_initialize` +
 * `proxy_on_context_create(1)` + `proxy_on_vm_start` + `proxy_on_configure` through the lean driver. Subjects
 * are interleaved run by run, so machine noise spreads over all of them alike. For comparison, the strict host's
 * whole `PluginHost.load` (parse and check the module as Envoy would, compile, then the same start) is sampled too.
 */
import { readFileSync } from "node:fs";
import { PluginHost } from "@higress-ts/host";
import { elapsedNs, summarize, type Summary } from "../stats.js";
import { startLean, type Subject } from "./subject.js";

/** VM start figures of one subject, in ns. */
export interface VmStart {
  readonly start: Summary;
  readonly strictHostLoad: Summary;
}

/** Samples `runs` lean starts and `loadRuns` strict-host loads per subject. */
export async function measureVmStart(subjects: readonly Subject[], runs: number, loadRuns: number): Promise<Map<Subject, VmStart>> {
  const starts = new Map(subjects.map((s) => [s, [] as number[]]));
  for (const s of subjects) startLean(s);
  for (let i = 0; i < runs; i++) {
    for (const s of subjects) {
      const t = process.hrtime.bigint();
      startLean(s);
      starts.get(s)!.push(elapsedNs(t));
    }
  }
  const loads = new Map(subjects.map((s) => [s, [] as number[]]));
  for (let i = 0; i < loadRuns; i++) {
    for (const s of subjects) {
      const wasm = readFileSync(s.module.file);
      const t = process.hrtime.bigint();
      const outcome = await PluginHost.load(wasm, { name: s.module.plugin?.name ?? "empty-filter", configuration: s.run.configuration });
      loads.get(s)!.push(elapsedNs(t));
      if (!outcome.ok) throw new Error(`${s.label}: the strict host refused it: ${outcome.error}`);
    }
  }
  return new Map(subjects.map((s) => [s, { start: summarize(starts.get(s)!), strictHostLoad: summarize(loads.get(s)!) }]));
}
