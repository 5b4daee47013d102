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

  /**
   * A callout (HTTP, Redis) was just made on behalf of this context; its answer comes in a later callback. A
   * context that must keep for that answer what the host lets it read only now overrides this.
   */
  calloutDispatched(): void {}
}

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
