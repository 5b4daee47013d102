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
