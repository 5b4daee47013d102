/**
 * The test API and the heart of the local gateway: one plugin loaded as Envoy/Higress loads it, its
 * VM started and configured, and HTTP streams run through it. Errors are values; nothing here throws
 * for a bad module or configuration.
 */
import type { HeaderPairs } from "./abi/pairs.js";
import { ENVOY_BUFFER_LIMIT, ENVOY_STREAM_IDLE_TIMEOUT_MS, HIGRESS_BUFFER_LIMIT, type PluginConfig } from "./config.js";
import { RootContext } from "./context/root-context.js";
import { loadModule, type AbiVersion, type HostMode, type ModuleReport } from "./loader/index.js";
import { LogLevel, LogSink, formatLogRecord, toLogLevel, type LogLevelName, type LogRecord } from "./log.js";
import {
  FunctionCallouts,
  type Callouts,
  type HttpClusterHandler,
  type RedisClusterHandler,
} from "./services/callouts.js";
import { NetworkCallouts } from "./services/network-callouts.js";
import { PluginServices, type ForeignFunction } from "./services/plugin-services.js";
import type { ClusterResolver, UpstreamCluster } from "./services/upstream-clusters.js";
import { HttpStream } from "./stream/http-stream.js";
import type { ResponseSink, StreamRequest, StreamResult, Upstream } from "./stream/messages.js";
import { PluginVm } from "./vm/plugin-vm.js";

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
  /** Foreign functions beyond Envoy's `clear_route_cache`. */
  readonly foreignFunctions?: Readonly<Record<string, ForeignFunction>>;
}

/** A stream's outcome with its log lines and a text view of the body. */
export interface HostResponse extends StreamResult {
  /** The response body as UTF-8 text. */
  text(): string;
  /** Log lines captured while the stream ran. */
  readonly logs: LogRecord[];
}

/** Per-request options. */
export interface RequestOptions {
  /** The upstream; default answers 200 with no body. */
  readonly upstream?: Upstream;
  /** Receives the response while it is sent (the gateway streams it to its client). */
  readonly sink?: ResponseSink;
  /** Aborted when the client gives up: the stream is reset (`downstream_remote_disconnect`). */
  readonly signal?: AbortSignal;
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
const emptyUpstream: Upstream = () => ({ status: 200 });

/** One plugin running in a strict local proxy-wasm host. */
export class PluginHost {
  /** Why the VM or plugin failed to start, with Envoy's message (e.g. "Failed to configure base Wasm plugin"). */
  startError: string | undefined;
  private vm!: PluginVm;
  private root!: RootContext;
  private lastRecovery = Number.NEGATIVE_INFINITY;

  private constructor(
    private readonly module: WebAssembly.Module,
    /** The ABI version the loader detected. */
    readonly abi: AbiVersion,
    /** The effective configuration. */
    readonly config: PluginConfig,
    /** Logs, shared data, queues, metrics, callouts: what outlives a VM rebuild. */
    readonly services: PluginServices,
  ) {}

  /** Loads, starts and configures a plugin; never throws for a bad module or configuration. */
  static async load(wasm: Uint8Array, options: PluginHostOptions): Promise<LoadOutcome> {
    const mode = options.mode ?? "higress";
    const logs = new LogSink(toLogLevel(options.logLevel ?? LogLevel.Info), options.printLogs);
    const loaded = await loadModule(wasm, { mode });
    if (!loaded.ok || loaded.report.abi === null) {
      const error = loaded.report.errors[0]?.message ?? "Failed to load Wasm module";
      logs.host(LogLevel.Critical, error);
      return { ok: false, report: loaded.report, error, logs: logs.records };
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
    const functions = new FunctionCallouts(options.clusters, options.redisClusters);
    const callouts = options.callouts ?? (options.upstreams ? new NetworkCallouts(options.upstreams, functions) : functions);
    const foreign = new Map<string, ForeignFunction>([
      ["clear_route_cache", () => undefined],
      ...Object.entries(options.foreignFunctions ?? {}),
    ]);
    const host = new PluginHost(loaded.module, loaded.report.abi, config, new PluginServices(logs, callouts, foreign));
    host.start();
    const report = loaded.report;
    if (host.startError !== undefined) return { ok: false, host, report, error: host.startError, logs: logs.records };
    return { ok: true, host, report, logs: logs.records };
  }

  /** Creates a fresh VM: `_initialize`/`_start`, then root context 1, `on_vm_start`, `on_configure`. */
  private start(): void {
    this.startError = undefined;
    const vm = PluginVm.create(this.module, this.abi, this.config, this.services);
    this.vm = vm;
    this.root = vm.addContext((id) => new RootContext(vm, id));
    if (vm.failure !== undefined) {
      this.startError = vm.failure;
      return;
    }
    vm.call(this.root, "proxy_on_context_create", this.root.id, 0);
    const started = vm.call(this.root, "proxy_on_vm_start", this.root.id, this.config.vmConfiguration.length);
    if (started.status === "ok" && started.value === 0) vm.fail("Failed to start base Wasm plugin");
    this.root.configuring = true;
    const configured = vm.call(this.root, "proxy_on_configure", this.root.id, this.config.configuration.length);
    this.root.configuring = false;
    if (configured.status === "ok" && configured.value === 0) vm.fail("Failed to configure base Wasm plugin");
    this.startError = vm.failure;
  }

  /**
   * Higress recovery: a VM that failed at runtime (not at start) is rebuilt before the next request,
   * at most once per `recoveryGuardMs`. Upstream Envoy keeps a failed VM failed.
   */
  private recoverIfFailed(): void {
    if (this.vm.failure === undefined || this.startError !== undefined || this.config.mode !== "higress") return;
    const now = Date.now();
    if (now - this.lastRecovery < this.config.recoveryGuardMs) return;
    this.lastRecovery = now;
    this.services.logs.host(LogLevel.Warn, "wasm vm failed, rebuilding it (Higress recovery)");
    this.start();
  }

  /** Why the current VM is failed, if it is. */
  get failure(): string | undefined {
    return this.vm.failure;
  }

  /** Every log line so far. */
  get logs(): LogRecord[] {
    return this.services.logs.records;
  }

  /** The log lines in Envoy's format. */
  formattedLogs(): string[] {
    return this.logs.map(formatLogRecord);
  }

  /** The tick period the plugin set (`proxy_set_tick_period_milliseconds`), 0 if none. */
  get tickPeriodMs(): number {
    return this.root.tickPeriodMs;
  }

  /** Delivers one `proxy_on_tick` if the plugin set a tick period; false otherwise. */
  tick(): boolean {
    if (this.root.tickPeriodMs === 0) return false;
    this.vm.call(this.root, "proxy_on_tick", this.root.id);
    this.services.events.emit("delivered");
    return true;
  }

  /** Registers a foreign function for `proxy_call_foreign_function`. */
  registerForeignFunction(name: string, fn: ForeignFunction): void {
    this.services.foreignFunctions.set(name, fn);
  }

  /**
   * Removes the plugin as Envoy does on a config update: `proxy_on_done(root)`; `true` deletes the root
   * context now, `false` leaves it pending until the plugin calls `proxy_done()`. Returns whether it is deleted.
   */
  close(): boolean {
    const done = this.vm.call(this.root, "proxy_on_done", this.root.id);
    if (done.status === "ok" && done.value === 0) {
      this.root.pendingDone = true;
      return false;
    }
    this.vm.call(this.root, "proxy_on_delete", this.root.id);
    this.vm.removeContext(this.root.id);
    return true;
  }

  /** Runs one HTTP stream through the plugin. */
  async request(request: StreamRequest, options: RequestOptions = {}): Promise<HostResponse> {
    this.recoverIfFailed();
    const from = this.logs.length;
    const vm = this.vm;
    const stream = vm.addContext((id) => new HttpStream(vm, id, this.root, request));
    const result = await stream.run(options.upstream ?? emptyUpstream, options.sink, options.signal);
    return { ...result, text: () => decoder.decode(result.body), logs: this.logs.slice(from) };
  }
}

/** Reads a header from pairs (first value), case-insensitively. */
export function headerValue(headers: HeaderPairs, name: string): string | undefined {
  const key = name.toLowerCase();
  return headers.find(([k]) => k === key)?.[1];
}
