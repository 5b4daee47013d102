/**
 * `pnpm bench`: measures every module of the table (plugins.ts) and rewrites RESULTS.md and the chart.
 * Sized to finish well within 10 minutes on a 2-core machine; `BENCH_QUICK=1` runs a tenth of everything
 * (for trying changes, not for the report's figures).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { describeMachine } from "./machine.js";
import { measureGateway } from "./measure/gateway.js";
import { countHostCalls } from "./measure/host-calls.js";
import { measureMemory } from "./measure/memory.js";
import { measureLeanPerRequest, measureStrictPerRequest } from "./measure/per-request.js";
import { moduleSize } from "./measure/size.js";
import { subject, type Subject } from "./measure/subject.js";
import { measureVmStart } from "./measure/vm-start.js";
import { CHART_FILE, RAW_RESULTS_FILE, RESULTS_FILE, pluginDir } from "./paths.js";
import { allModules, EMPTY_FILTER, EMPTY_FILTER_RUN, PLUGINS, sdkModule, twinModule } from "./plugins.js";
import { renderChart } from "./report/chart-svg.js";
import { renderResults } from "./report/results-md.js";
import type { BenchResults, SubjectRow } from "./results.js";

/** Issue 9's reference plugins. */
const ISSUE_PLUGINS = ["hello-world", "mock-enable", "http-call", "redis-qpm"];
const scale = process.env["BENCH_QUICK"] === "1" ? 0.1 : 1;
const n = (count: number) => Math.max(1, Math.round(count * scale));

const PLAN = {
  vmStartRuns: n(400),
  strictLoadRuns: n(20),
  warmupRequests: n(20_000),
  rounds: Math.max(3, n(15)),
  requestsPerRound: n(20_000),
  strictWarmup: n(500),
  strictRounds: Math.max(3, n(7)),
  strictRequestsPerRound: n(1_000),
  hostCallRequests: 1_000,
  memoryWarmup: 1_000,
  memoryCheckpoint: n(100_000),
  memoryRequests: n(1_000_000),
  gatewayWarmup: n(1_000),
  gatewayRequests: n(10_000),
  gatewayConnections: 10,
};

function log(line: string): void {
  console.log(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(3)}s] ${line}`);
}

const began = performance.now();
const machine = describeMachine();
const modules = allModules();
for (const m of modules) {
  if (!existsSync(m.file)) throw new Error(`${m.file} is missing: build first (pnpm bench builds everything)`);
}

log("size");
const sizes = modules.map((m) => ({ label: m.label, kind: m.kind, targetBytes: m.plugin?.sizeTargetBytes, ...moduleSize(m.file) }));

const pairs = PLUGINS.flatMap((p) => p.runs.map((run) => ({ plugin: p, run, sdk: subject(sdkModule(p), run), raw: p.hasTwin ? subject(twinModule(p), run) : undefined })));
const baseline = subject(EMPTY_FILTER, EMPTY_FILTER_RUN);
const subjects: Subject[] = [...pairs.flatMap((p) => (p.raw ? [p.sdk, p.raw] : [p.sdk])), baseline];

log(`VM start (${PLAN.vmStartRuns} lean starts, ${PLAN.strictLoadRuns} strict-host loads per subject)`);
const vmStart = await measureVmStart(subjects, PLAN.vmStartRuns, PLAN.strictLoadRuns);
log(`per request, lean driver (${PLAN.rounds} rounds x ${PLAN.requestsPerRound} requests, interleaved)`);
const lean = measureLeanPerRequest(subjects, { warmup: PLAN.warmupRequests, rounds: PLAN.rounds, requestsPerRound: PLAN.requestsPerRound });
log(`per request, strict host (${PLAN.strictRounds} rounds x ${PLAN.strictRequestsPerRound} requests)`);
const strict = await measureStrictPerRequest(subjects, { warmup: PLAN.strictWarmup, rounds: PLAN.strictRounds, requestsPerRound: PLAN.strictRequestsPerRound });
log("host calls per request");
const rows = new Map<Subject, SubjectRow>(subjects.map((s) => [s, {
  label: s.label,
  kind: s.module.kind,
  vmStart: vmStart.get(s)!.start,
  strictHostLoad: vmStart.get(s)!.strictHostLoad,
  perRequest: lean.get(s)!,
  strictPerRequest: strict.get(s)!,
  hostCalls: countHostCalls(s, PLAN.hostCallRequests),
  targetNs: s.module.kind === "sdk" ? s.run.perRequestTargetNs : undefined,
}]));

const memory = subjects.map((s) => {
  log(`memory: ${s.label} (${PLAN.memoryRequests.toLocaleString("en")} requests)`);
  return { label: s.label, ...measureMemory(s, [PLAN.memoryWarmup, PLAN.memoryCheckpoint, PLAN.memoryRequests]) };
});

log(`gateway (${PLAN.gatewayRequests} requests, ${PLAN.gatewayConnections} connections, after ${PLAN.gatewayWarmup} warm-up)`);
const gatewaySubjects = [baseline, ...pairs.filter((p) => p.run.label === "passing through" || p.plugin.name === "hello-world").map((p) => p.sdk)];
const gateway = await measureGateway(gatewaySubjects, { warmup: PLAN.gatewayWarmup, requests: PLAN.gatewayRequests, connections: PLAN.gatewayConnections });

const results: BenchResults = {
  machine,
  date: new Date().toISOString(),
  durationS: Math.round((performance.now() - began) / 1000),
  plan: PLAN,
  sizes,
  subjects: [...rows.values()],
  baseline: rows.get(baseline)!,
  sdkCost: pairs.filter((p) => p.raw).map((p) => ({ plugin: p.plugin.name, run: p.run.label, sdk: rows.get(p.sdk)!, raw: rows.get(p.raw!)! })),
  memory,
  gateway,
  missing: ISSUE_PLUGINS.filter((name) => !PLUGINS.some((p) => p.name === name))
    .map((name) => [name, existsSync(pluginDir(name)) ? "in plugins/ but not yet in the bench table" : `no plugins/${name} yet`] as const),
};

mkdirSync(dirname(RAW_RESULTS_FILE), { recursive: true });
writeFileSync(RAW_RESULTS_FILE, JSON.stringify(results, null, 2));
writeFileSync(CHART_FILE, renderChart(results));
writeFileSync(RESULTS_FILE, renderResults(results));
log(`wrote ${RESULTS_FILE} and ${CHART_FILE} in ${results.durationS}s`);
