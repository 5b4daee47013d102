/**
 * Strict mode: what Envoy would reject or silently ignore, recorded as a violation so a plugin test can fail on
 * it instead of passing against a host that forgave the plugin.
 */

/** What kind of mistake a violation is. */
export type ViolationKind =
  /** A header-pairs buffer cpp-host's `PairsUtil::toPairs` reads as empty. */
  | "malformed_pairs"
  /** `proxy_send_local_response` / `proxy_continue_stream` / `proxy_close_stream` without a stream (Envoy: OK, nothing happens). */
  | "no_stream"
  /** `proxy_continue_stream` on a direction that is not paused (Envoy asserts in debug builds). */
  | "continue_without_pause"
  /** A second local reply on a stream that already has one (Envoy ignores it). */
  | "second_local_reply"
  /** A header map or buffer used outside the window in which Envoy exposes it. */
  | "outside_availability_window"
  /** An import called while cpp-host restricts host calls (`restricted_callback`). */
  | "restricted_hostcall"
  /** A call Envoy accepts with no effect (e.g. `declare_property` on a stream context). */
  | "ignored_by_envoy"
  /** Something Envoy supports that the local host does not, so the result would differ from Envoy's. */
  | "unsupported_by_local_host";

/** One violation: its kind and Envoy's view of it. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
}

/** Thrown (as a rejection) by a strict `PluginHost.request` when its stream, or anything while it ran, violated. */
export class StrictModeError extends Error {
  constructor(
    /** What was violated, in order. */
    readonly violations: readonly Violation[],
    /** The outcome the stream had anyway, for inspection. */
    readonly response?: unknown,
  ) {
    super(`strict mode: ${violations.map((v) => `[${v.kind}] ${v.message}`).join("; ")}`);
    this.name = "StrictModeError";
  }
}
