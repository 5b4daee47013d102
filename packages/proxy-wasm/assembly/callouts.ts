// What the clients of callouts (HTTP, Redis) share: where an answer goes back to, and the table of calls waiting.
import { Context } from "./contexts/context";

/**
 * The context a callout made on behalf of `value` answers to: its id when `value` is a proxy-wasm `Context`
 * (typically the request's `HttpContext`), told of the callout (`calloutDispatched`), else 0. The host answers
 * on the root context; this is the id to make effective again then.
 */
export function calloutOrigin<T>(value: T): u32 {
  if (isReference<T>()) {
    if (value instanceof Context) {
      const context = changetype<Context>(value);
      context.calloutDispatched();
      return context.id;
    }
  }
  return 0;
}

/** Removes and returns the call waiting under `token` in `calls`, or null when there is none. */
export function takeCallout<T>(calls: Map<u32, T>, token: u32): T | null {
  if (!calls.has(token)) return null;
  const call = calls.get(token);
  calls.delete(token);
  return call;
}
