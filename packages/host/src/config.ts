/** The plugin's configuration as Envoy holds it (the `WasmPlugin`/`envoy.yaml` wasm filter settings). */
import type { HostMode } from "./loader/index.js";

/** Everything that shapes how one plugin is loaded and run. */
export interface PluginConfig {
  /** `plugin_name` (Envoy `config.name`). */
  readonly name: string;
  /** `plugin_root_id` (Envoy `config.root_id`). */
  readonly rootId: string;
  /** `plugin_vm_id` (Envoy `vm_config.vm_id`); also keys shared data and queues. */
  readonly vmId: string;
  /** Whose behaviour to reproduce. */
  readonly mode: HostMode;
  /** Envoy `fail_open`: on a failed VM, skip the plugin instead of answering 503. */
  readonly failOpen: boolean;
  /** Envoy `allow_on_headers_stop_iteration`: keep a 0.2.x header `1` as StopIteration. */
  readonly allowOnHeadersStopIteration: boolean;
  /** Buffer `PLUGIN_CONFIGURATION`, served during `proxy_on_configure`. */
  readonly configuration: Uint8Array;
  /** Buffer `VM_CONFIGURATION`. */
  readonly vmConfiguration: Uint8Array;
  /** `vm_config.environment_variables`, served through WASI `environ_get`. */
  readonly environment: Readonly<Record<string, string>>;
  /** The per-stream buffer limit (listener `per_connection_buffer_limit_bytes`). */
  readonly bufferLimitBytes: number;
  /** HCM `stream_idle_timeout`: how long a paused stream waits before Envoy answers 408; 0 = forever. */
  readonly streamIdleTimeoutMs: number;
  /** Higress `kRecoveryGuardInterval`: minimum time between two rebuilds of a failed VM, in ms. */
  readonly recoveryGuardMs: number;
}

/** Higress's default downstream connection buffer limit. */
export const HIGRESS_BUFFER_LIMIT = 32768;
/** Envoy's default per-connection buffer limit. */
export const ENVOY_BUFFER_LIMIT = 1024 * 1024;
/** Envoy's default `stream_idle_timeout` (5 minutes). */
export const ENVOY_STREAM_IDLE_TIMEOUT_MS = 300_000;
