/**
 * Calls waiting for their response, by token. AssemblyScript has no closures, so a callback cannot capture the
 * request it serves: the caller hands over a plain function and a context object instead, and both wait here
 * until the host answers on the root context.
 */
import { HttpResponse } from "./response";

/**
 * Receives the response of an http call together with the context object given when the call was made
 * (the request's context, the plugin config, any state). Must be a plain function: it cannot capture locals.
 */
export type ResponseCallback<C> = (response: HttpResponse, context: C) => void;

/** A call waiting for its response: the stream that made it, and how to hand the response over. */
export abstract class PendingHttpCall {
  constructor(
    /** The context that made the call (a stream's id, or the root's when made outside any stream). */
    public readonly contextId: u32,
  ) {}

  /** Runs the caller's callback with the response. */
  abstract deliver(response: HttpResponse): void;
}

/** A pending call that delivers to a `ResponseCallback<C>` with its context object. */
class PendingCallback<C> extends PendingHttpCall {
  constructor(contextId: u32, private callback: ResponseCallback<C>, private context: C) {
    super(contextId);
  }

  deliver(response: HttpResponse): void {
    const callback = this.callback;
    callback(response, this.context);
  }
}

/** Pending calls of this VM by token (tokens are unique per VM). */
@lazy const pendingCalls = new Map<u32, PendingHttpCall>();

/** Keeps `callback` and `context` until the response to call `token`, made by context `contextId`, arrives. */
export function awaitHttpCallResponse<C>(token: u32, contextId: u32, callback: ResponseCallback<C>, context: C): void {
  pendingCalls.set(token, new PendingCallback<C>(contextId, callback, context));
}

/** Removes and returns the pending call of `token`, or null when it is not one of ours. */
export function takePendingHttpCall(token: u32): PendingHttpCall | null {
  if (!pendingCalls.has(token)) return null;
  const call = pendingCalls.get(token);
  pendingCalls.delete(token);
  return call;
}

/** The number of calls still waiting for a response. */
export function pendingHttpCallCount(): i32 {
  return pendingCalls.size;
}
