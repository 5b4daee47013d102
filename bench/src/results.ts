/** Every figure of one bench run, as the report and the chart read them (also written as JSON to out/). */
import type { Machine } from "./machine.js";
import type { GatewayRun } from "./measure/gateway.js";
import type { HostCalls } from "./measure/host-calls.js";
import type { ModuleSize } from "./measure/size.js";
import type { Summary } from "./stats.js";

/** Item 1, per module. */
export interface SizeRow extends ModuleSize {
  readonly label: string;
  readonly kind: string;
  readonly targetBytes: number | undefined;
}

/** Items 2 and 3, per subject (module + run). */
export interface SubjectRow {
  readonly label: string;
  readonly kind: string;
  /** Lean-driver start, ns. */
  readonly vmStart: Summary;
  /** Strict host `PluginHost.load` (check + compile + start), ns. */
  readonly strictHostLoad: Summary;
  /** Lean-driver ns per request. */
  readonly perRequest: Summary;
  /** Strict host `host.request` ns per request. */
  readonly strictPerRequest: Summary;
  readonly hostCalls: HostCalls;
  readonly targetNs: number | undefined;
}

/** Item 4: an SDK plugin against its raw twin, same run, same rounds. */
export interface SdkCostRow {
  readonly plugin: string;
  readonly run: string;
  readonly sdk: SubjectRow;
  readonly raw: SubjectRow;
}

/** Item 5, per subject. */
export interface MemoryRow {
  readonly label: string;
  readonly checkpoints: ReadonlyArray<readonly [requests: number, pages: number]>;
}

/** A whole run. */
export interface BenchResults {
  readonly machine: Machine;
  readonly date: string;
  readonly durationS: number;
  readonly plan: Readonly<Record<string, number>>;
  readonly sizes: readonly SizeRow[];
  readonly subjects: readonly SubjectRow[];
  /** The empty filter's row: the driver's own share of every per-request figure. */
  readonly baseline: SubjectRow;
  readonly sdkCost: readonly SdkCostRow[];
  readonly memory: readonly MemoryRow[];
  readonly gateway: readonly GatewayRun[];
  /** Issue 9's reference plugins that have no module to measure, with why. */
  readonly missing: ReadonlyArray<readonly [plugin: string, why: string]>;
}
