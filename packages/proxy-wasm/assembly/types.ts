// The numbers of the proxy-wasm ABI 0.2.1 and of Higress's 0.2.100 extension, with the names the host uses.

/** `proxy_status_t` / cpp-host `WasmResult`: what every host call returns. */
export enum Status {
  Ok = 0,
  NotFound = 1,
  BadArgument = 2,
  SerializationFailure = 3,
  ParseFailure = 4,
  /** Host-only (`BadExpression`). */
  BadExpression = 5,
  InvalidMemoryAccess = 6,
  Empty = 7,
  CasMismatch = 8,
  /** Host-only (`ResultMismatch`). */
  ResultMismatch = 9,
  InternalFailure = 10,
  /** Host-only; Envoy reports it through `proxy_get_status` after a failed HTTP callout. */
  BrokenConnection = 11,
  Unimplemented = 12,
}

/** `proxy_log_level_t`. Envoy's `proxy_get_log_level` may also answer 6 (spdlog "off"). */
export enum LogLevel {
  Trace = 0,
  Debug = 1,
  Info = 2,
  Warn = 3,
  Error = 4,
  Critical = 5,
}

/**
 * ABI 0.2.1 `proxy_action_t`: what trailer, metadata and TCP callbacks return, and what header and body
 * callbacks return under 0.2.1. For header callbacks Envoy turns `Pause` into StopAllIterationAndWatermark.
 */
export enum Action {
  Continue = 0,
  Pause = 1,
}

/**
 * Envoy's `FilterHeadersStatus`, returned by `onRequestHeaders` / `onResponseHeaders`. For a 0.2.1 module the
 * host rewrites StopIteration (= `Action.Pause`) to StopAllIterationAndWatermark and passes the other values on;
 * a module built for Higress's ABI 0.2.100 has every value honoured as written.
 */
export enum HeaderStatus {
  /** This filter is done with the headers: hand them to the next filter. Same as `Action.Continue`. */
  Continue = 0,
  /**
   * Hold the headers but keep reading the body, so the body callbacks can still edit the headers; the headers
   * go on together with the body. Needs a body: without one the stream hangs (0.2.100 only).
   */
  StopIteration = 1,
  /** Pass the headers on with end_stream = false, so this filter can still add a body (upstream Envoy: Continue). */
  ContinueAndEndStream = 2,
  /**
   * Stop everything: no body callbacks here, headers, body and trailers are buffered for this and later
   * filters; over the buffer limit Envoy answers 413 (request) or 500 (response). Resume with
   * `continueStream` or answer with `sendLocalResponse`.
   */
  StopAllIterationAndBuffer = 3,
  /**
   * As StopAllIterationAndBuffer, but over the buffer limit Envoy applies flow control (stops reading) instead
   * of failing. This is what a 0.2.1 `Action.Pause` from a header callback becomes.
   */
  StopAllIterationAndWatermark = 4,
}

/** Envoy's `FilterDataStatus`, returned by `onRequestBody` / `onResponseBody`. */
export enum DataStatus {
  /** Forward the data (and everything buffered before it). */
  Continue = 0,
  /** Keep this chunk and buffer the next ones; the next callback sees the cumulative body. Same as `Action.Pause`. */
  StopIterationAndBuffer = 1,
  /** As StopIterationAndBuffer, with flow control instead of a 413/500 over the buffer limit. */
  StopIterationAndWatermark = 2,
  /** Hold this chunk without buffering it (the data can be re-injected later). */
  StopIterationNoBuffer = 3,
}

/** `proxy_buffer_type_t` / `WasmBufferType`; `RedisCallResponse` is Higress's. */
export enum BufferType {
  HttpRequestBody = 0,
  HttpResponseBody = 1,
  DownstreamData = 2,
  UpstreamData = 3,
  HttpCallResponseBody = 4,
  GrpcReceiveBuffer = 5,
  VmConfiguration = 6,
  PluginConfiguration = 7,
  /** Arguments of `proxy_on_foreign_function` (host name `CallData`). */
  CallData = 8,
  /** Higress: the raw RESP reply during `proxy_on_redis_call_response`. */
  RedisCallResponse = 9,
}

/** `proxy_map_type_t` / `WasmHeaderMapType`. */
export enum MapType {
  HttpRequestHeaders = 0,
  HttpRequestTrailers = 1,
  HttpResponseHeaders = 2,
  HttpResponseTrailers = 3,
  GrpcReceiveInitialMetadata = 4,
  GrpcReceiveTrailingMetadata = 5,
  HttpCallResponseHeaders = 6,
  HttpCallResponseTrailers = 7,
}

/** `proxy_stream_type_t`: the stream `continueStream` / `closeStream` act on. */
export enum StreamType {
  HttpRequest = 0,
  HttpResponse = 1,
  Downstream = 2,
  Upstream = 3,
}

/** `proxy_metric_type_t`. */
export enum MetricType {
  Counter = 0,
  Gauge = 1,
  Histogram = 2,
}

/** `proxy_peer_type_t` / cpp-host `CloseType`: who closed a TCP connection. */
export enum PeerType {
  Unknown = 0,
  /** Closed by the proxy. */
  Local = 1,
  /** Closed by the peer. */
  Remote = 2,
}

/** gRPC status codes; `InvalidCode` (-1) means "no gRPC status" in `sendLocalResponse`. */
export enum GrpcStatus {
  Ok = 0,
  Canceled = 1,
  Unknown = 2,
  InvalidArgument = 3,
  DeadlineExceeded = 4,
  NotFound = 5,
  AlreadyExists = 6,
  PermissionDenied = 7,
  ResourceExhausted = 8,
  FailedPrecondition = 9,
  Aborted = 10,
  OutOfRange = 11,
  Unimplemented = 12,
  Internal = 13,
  Unavailable = 14,
  DataLoss = 15,
  Unauthenticated = 16,
  InvalidCode = -1,
}

/** Higress `RedisStatus`: the `status` argument of `proxy_on_redis_call_response`. */
export enum RedisStatus {
  Ok = 0,
  NetworkError = 1,
}
