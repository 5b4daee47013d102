/** Proxy-wasm enumerations with the values cpp-host and Envoy use (ABI 0.2.1 plus Higress's additions). */

/** `proxy_status_t` / cpp-host `WasmResult`: what every host function returns. */
export enum WasmResult {
  Ok = 0,
  NotFound = 1,
  BadArgument = 2,
  SerializationFailure = 3,
  ParseFailure = 4,
  BadExpression = 5,
  InvalidMemoryAccess = 6,
  Empty = 7,
  CasMismatch = 8,
  ResultMismatch = 9,
  InternalFailure = 10,
  BrokenConnection = 11,
  Unimplemented = 12,
}

/** `proxy_buffer_type_t`; `RedisCallResponse` is Higress's. */
export enum BufferType {
  HttpRequestBody = 0,
  HttpResponseBody = 1,
  DownstreamData = 2,
  UpstreamData = 3,
  HttpCallResponseBody = 4,
  GrpcReceiveBuffer = 5,
  VmConfiguration = 6,
  PluginConfiguration = 7,
  CallData = 8,
  RedisCallResponse = 9,
}

/** `proxy_map_type_t`. */
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

/** Highest valid `proxy_map_type_t`. */
export const MAP_TYPE_MAX = MapType.HttpCallResponseTrailers;

/** `proxy_stream_type_t`. */
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

/** Envoy's `FilterHeadersStatus`, what a header callback's raw return becomes. */
export enum FilterHeadersStatus {
  Continue = 0,
  StopIteration = 1,
  ContinueAndEndStream = 2,
  StopAllIterationAndBuffer = 3,
  StopAllIterationAndWatermark = 4,
}

/** Envoy's `FilterDataStatus`, what a body callback's raw return becomes. */
export enum FilterDataStatus {
  Continue = 0,
  StopIterationAndBuffer = 1,
  StopIterationAndWatermark = 2,
  StopIterationNoBuffer = 3,
}

/** Envoy's `FilterTrailersStatus`. */
export enum FilterTrailersStatus {
  Continue = 0,
  StopIteration = 1,
}

/** gRPC status codes used in local replies. */
export enum GrpcStatus {
  Ok = 0,
  Unknown = 2,
  PermissionDenied = 7,
  Unimplemented = 12,
  Internal = 13,
  Unavailable = 14,
  Unauthenticated = 16,
}
