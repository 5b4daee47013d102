/** @higress-ts/host: a strict local proxy-wasm host for Higress/Envoy plugins. */
export * from "./loader/index.js";
export { PluginHost, headerValue, type HostResponse, type LoadOutcome, type PluginHostOptions, type RequestOptions } from "./plugin-host.js";
export type { BodyInput, CallbackResult, HeadersInput, LocalReplyRecord, ResponseSink, StreamRequest, StreamResult, Upstream, UpstreamRequest, UpstreamResponse } from "./stream/messages.js";
export { LogLevel, LogSink, formatLogRecord, type LogLevelName, type LogRecord } from "./log.js";
export { BufferType, FilterDataStatus, FilterHeadersStatus, FilterTrailersStatus, MapType, MetricType, StreamType, WasmResult } from "./abi/enums.js";
export { parsePairs, serializePairs, type HeaderPairs, type PairsParse } from "./abi/pairs.js";
export { FunctionCallouts, type Callouts, type HttpCallout, type HttpCalloutResult, type HttpClusterHandler, type RedisCallout, type RedisCalloutResult, type RedisClusterHandler, type RedisInit } from "./services/callouts.js";
export { RedisUpstream, parseRedisTarget } from "./services/redis-upstream.js";
export type { ForeignFunction, CalloutLog } from "./services/plugin-services.js";
export { NetworkCallouts } from "./services/network-callouts.js";
export { clusterResolver, type ClusterResolver, type UpstreamCluster, type UpstreamEndpoint } from "./services/upstream-clusters.js";
export type { Metric } from "./services/metrics.js";
export { startGateway, type Gateway, type GatewayOptions } from "./gateway/gateway.js";
export { freePort, startHttpbin, startRedis, type LocalService, type RedisOptions } from "./local-services/index.js";
export { startGatewayFromEnvoyYaml, type EnvoyGateway, type EnvoyGatewayOptions, type EnvoyGatewayStart, type ListenerHandle } from "./gateway/envoy-gateway.js";
export { formatAccessLog, type AccessRecord } from "./gateway/access-log.js";
export { parseEnvoyConfig, EnvoyConfigError, type EnvoyConfig, type EnvoyConfigParse } from "./envoy-config/index.js";
