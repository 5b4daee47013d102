// The part every context shares: its id and the end of its life.

/** A context the host created with `proxy_on_context_create`; `id` is the host's context id. */
export class Context {
  constructor(public readonly id: u32) {}

  /**
   * The host is done with this context. For a root context, returning false defers deletion until `done()`
   * is called; Envoy ignores the value for stream contexts.
   */
  onDone(): bool {
    return true;
  }

  /** Access-log time: Envoy calls it before `onDone` for HTTP streams, after it for TCP connections. */
  onLog(): void {}

  /** Last call: the dispatcher forgets the context afterwards. */
  onDelete(): void {}
}

/**
 * The context id of `value` when it is a proxy-wasm `Context` (typically the request's `HttpContext`), else 0. A
 * callout made on behalf of a stream answers on the root context; this is the id to make effective again then.
 */
export function contextIdOf<T>(value: T): u32 {
  if (isReference<T>()) {
    if (value instanceof Context) return changetype<Context>(value).id;
  }
  return 0;
}
