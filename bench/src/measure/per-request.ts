/**
 * Item 3 and 4: the cost of one request. Each subject gets its own lean VM, warmed up; then, round by round,
 * every subject runs the same number of `ONE_REQUEST`s back to back (the order rotates each round), and one
 * sample is the round's elapsed time divided by the count. What a sample holds: the driver's JS work for the
 * stream plus every exported callback of it and every host call the plugin makes (see README, "What is measured").
 * The empty filter measured in the same rounds is the driver's own share.
 * For comparison, the strict host's `host.request` (async, with all of Envoy's rules) is sampled the same way.
 */
import { PluginHost } from "@higress-ts/host";
import { readFileSync } from "node:fs";
import type { BenchRequest } from "../driver/bench-request.js";
import type { LeanHost } from "../driver/lean-host.js";
import { ONE_REQUEST } from "../mixes.js";
import { elapsedNs, summarize, type Summary } from "../stats.js";
import { checkBehaviour, startLean, type Subject } from "./subject.js";

/** How much to run. */
export interface PerRequestPlan {
  readonly warmup: number;
  readonly rounds: number;
  readonly requestsPerRound: number;
}

/** Rotates `items` by `by`. */
function rotated<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function runLean(host: LeanHost, request: BenchRequest, count: number): void {
  for (let i = 0; i < count; i++) host.request(request);
}

/** ns per request through the lean driver, one sample per round. */
export function measureLeanPerRequest(subjects: readonly Subject[], plan: PerRequestPlan): Map<Subject, Summary> {
  const hosts = new Map(subjects.map((s) => [s, startLean(s)]));
  for (const [s, host] of hosts) {
    checkBehaviour(s, host, ONE_REQUEST);
    runLean(host, ONE_REQUEST, plan.warmup);
  }
  const samples = new Map(subjects.map((s) => [s, [] as number[]]));
  for (let round = 0; round < plan.rounds; round++) {
    for (const s of rotated(subjects, round)) {
      const host = hosts.get(s)!;
      const t = process.hrtime.bigint();
      runLean(host, ONE_REQUEST, plan.requestsPerRound);
      samples.get(s)!.push(elapsedNs(t) / plan.requestsPerRound);
    }
  }
  return new Map(subjects.map((s) => [s, summarize(samples.get(s)!)]));
}

/** ns per request through the strict host's `host.request`, one sample per round. */
export async function measureStrictPerRequest(subjects: readonly Subject[], plan: PerRequestPlan): Promise<Map<Subject, Summary>> {
  const hosts = new Map<Subject, PluginHost>();
  const request = {
    method: "POST", path: "/api/items", authority: "example.com", routeName: "api",
    headers: ONE_REQUEST.headers.filter(([name]) => !name.startsWith(":")),
    body: [...ONE_REQUEST.body],
  };
  const upstream = () => ({ status: 200, headers: ONE_REQUEST.response.headers.filter(([name]) => !name.startsWith(":")), body: [...ONE_REQUEST.response.body] });
  for (const s of subjects) {
    const outcome = await PluginHost.load(readFileSync(s.module.file), {
      name: s.module.plugin?.name ?? "empty-filter", configuration: s.run.configuration,
    });
    if (!outcome.ok) throw new Error(`${s.label}: the strict host refused it: ${outcome.error}`);
    hosts.set(s, outcome.host);
    for (let i = 0; i < plan.warmup; i++) await outcome.host.request(request, { upstream });
  }
  const samples = new Map(subjects.map((s) => [s, [] as number[]]));
  for (let round = 0; round < plan.rounds; round++) {
    for (const s of rotated(subjects, round)) {
      const host = hosts.get(s)!;
      const t = process.hrtime.bigint();
      for (let i = 0; i < plan.requestsPerRound; i++) await host.request(request, { upstream });
      samples.get(s)!.push(elapsedNs(t) / plan.requestsPerRound);
    }
  }
  return new Map(subjects.map((s) => [s, summarize(samples.get(s)!)]));
}
