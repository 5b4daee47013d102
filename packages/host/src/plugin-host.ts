/**
 * The test API and the heart of the local gateway: one plugin loaded as Envoy/Higress loads it, its
 * VM started and configured, and HTTP streams run through it. Errors are values; nothing here throws
 * for a bad module or configuration.
 */
import type { HeaderPairs } from "./abi/pairs.js";
import { ENVOY_BUFFER_LIMIT, ENVOY_STREAM_IDLE_TIMEOUT_MS, HIGRESS_BUFFER_LIMIT, type PluginConfig } from "./config.js";
import { loadModule, type AbiVersion, type HostMode, type ModuleReport } from "./loader/index.js";
import { LogLevel, LogSink, formatLogRecord, toLogLevel, type LogLevelName, type LogRecord } from "./log.js";
import {
  FunctionCallouts,
  type Callouts,
  type HttpClusterHandler,
  type RedisClusterHandler,
} from "./services/callouts.js";
import { FakeClock, systemClock, type Clock } from "./services/clock.js";
import { NetworkCallouts } from "./services/network-callouts.js";
import { PluginServices, type ForeignFunction } from "./services/plugin-services.js";
import type { ClusterResolver, UpstreamCluster } from "./services/upstream-clusters.js";
import type { PendingCallout } from "./services/pending-callouts.js";
import type { ResponseSink, StreamRequest, StreamResult, StreamingUpstream, Upstream } from "./stream/messages.js";
import { wholeRequest } from "./stream/upstream-request.js";
import { PluginInstance } from "./plugin-instance.js";
import { StrictModeError, type Violation } from "./violations.js";
import { Connection } from "./network/connection.js";
import type { ConnectionOptions } from "./network/messages.js";

/** How to load and run a plugin (the wasm filter settings of an envoy.yaml / WasmPlugin). */
export interface PluginHostOptions {
  /** `plugin_name`. */
  readonly name: string;
  /** The plugin configuration (`PLUGIN_CONFIGURATION`), e.g. JSON text. */
  readonly configuration?: string | Uint8Array;
  /** The VM configuration (`VM_CONFIGURATION`). */
  readonly vmConfiguration?: string | Uint8Array;
  readonly rootId?: string;
  readonly vmId?: string;
  /** Whose behaviour to reproduce; default `higress`. */
  readonly mode?: HostMode;
  /** Envoy `fail_open`; default false (a failed VM answers 503). */
  readonly failOpen?: boolean;
  /** The `wasm` logger level; default `info`. */
  readonly logLevel?: LogLevel | LogLevelName;
  /** Print each captured line in Envoy's format as it is logged (e.g. `console.log`). */
  readonly printLogs?: (line: string) => void;
  /** Envoy `allow_on_headers_stop_iteration`. */
  readonly allowOnHeadersStopIteration?: boolean;
  /** The per-stream buffer limit; default 32 KiB (Higress) or 1 MiB (Envoy). */
  readonly bufferLimitBytes?: number;
  /** HCM `stream_idle_timeout` for paused streams; default 5 minutes as in Envoy; 0 waits forever. */
  readonly streamIdleTimeoutMs?: number;
  /** Higress's minimum time between two VM rebuilds after a crash; default 1000 ms. */
  readonly recoveryGuardMs?: number;
  /** `vm_config.environment_variables`. */
  readonly environment?: Readonly<Record<string, string>>;
  /** HTTP clusters answered by functions (ignored when `callouts` is given; ahead of `upstreams`). */
  readonly clusters?: Readonly<Record<string, HttpClusterHandler>>;
  /** Redis clusters answered by functions (ignored when `callouts` is given). */
  readonly redisClusters?: Readonly<Record<string, RedisClusterHandler>>;
  /** A cluster manager for callouts (e.g. a bridge to real upstreams). */
  readonly callouts?: Callouts;
  /**
   * Clusters with real endpoints (or a resolver, e.g. an envoy.yaml's): callouts to them go over the network
   * (`NetworkCallouts`), except to names answered by `clusters` / `redisClusters`. Ignored when `callouts` is given.
   */
  readonly upstreams?: readonly UpstreamCluster[] | ClusterResolver;
  /** Worker threads (Envoy `--concurrency`): one VM instance each, requests spread over them; default 1. */
  readonly workers?: number;
  /** Start and configure a canary instance first, then drop it without `on_done`, as Envoy validates a config. */
  readonly canary?: boolean;
  /** Foreign functions of your own, ahead of Envoy's (`compress`, `declare_property`, …) and Higress's of the same name. */
  readonly foreignFunctions?: Readonly<Record<string, ForeignFunction>>;
  /**
   * Strict mode (default true): what Envoy would reject or silently ignore (`host.violations`) fails the test:
   * `load` returns `ok: false`, and `request` rejects with a `StrictModeError` when a violation was recorded while it ran.
   */
  readonly strict?: boolean;
  /**
   * The host's clock: `"real"` (default) or `"fake"` (a `FakeClock` starting now, or your own). On a fake clock,
   * time reads, tick periods and callout timeouts stand still until `host.advanceTime(ms)`.
   */
  readonly clock?: "real" | "fake" | Clock;
}

/** A stream's outcome with its log lines and a text view of the body. */
export interface HostResponse extends StreamResult {
  /** The response body as UTF-8 text. */
  text(): string;
  /** Log lines captured while the stream ran. */
  readonly logs: LogRecord[];
  /** Violations recorded while the stream ran (strict mode rejects instead when there are any). */
  readonly violations: Violation[];
}

/** Per-request options. */
export interface RequestOptions {
  /**
   * The upstream; default answers 200 with no body. A function gets the whole request once the filter released all
   * of it; a `StreamingUpstream` starts when the headers pass the filter and gets the body as it streams, as Envoy's router.
   */
  readonly upstream?: Upstream | StreamingUpstream;
  /** Receives the response while it is sent (the gateway streams it to its client). */
  readonly sink?: ResponseSink;
  /** Aborted when the client gives up: the stream is reset (`downstream_remote_disconnect`). */
  readonly signal?: AbortSignal;
  /** Overrides the host's strict mode for this request (the gateways pass false: they log violations and keep serving). */
  readonly strict?: boolean;
}

/** The outcome of `PluginHost.load`. */
export type LoadOutcome =
  | { readonly ok: true; readonly host: PluginHost; readonly report: ModuleReport; readonly logs: LogRecord[] }
  | {
      readonly ok: false;
      /** Present when the module loaded but the VM or plugin failed to start. */
      readonly host?: PluginHost;
      readonly report: ModuleReport;
      /** Envoy's message: the loader's first error, or the start failure. */
      readonly error: string;
      readonly logs: LogRecord[];
    };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytesOf = (value: string | Uint8Array | undefined) =>
  typeof value === "string" ? encoder.encode(value) : (value ?? new Uint8Array(0));
const emptyUpstream: StreamingUpstream = { start: () => ({ status: 200 }) };

/** One plugin running in a strict local proxy-wasm host. */
export class PluginHost {
  private nextWorker = 0;

  private constructor(
    /** The ABI version the loader detected. */
    readonly abi: AbiVersion,
    /** The effective configuration. */
    readonly config: PluginConfig,
    /** Logs, shared data, queues, metrics, callouts: what the instances share and what outlives a VM rebuild. */
    readonly services: PluginServices,
    /** One instance per worker thread, each its own VM; requests go to them in turn. */
    readonly workers: readonly PluginInstance[],
    /** Strict mode: violations fail `request` (see `PluginHostOptions.strict`). */
    readonly strict: boolean,
  ) {}

  /**
   * Loads the plugin, then (with `canary`) starts and configures a canary instance that is dropped without
   * `on_done`, then starts and configures one instance per worker; never throws for a bad module or configuration.
   */
  static async load(wasm: Uint8Array, options: PluginHostOptions): Promise<LoadOutcome> {
    const mode = options.mode ?? "higress";
    const logs = new LogSink(toLogLevel(options.logLevel ?? LogLevel.Info), options.printLogs);
    const loaded = await loadModule(wasm, { mode });
    const report = loaded.report;
    if (!loaded.ok || report.abi === null) {
      const error = report.errors[0]?.message ?? "Failed to load Wasm module";
      logs.host(LogLevel.Critical, error);
      return { ok: false, report, error, logs: logs.records };
    }
    const config: PluginConfig = {
      name: options.name,
      rootId: options.rootId ?? "",
      vmId: options.vmId ?? "",
      mode,
      failOpen: options.failOpen ?? false,
      allowOnHeadersStopIteration: options.allowOnHeadersStopIteration ?? false,
      configuration: bytesOf(options.configuration),
      vmConfiguration: bytesOf(options.vmConfiguration),
      environment: options.environment ?? {},
      bufferLimitBytes: options.bufferLimitBytes ?? (mode === "higress" ? HIGRESS_BUFFER_LIMIT : ENVOY_BUFFER_LIMIT),
      recoveryGuardMs: options.recoveryGuardMs ?? 1000,
      streamIdleTimeoutMs: options.streamIdleTimeoutMs ?? ENVOY_STREAM_IDLE_TIMEOUT_MS,
    };
    const clock = options.clock === "fake" ? new FakeClock() : options.clock === "real" ? systemClock : options.clock ?? systemClock;
    const functions = new FunctionCallouts(options.clusters, options.redisClusters);
    const callouts = options.callouts ?? (options.upstreams ? new NetworkCallouts(options.upstreams, functions, clock) : functions);
    const foreign = new Map<string, ForeignFunction>(Object.entries(options.foreignFunctions ?? {}));
    const services = new PluginServices(logs, callouts, foreign, clock);
    const instance = () => new PluginInstance(loaded.module, report.abi!, config, services);
    const canaryError = options.canary ? instance().startError : undefined;
    if (canaryError !== undefined) return { ok: false, report, error: canaryError, logs: logs.records };
    const workers = Array.from({ length: Math.max(1, options.workers ?? 1) }, instance);
    const strict = options.strict ?? true;
    const host = new PluginHost(report.abi, config, services, workers, strict);
    const error = host.startError ?? (strict ? strictError(logs.violations) : undefined);
    if (error !== undefined) return { ok: false, host, report, error, logs: logs.records };
    return { ok: true, host, report, logs: logs.records };
  }

  /** Why a worker's VM or plugin failed to start, with Envoy's message (e.g. "Failed to configure base Wasm plugin"). */
  get startError(): string | undefined {
    return this.workers.find((w) => w.startError !== undefined)?.startError;
  }

  /** Why a worker's current VM is failed, if one is. */
  get failure(): string | undefined {
    return this.workers.find((w) => w.vm.failure !== undefined)?.vm.failure;
  }

  /** Every violation so far: what Envoy would reject or silently ignore (logged as warnings too). */
  get violations(): readonly Violation[] {
    return this.services.logs.violations;
  }

  /** Every log line so far. */
  get logs(): LogRecord[] {
    return this.services.logs.records;
  }

  /** The log lines in Envoy's format. */
  formattedLogs(): string[] {
    return this.logs.map(formatLogRecord);
  }

  /** The tick period the plugin set (`proxy_set_tick_period_milliseconds`) in the first worker, 0 if none. */
  get tickPeriodMs(): number {
    return this.workers[0]!.root.tickPeriodMs;
  }

  /** `proxy_on_tick` deliveries so far, over all workers. */
  get tickCount(): number {
    return this.workers.reduce((sum, w) => sum + w.ticks, 0);
  }

  /** `plugin_vm_memory`: the first worker's linear memory size in bytes (it grows as the plugin allocates). */
  get vmMemoryBytes(): number {
    return this.workers[0]!.vm.memory.byteLength;
  }

  /** One period passes: `proxy_on_tick` in every worker that set a tick period. False if none did. */
  tick(): boolean {
    const ticked = this.workers.filter((w) => w.tick()).length > 0;
    if (ticked) this.services.events.emit("delivered");
    return ticked;
  }

  /**
   * Moves the fake clock (`clock: "fake"`) on by `ms`: what falls due happens in time order, each at its own time:
   * `proxy_on_tick` in every worker per elapsed tick period (a period counts from when it was set; `0` disables),
   * and the timeouts of callouts still pending. Returns the ticks delivered. On the real clock ticks run only by
   * `tick()` (the gateways tick on a real interval), so this throws.
   */
  advanceTime(ms: number): number {
    const clock = this.services.clock;
    if (!(clock instanceof FakeClock)) throw new Error('advanceTime needs the fake clock: PluginHost.load(wasm, { clock: "fake", … })');
    const before = this.tickCount;
    if (clock.advance(ms) > 0) this.services.events.emit("delivered");
    return this.tickCount - before;
  }

  /** Callouts dispatched and not answered yet, oldest first; answer or fail them by hand. */
  pendingCallouts(): PendingCallout[] {
    return [...this.services.pendingCallouts];
  }

  /** Registers a foreign function for `proxy_call_foreign_function`. */
  registerForeignFunction(name: string, fn: ForeignFunction): void {
    this.services.foreignFunctions.set(name, fn);
  }

  /**
   * Removes the plugin as Envoy does on a config update: `proxy_on_done(root)` in every worker; `true` deletes the
   * root context now, `false` leaves it pending until the plugin calls `proxy_done()`. Returns whether all are deleted.
   */
  close(): boolean {
    return this.workers.map((w) => w.close()).every(Boolean);
  }

  /** Runs one HTTP stream through the plugin, on the next worker in turn. */
  async request(request: StreamRequest, options: RequestOptions = {}): Promise<HostResponse> {
    const from = this.logs.length;
    const violationsFrom = this.violations.length;
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    const upstream = typeof options.upstream === "function" ? wholeRequest(options.upstream) : (options.upstream ?? emptyUpstream);
    const result = await worker.request(request, upstream, options.sink, options.signal);
    const violations = this.violations.slice(violationsFrom);
    const response = { ...result, text: () => decoder.decode(result.body), logs: this.logs.slice(from), violations };
    if ((options.strict ?? this.strict) && violations.length > 0) throw new StrictModeError(violations, response);
    return response;
  }

  /**
   * Opens one network (TCP) connection through the plugin, as a wasm network filter in front of Envoy's TCP proxy,
   * on the next worker in turn: `on_context_create` and `on_new_connection` run now; drive it with the returned
   * `Connection`.
   */
  connection(options: ConnectionOptions = {}): Connection {
    const from = this.logs.length;
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    return new Connection(worker.connection(options), this.services.logs, from);
  }
}

/** The load error strict mode gives for violations during start (e.g. a local reply from `on_configure`). */
function strictError(violations: readonly Violation[]): string | undefined {
  return violations.length === 0 ? undefined : new StrictModeError(violations).message;
}

/** Reads a header from pairs (first value), case-insensitively. */
export function headerValue(headers: HeaderPairs, name: string): string | undefined {
  const key = name.toLowerCase();
  return headers.find(([k]) => k === key)?.[1];
}
