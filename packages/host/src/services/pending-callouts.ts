/**
 * Callouts waiting for their answer. Every accepted HTTP, Redis or gRPC callout is pending until its cluster
 * answers it, or a test answers, fails or times it out by hand (Higress TestHost's `CallOnHttpCall` /
 * `CallOnRedisCall`), or its timeout passes on the host's clock; whichever comes first is delivered to the root
 * context, the others are ignored. A gRPC stream stays pending, taking any number of deliveries, until it closes.
 */
import { GrpcStatus } from "../abi/enums.js";
import type { HeaderPairs } from "../abi/pairs.js";
import type { GrpcCallout, HttpCallout, HttpCalloutResult, RedisCallout, RedisCalloutResult } from "./callouts.js";
import { noTimer } from "./clock.js";
import { routerReply } from "./http-upstream.js";
import type { PluginServices } from "./plugin-services.js";

/** A pending callout of any kind. */
export type PendingCallout = PendingHttpCallout | PendingRedisCallout | PendingGrpcCall | PendingGrpcStream;

/** What the async client's router says when a callout's timeout passes before an answer. */
const TIMEOUT_TEXT = "upstream request timeout";

/** What every kind shares: the callout as dispatched, a place in the host's list and in its count of pending work. */
abstract class Outstanding<Callout> {
  private finished = false;

  constructor(
    /** The callout as the plugin dispatched it. */
    readonly callout: Callout,
    protected readonly services: PluginServices,
  ) {
    services.pending++;
    services.pendingCallouts.push(this as unknown as PendingCallout);
  }

  /** Whether it still waits for deliveries. */
  get open(): boolean {
    return !this.finished;
  }

  /** Leaves the list for good, running `last` (the final delivery) if given; false if it had left already. */
  protected finish(last?: () => void): boolean {
    if (this.finished) return false;
    this.finished = true;
    const list = this.services.pendingCallouts;
    list.splice(list.indexOf(this as unknown as PendingCallout), 1);
    if (last === undefined) this.services.pending--;
    else this.services.settle(last);
    return true;
  }
}

/** A callout with exactly one answer, and a timeout the host keeps on its clock (0: none, or the network keeps it). */
abstract class Pending<Callout, Result> extends Outstanding<Callout> {
  private cancelTimeout = noTimer;

  constructor(callout: Callout, services: PluginServices, private readonly deliver: (result: Result) => void, timeoutMs = 0) {
    super(callout, services);
    if (timeoutMs > 0) this.cancelTimeout = services.clock.setTimer(timeoutMs, () => this.timeOut());
  }

  /** Answers as Envoy does when the callout's timeout passes first. */
  abstract timeOut(): boolean;

  /** Delivers `result` to the plugin now, unless the callout was answered already; whether it delivered. */
  answer(result: Result): boolean {
    this.cancelTimeout();
    return this.finish(() => this.deliver(result));
  }

  /** Ends it without any callback (the plugin cancelled it). */
  protected drop(): boolean {
    this.cancelTimeout();
    return this.finish();
  }
}

/** A pending `proxy_http_call`. */
export class PendingHttpCallout extends Pending<HttpCallout, HttpCalloutResult> {
  readonly kind = "http";

  /** Answers with a response (`:status` among the headers), as `proxy_on_http_call_response` receives it. */
  respond(headers: HeaderPairs, body?: Uint8Array | string, trailers?: HeaderPairs): boolean {
    return this.answer({ headers, body, trailers });
  }

  /** Fails it as a reset: the callback gets `(0, 0, 0)` and `proxy_get_status` = 11 "reset". */
  fail(): boolean {
    return this.answer({ reset: true });
  }

  /** Its timeout passes before any response: Envoy's router answers 504 `upstream request timeout`. */
  timeOut(): boolean {
    return this.answer(routerReply(504, TIMEOUT_TEXT));
  }
}

/** A pending Higress `proxy_redis_call`. */
export class PendingRedisCallout extends Pending<RedisCallout, RedisCalloutResult> {
  readonly kind = "redis";

  /** Answers with a raw RESP reply (`RedisStatus` Ok). */
  respond(reply: Uint8Array | string): boolean {
    return this.answer({ status: 0, response: reply });
  }

  /** Fails it with `RedisStatus` NetworkError (1). */
  fail(): boolean {
    return this.answer({ status: 1 });
  }

  /** The client's operation timeout (`proxy_redis_init`) passes: Higress fails the command with NetworkError. */
  timeOut(): boolean {
    return this.fail();
  }
}

/** How a gRPC call ends: its response message, or a close with a non-OK status and message. */
export type GrpcCallResult = { readonly message: Uint8Array } | { readonly status: number; readonly statusMessage: string };

/**
 * A pending `proxy_grpc_call` (unary). As Envoy's `GrpcCallClientHandler`: success delivers only
 * `proxy_on_grpc_receive` (buffer 5); failure only `proxy_on_grpc_close` with the status (message via
 * `proxy_get_status`). A unary call gets no metadata callbacks.
 */
export class PendingGrpcCall extends Pending<GrpcCallout, GrpcCallResult> {
  readonly kind = "grpc-call";

  /** Answers with the response message. */
  respond(message: Uint8Array | string): boolean {
    return this.answer({ message: typeof message === "string" ? new TextEncoder().encode(message) : message });
  }

  /**
   * Ends it with a gRPC status (e.g. 14 Unavailable) and message. A unary call that ends OK without a response
   * message is 13 INTERNAL with no message, as Envoy's async request reports it.
   */
  close(status: number, message = ""): boolean {
    if (status === GrpcStatus.Ok) return this.answer({ status: GrpcStatus.Internal, statusMessage: "" });
    return this.answer({ status, statusMessage: message });
  }

  /**
   * Its timeout passes: the async client's router answers 504 `upstream request timeout`, which reaches a gRPC
   * caller as `grpc-status` 14 (Envoy `httpToGrpcStatus(504)`) with that text.
   */
  timeOut(): boolean {
    return this.close(GrpcStatus.Unavailable, TIMEOUT_TEXT);
  }

  /** The plugin cancelled or closed it (`proxy_grpc_cancel` / `proxy_grpc_close`): no callback follows. */
  cancel(): boolean {
    return this.drop();
  }
}

/** One delivery on a gRPC stream, as Envoy's `GrpcStreamClientHandler` receives them. */
export type GrpcStreamEvent =
  | { readonly type: "initial-metadata"; readonly metadata: HeaderPairs }
  | { readonly type: "message"; readonly message: Uint8Array }
  | { readonly type: "trailing-metadata"; readonly metadata: HeaderPairs }
  | { readonly type: "close"; readonly status: number; readonly statusMessage: string };

/**
 * A pending `proxy_grpc_stream`. The test plays the server: initial metadata, messages, trailing metadata, then a
 * close with a status, each delivered on the root context at once. `sent` holds what the plugin sent
 * (`proxy_grpc_send`); `localClosed` says it half-closed its side with `proxy_grpc_close`.
 */
export class PendingGrpcStream extends Outstanding<GrpcCallout> {
  readonly kind = "grpc-stream";
  /** The messages the plugin sent (`proxy_grpc_send`), in order, each with its end_stream flag. */
  readonly sent: Array<{ readonly message: Uint8Array; readonly endStream: boolean }> = [];
  /** The plugin half-closed the stream: it sends no more, but still receives until the server closes. */
  localClosed = false;

  constructor(callout: GrpcCallout, services: PluginServices, private readonly deliver: (event: GrpcStreamEvent) => void) {
    super(callout, services);
  }

  /** Sends the server's initial metadata (`proxy_on_grpc_receive_initial_metadata`, map 4). */
  initialMetadata(metadata: HeaderPairs): boolean {
    return this.receive({ type: "initial-metadata", metadata });
  }

  /** Sends one message (`proxy_on_grpc_receive`, buffer 5). */
  message(message: Uint8Array | string): boolean {
    return this.receive({ type: "message", message: typeof message === "string" ? new TextEncoder().encode(message) : message });
  }

  /** Sends the trailing metadata (`proxy_on_grpc_receive_trailing_metadata`, map 5). */
  trailingMetadata(metadata: HeaderPairs): boolean {
    return this.receive({ type: "trailing-metadata", metadata });
  }

  /** The server closes the stream with a gRPC status and message (`proxy_on_grpc_close`); nothing follows. */
  close(status: number, message = ""): boolean {
    const event: GrpcStreamEvent = { type: "close", status, statusMessage: message };
    return this.finish(() => this.deliver(event));
  }

  /** The plugin reset the stream (`proxy_grpc_cancel`): no callback follows. */
  cancel(): boolean {
    return this.finish();
  }

  private receive(event: GrpcStreamEvent): boolean {
    if (!this.open) return false;
    this.services.deliver(() => this.deliver(event));
    return true;
  }
}
