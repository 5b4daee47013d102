/** What outlives a VM rebuild: logs, shared data, queues, stats, callout routing, foreign functions. */
import { EventEmitter } from "node:events";
import type { LogSink } from "../log.js";
import type { Callouts, GrpcCallout, HttpCallout, RedisCallout } from "./callouts.js";
import { systemClock, type Clock } from "./clock.js";
import { Metrics } from "./metrics.js";
import type { PendingCallout } from "./pending-callouts.js";
import { SharedData } from "./shared-data.js";
import { SharedQueues } from "./shared-queues.js";

/** A host function the plugin can reach with `proxy_call_foreign_function`; the result is copied back. */
export type ForeignFunction = (args: Uint8Array) => Uint8Array | undefined;

/** Every callout the plugin attempted, in order, with whether Envoy would have accepted it. */
export interface CalloutLog {
  readonly http: Array<HttpCallout & { readonly accepted: boolean }>;
  readonly redis: Array<RedisCallout & { readonly accepted: boolean }>;
  readonly grpc: Array<GrpcCallout & { readonly accepted: boolean }>;
}

/** Services shared by the successive VMs of one plugin. */
export class PluginServices {
  readonly sharedData = new SharedData();
  readonly queues = new SharedQueues();
  readonly metrics = new Metrics();
  readonly calloutLog: CalloutLog = { http: [], redis: [], grpc: [] };
  /** Accepted callouts not answered yet, oldest first. */
  readonly pendingCallouts: PendingCallout[] = [];
  /** `proxy_redis_init`'s per-operation timeout by bare cluster name, for Redis clusters the host times out. */
  readonly redisTimeouts = new Map<string, number>();
  /** Asynchronous work (callouts, queued deliveries) the plugin is waiting for. */
  pending = 0;
  /** Emits `delivered` after each asynchronous callback into the VM, so paused streams re-check. */
  readonly events = new EventEmitter();

  constructor(
    readonly logs: LogSink,
    readonly callouts: Callouts,
    readonly foreignFunctions: Map<string, ForeignFunction>,
    /** What time reads, callout timeouts and (when fake) ticks follow. */
    readonly clock: Clock = systemClock,
  ) {}

  /** Runs one asynchronous callback into the VM and tells waiting streams. */
  deliver(callback: () => void): void {
    callback();
    this.events.emit("delivered");
  }

  /** Runs the last delivery of an asynchronous piece of work (no longer pending) and tells waiting streams. */
  settle(callback: () => void): void {
    this.pending--;
    this.deliver(callback);
  }
}
