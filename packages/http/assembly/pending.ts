/**
 * Calls waiting for their response, by token. AssemblyScript has no closures, so a callback cannot capture the
 * request it serves: the caller hands over a plain function and a context object instead, and both wait here
 * until the host answers on the root context.
 */
import { setEffectiveContext, Status, takeCallout } from "@higress-ts/proxy-wasm/assembly";
import { HttpResponse } from "./response";

/**
 * Receives the response of an http call together with the context object given when the call was made
 * (the request's context, the plugin config, any state). Must be a plain function: it cannot capture locals.
 */
export type ResponseCallback<C> = (response: HttpResponse, context: C) => void;

/**
 * A call waiting for its response. Abstract so that only plugins making http calls link the reading and the
 * delivery of answers.
 */
export abstract class PendingHttpCall {
  /** Reads the answer to call `token` and runs the caller's callback with it (see `deliverHttpCallResponse`). */
  abstract answer(token: u32, numHeaders: u32, bodySize: u32): void;
}

/** A pending call that delivers to a `ResponseCallback<C>` with its context object, in the stream that made it. */
class PendingCallback<C> extends PendingHttpCall {
  constructor(
    /** The context that made the call (a stream's id, or the root's when made outside any stream). */
    private contextId: u32,
    private callback: ResponseCallback<C>,
    private context: C,
  ) {
    super();
  }

  answer(token: u32, numHeaders: u32, bodySize: u32): void {
    // The answer is readable only now, and through the root context: read it before switching.
    const response = HttpResponse.read(token, numHeaders, bodySize);
    if (this.contextId != 0 && setEffectiveContext(this.contextId) != Status.Ok) return; // the stream is gone
    const callback = this.callback;
    callback(response, this.context);
  }
}

/**
 * Pending calls of this VM by token (tokens are unique per VM). Delivery is installed with the table, by the
 * first call, so plugins that make none link neither.
 */
let pendingCalls: Map<u32, PendingHttpCall> | null = null;
let takeCall: ((token: u32) => PendingHttpCall | null) | null = null;

/** Keeps `callback` and `context` until the response to call `token`, made by context `contextId`, arrives. */
export function awaitHttpCallResponse<C>(token: u32, contextId: u32, callback: ResponseCallback<C>, context: C): void {
  let calls = pendingCalls;
  if (calls === null) {
    pendingCalls = calls = new Map<u32, PendingHttpCall>();
    takeCall = (token: u32): PendingHttpCall | null => takeCallout<PendingHttpCall>(pendingCalls!, token);
  }
  calls.set(token, new PendingCallback<C>(contextId, callback, context));
}

/** Removes and returns the pending call of `token`, or null when it is not one of ours. */
export function takePendingHttpCall(token: u32): PendingHttpCall | null {
  const take = takeCall;
  return take === null ? null : take(token);
}
