// Redis calls waiting for their reply, by token. AssemblyScript has no closures: a call carries a plain function
// and a context object instead, and both wait here until the host answers on the root context.
import {
  calloutOrigin, redisCall, RedisStatus, setEffectiveContext, Status, takeCallout,
} from "@higress-ts/proxy-wasm/assembly";
import { RespValue } from "@higress-ts/resp/assembly/index";
import { log } from "../log";
import { isNoAuth, readRedisReply } from "./reply";

/**
 * Receives the reply of a Redis call together with the context object given with the call (the request's
 * context, the plugin config, any state). Must be a plain function: it cannot capture locals.
 */
export type RedisResponseCallback<C> = (response: RespValue, context: C) => void;

/** What a call answered `NOAUTH` may do before its callback runs: set the client up again (Go's `checkReadyFunc`). */
export interface NoAuthRetry {
  /** Re-runs the client's init; true when the host accepted it and the call may be sent once more. */
  reinit(): bool;
}

/** A call waiting for its reply. */
export abstract class PendingRedisCall {
  /** Hands the reply of `proxy_on_redis_call_response` to the caller's callback. */
  abstract answer(status: RedisStatus, responseSize: u32): void;
}

/** A pending call that delivers to a `RedisResponseCallback<C>` with its context object. */
class PendingRedisCallback<C> extends PendingRedisCall {
  constructor(
    /** The context that made the call (a stream's id, or 0 when made outside any stream). */
    private origin: u32,
    private clusterName: string,
    private query: ArrayBuffer,
    private callback: RedisResponseCallback<C>,
    private context: C,
    private retry: NoAuthRetry | null,
  ) {
    super();
  }

  answer(status: RedisStatus, responseSize: u32): void {
    // The reply is readable only now, and through the root context: read it before switching.
    const reply = readRedisReply(status, responseSize);
    const retry = this.retry;
    if (retry !== null && isNoAuth(reply) && retry.reinit()) {
      const sent = dispatchRedisCall<C>(this.clusterName, this.query, this.callback, this.context, null);
      if (sent === null) return; // the retry's reply reaches the callback
    }
    const origin = this.origin;
    if (origin != 0 && setEffectiveContext(origin) != Status.Ok) return; // the stream is gone: dropped, as in Go
    if (status != RedisStatus.Ok) {
      log.critical("Error occurred while calling redis, it seems cannot connect to the redis cluster.");
    }
    const callback = this.callback;
    callback(reply, this.context);
  }
}

/**
 * Pending calls of this VM by token (tokens are unique per VM). Delivery is installed with the table, by the
 * first call, so plugins that make none link neither.
 */
let pendingCalls: Map<u32, PendingRedisCall> | null = null;
let takeCall: ((token: u32) => PendingRedisCall | null) | null = null;

/**
 * Sends a raw RESP `query` to the cluster and keeps `callback` and `context` until its reply arrives. `retry`,
 * when given, is asked once to set the client up again if Redis answers `NOAUTH`. Null when sent; otherwise the
 * host's refusal, logged and returned (the callback never runs).
 */
export function dispatchRedisCall<C>(
  clusterName: string,
  query: ArrayBuffer,
  callback: RedisResponseCallback<C>,
  context: C,
  retry: NoAuthRetry | null,
): Error | null {
  const sent = redisCall(clusterName, query);
  if (!sent.ok) {
    const error = new Error("redis call to cluster \"" + clusterName + "\" failed: " + refusal(sent.status));
    log.critical("redis call failed, error: " + error.message);
    return error;
  }
  let calls = pendingCalls;
  if (calls === null) {
    pendingCalls = calls = new Map<u32, PendingRedisCall>();
    takeCall = (token: u32): PendingRedisCall | null => takeCallout<PendingRedisCall>(pendingCalls!, token);
  }
  const origin = calloutOrigin<C>(context);
  calls.set(sent.value, new PendingRedisCallback<C>(origin, clusterName, query, callback, context, retry));
  return null;
}

/** Removes and returns the pending call of `token`, or null when it is not one of ours. */
export function takePendingRedisCall(token: u32): PendingRedisCall | null {
  const take = takeCall;
  return take === null ? null : take(token);
}

/** Why the host refused a call, in the reader's terms. */
function refusal(status: Status): string {
  if (status == Status.BadArgument) return "bad argument (no such cluster, or not initialised?)";
  return "status " + (<i32>status).toString();
}
