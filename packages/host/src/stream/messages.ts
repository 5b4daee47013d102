/** The request, upstream and result shapes of one HTTP stream. */
import type { HeaderPairs } from "../abi/pairs.js";

/** A body as given: text, bytes, a list of chunks, or a stream of chunks (each chunk is one body callback). */
export type BodyInput = string | Uint8Array | ReadonlyArray<string | Uint8Array> | AsyncIterable<Uint8Array>;

/** Headers as pairs (duplicates kept) or as a record. */
export type HeadersInput = HeaderPairs | Readonly<Record<string, string>>;

/** A downstream request. */
export interface StreamRequest {
  readonly method: string;
  readonly path: string;
  /** `:authority`; default `localhost`. */
  readonly authority?: string;
  /** `:scheme`; default `http`. */
  readonly scheme?: string;
  readonly headers?: HeadersInput;
  readonly body?: BodyInput;
  readonly trailers?: HeadersInput;
  /** `route_name` / `xds.route_name` for this request. */
  readonly routeName?: string;
  /** `cluster_name` / `xds.cluster_name` for this request. */
  readonly clusterName?: string;
  /** `x-request-id`; generated when absent, as Envoy's connection manager does. */
  readonly requestId?: string;
  readonly source?: { readonly address: string; readonly port: number };
  readonly destination?: { readonly address: string; readonly port: number };
  /** `request.protocol`; default `HTTP/1.1`. */
  readonly protocol?: string;
}

/** What the upstream received after the plugin's request callbacks. */
export interface UpstreamRequest {
  readonly headers: HeaderPairs;
  readonly body: Uint8Array;
  readonly trailers: HeaderPairs;
  /** Set by Higress `proxy_set_upstream_override_host`. */
  readonly overrideHost: string | undefined;
}

/** What the upstream answers. */
export interface UpstreamResponse {
  readonly status: number;
  readonly headers?: HeadersInput;
  readonly body?: BodyInput;
  readonly trailers?: HeadersInput;
}

/** The upstream of a stream as a function of the whole forwarded request: called once the filter released all of it. */
export type Upstream = (request: UpstreamRequest) => UpstreamResponse | Promise<UpstreamResponse>;

/** The upstream request while it streams, as Envoy's router sends it. */
export interface UpstreamRequestStream {
  readonly headers: HeaderPairs;
  /** The request ended with its headers (Envoy's `end_stream` on `decodeHeaders`): `body` yields nothing. */
  readonly endOfStream: boolean;
  /** Body chunks as the filter releases them; the iteration ends with the request, and throws if it is reset. */
  readonly body: AsyncIterable<Uint8Array>;
  /** The request trailers (empty if none); complete once `body` has ended. */
  trailers(): HeaderPairs;
  /** Set by Higress `proxy_set_upstream_override_host` before the headers went on. */
  readonly overrideHost: string | undefined;
  /** Aborted when the stream resets the upstream request (a local reply or a reset after it started). */
  readonly signal: AbortSignal;
}

/**
 * An upstream that receives the request as Envoy's router forwards it: `start` runs when the request headers pass
 * the filter, and the body streams in as the filter lets it through (the gateways' router and filter chain).
 */
export interface StreamingUpstream {
  start(request: UpstreamRequestStream): UpstreamResponse | Promise<UpstreamResponse>;
}

/** Receives the response as it goes downstream: headers once the filter releases them, then body chunks. */
export interface ResponseSink {
  headers(headers: HeaderPairs): void;
  data(chunk: Uint8Array): void;
}

/** One plugin callback and how Envoy read its return value. */
export interface CallbackResult {
  readonly callback: string;
  /** The raw i32 the module returned (undefined for void callbacks). */
  readonly raw: number | undefined;
  /** Envoy's filter status name after conversion (e.g. `StopAllIterationAndWatermark`), if any. */
  readonly status?: string;
}

/** The local reply a stream answered with. */
export interface LocalReplyRecord {
  readonly status: number;
  readonly details: string;
  readonly body: Uint8Array;
  /** Headers after Envoy's synthesis. */
  readonly headers: HeaderPairs;
  /** `plugin` when the plugin sent it, `envoy` for Envoy's own (413, 500, 503 wasm_fail_stream, 408). */
  readonly source: "plugin" | "envoy";
}

/** How a stream ended downstream. */
export interface StreamResult {
  readonly status: number;
  readonly headers: HeaderPairs;
  readonly body: Uint8Array;
  readonly trailers: HeaderPairs;
  /** `response.code_details` (`via_upstream`, the local reply's details, …). */
  readonly details: string;
  readonly localReply: LocalReplyRecord | undefined;
  /** Set when the stream was reset instead of answered (e.g. `wasm_close_stream`). */
  readonly reset: string | undefined;
  /** What the upstream received; undefined when the request never reached it (answered or reset before). */
  readonly upstreamRequest: UpstreamRequest | undefined;
  readonly callbackResults: CallbackResult[];
  /** What the plugin wrote with `proxy_set_property` (Envoy filter state `wasm.<name>`), by `\0`-joined path. */
  readonly properties: ReadonlyMap<string, Uint8Array>;
  /** Objects the plugin set with the foreign function `set_envoy_filter_state`, by filter-state key. */
  readonly envoyFilterState: ReadonlyMap<string, string>;
  /** Envoy's flow control: how often a watermark buffer above the limit paused reading the peer, and reading resumed. */
  readonly flowControl: FlowControl;
}

/** Read-disable counts, named after Envoy's `downstream_flow_control_*` / `upstream_flow_control_*` stats. */
export interface FlowControl {
  /** The request body's buffer went above the limit in watermark mode: the downstream stopped being read. */
  readonly downstreamPausedReading: number;
  readonly downstreamResumedReading: number;
  /** The same for the response body and the upstream. */
  readonly upstreamPausedReading: number;
  readonly upstreamResumedReading: number;
}
