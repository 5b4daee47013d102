/** What the bench sends through a plugin: requests with their upstream's answer, and the answers of callouts. */

/** Header pairs as given (names lower-case; pseudo-headers first). */
export type Pairs = ReadonlyArray<readonly [string, string]>;

/** The upstream's answer to one request. */
export interface CannedResponse {
  /** Includes `:status`. */
  readonly headers: Pairs;
  /** Body chunks: each one is one `proxy_on_response_body`. */
  readonly body: readonly Uint8Array[];
}

/** One request of a mix. */
export interface BenchRequest {
  /** Includes `:method`, `:path`, `:authority`, `:scheme`. */
  readonly headers: Pairs;
  /** Body chunks: each one is one `proxy_on_request_body`. */
  readonly body: readonly Uint8Array[];
  /** `route_name` (and `xds.route_name`). */
  readonly routeName: string;
  /** What the upstream answers when the request reaches it. */
  readonly response: CannedResponse;
}

/** How a registered HTTP cluster answers a callout. */
export interface HttpCalloutAnswer {
  /** Includes `:status`. */
  readonly headers: Pairs;
  readonly body: Uint8Array;
}

/** How a registered Redis cluster answers a command: the RESP reply to the RESP query. */
export type RedisAnswer = (query: Uint8Array) => Uint8Array;
