/**
 * What ends or wakes a paused stream: local replies, resets and `proxy_continue_stream`, which the plugin requests
 * during a callback or later from its root context (callout answers, ticks, queues).
 */
import { StreamType } from "../abi/enums.js";
import type { RootContext } from "../context/root-context.js";
import { LogLevel } from "../log.js";
import { noTimer } from "../services/clock.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import type { HeaderMap } from "./header-map.js";
import { prepareLocalReply, type LocalReply, type LocalReplyRequest } from "./local-reply.js";

/** Why a direction stopped early. */
export type Interrupt =
  | { readonly kind: "local_reply"; readonly reply: LocalReply; readonly source: "plugin" | "envoy" }
  | { readonly kind: "reset"; readonly details: string }
  | { readonly kind: "fail" };

const encoder = new TextEncoder();
const WAITING_SINCE_NOTHING_CAN_WAKE =
  "stream paused with no callout, queue delivery or tick pending: it waits for the client or stream_idle_timeout, as in Envoy";

/** Envoy's own local reply (no plugin headers) to the request with `requestHeaders`. */
export function envoyLocalReply(requestHeaders: HeaderMap, status: number, body: string, details: string, grpcStatus?: number): Interrupt {
  const request: LocalReplyRequest = { status, details, body: encoder.encode(body), headers: [], grpcStatus };
  return { kind: "local_reply", reply: prepareLocalReply(request, requestHeaders), source: "envoy" };
}

/** One stream's pending local reply and reset, and the wait for the plugin to continue a stopped direction. */
export class StreamInterrupts {
  /** Why the stream was reset (`downstream_remote_disconnect`, `wasm_close_stream`, …), once it was. */
  resetReason: string | undefined;
  private pendingLocalReply: LocalReplyRequest | undefined;
  private stopNext = false;
  private readonly earlyContinue = new Set<StreamType>();
  private waiter: { readonly type: StreamType; readonly settle: (interrupt: Interrupt | undefined) => void } | undefined;

  constructor(
    private readonly vm: PluginVm,
    private readonly root: RootContext,
    private readonly requestHeaders: HeaderMap,
  ) {}

  /** A local reply was requested and not yet taken. */
  get localReplyPending(): boolean {
    return this.pendingLocalReply !== undefined;
  }

  /** `proxy_send_local_response`: the reply ends the stream once the VM call returns. */
  sendLocalReply(reply: LocalReplyRequest): void {
    this.pendingLocalReply = reply;
    this.stopNext = true;
    this.vm.afterVmCall(() => this.interruptWait());
  }

  /** Resets the stream (the first reason stays) and ends any wait. */
  resetStream(details: string): void {
    this.resetReason ??= details;
    this.interruptWait();
  }

  /** Continues `type`: ends the wait for it, or remembers the continue for the next wait. True if it ended a wait. */
  continueIteration(type: StreamType): boolean {
    if (this.waiter?.type === type) {
      this.waiter.settle(undefined);
      return true;
    }
    this.earlyContinue.add(type);
    return false;
  }

  /** A local reply during the callback forces "stop" whatever the plugin returned (cpp-host `stopNextIteration`). */
  consumeStop(): boolean {
    const stop = this.stopNext;
    this.stopNext = false;
    return stop;
  }

  /** What a callback left behind: a local reply or a reset. */
  take(): Interrupt | undefined {
    this.stopNext = false;
    if (this.pendingLocalReply !== undefined) {
      const reply = prepareLocalReply(this.pendingLocalReply, this.requestHeaders);
      this.pendingLocalReply = undefined;
      return { kind: "local_reply", reply, source: "plugin" };
    }
    if (this.resetReason !== undefined) return { kind: "reset", details: this.resetReason };
    return undefined;
  }

  /**
   * Waits until the plugin continues `type`, or the stream is answered or reset. Like Envoy, nothing else ends
   * the wait but the stream idle timeout (408 `stream_idle_timeout`) or the client going away; a stream that
   * nothing can wake any more is reported once with a warning.
   */
  waitForContinue(type: StreamType): Promise<Interrupt | undefined> | undefined {
    if (this.earlyContinue.delete(type)) return undefined;
    const pending = this.take();
    if (pending !== undefined) return Promise.resolve(pending);
    const { services, config } = this.vm;
    return new Promise((resolve) => {
      let warned = false;
      const check = () => {
        if (warned || this.waiter === undefined || services.pending > 0 || this.root.tickPeriodMs > 0) return;
        warned = true;
        services.logs.host(LogLevel.Warn, WAITING_SINCE_NOTHING_CAN_WAKE);
      };
      const cancelIdle = config.streamIdleTimeoutMs > 0
        ? services.clock.setTimer(config.streamIdleTimeoutMs, () =>
          settle(envoyLocalReply(this.requestHeaders, 408, "stream timeout", "stream_idle_timeout")))
        : noTimer;
      const settle = (interrupt: Interrupt | undefined) => {
        cancelIdle();
        services.events.off("delivered", check);
        this.waiter = undefined;
        resolve(interrupt);
      };
      this.waiter = { type, settle };
      services.events.on("delivered", check);
      check();
    });
  }

  private interruptWait(): void {
    if (this.waiter !== undefined) this.waiter.settle(this.take());
  }
}
