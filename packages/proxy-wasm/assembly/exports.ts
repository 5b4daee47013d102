// Every callback of ABI 0.2.1 (plus Higress's `proxy_on_redis_call_response`) and the allocator, exported with
// the exact wasm signatures cpp-host checks. An ABI entry file (abi/v0_2_1.ts, abi/v0_2_100.ts) re-exports this
// module so that the callbacks become exports of the compiled plugin. Each callback first enters its context
// (`enterCallback`: the effective context, and the collector's chance to reclaim earlier garbage).
import "./hooks"; // compiled for the `use` aliases of asconfig.json (abort, trace, seed)
import {
  anyContext, createContext, enterCallback, forgetContext, httpContext, rootContext, streamContext,
} from "./dispatcher";
import { Action, DataStatus, GrpcStatus, HeaderStatus, PeerType, RedisStatus } from "./types";

export { malloc, malloc as proxy_on_memory_allocate } from "./memory";

// VM and plugin lifecycle (root contexts).

/** `(i32 root_context_id, i32 vm_configuration_size) -> i32`: false fails the VM start. */
export function proxy_on_vm_start(rootContextId: u32, vmConfigurationSize: u32): bool {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  return root !== null && root.onVmStart(vmConfigurationSize);
}

/** `(i32 root_context_id, i32 configuration_size) -> i32`. */
export function proxy_validate_configuration(rootContextId: u32, configurationSize: u32): bool {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  return root !== null && root.validateConfiguration(configurationSize);
}

/** `(i32 root_context_id, i32 plugin_configuration_size) -> i32`: false rejects the configuration. */
export function proxy_on_configure(rootContextId: u32, pluginConfigurationSize: u32): bool {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  return root !== null && root.onConfigure(pluginConfigurationSize);
}

/** `(i32 root_context_id) -> ()`. */
export function proxy_on_tick(rootContextId: u32): void {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  if (root !== null) root.onTick();
}

/** `(i32 root_context_id, i32 queue_id) -> ()`. */
export function proxy_on_queue_ready(rootContextId: u32, queueId: u32): void {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  if (root !== null) root.onQueueReady(queueId);
}

/** `(i32 root_context_id, i32 function_id, i32 data_size) -> ()`. */
export function proxy_on_foreign_function(rootContextId: u32, functionId: u32, dataSize: u32): void {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  if (root !== null) root.onForeignFunction(functionId, dataSize);
}

// Contexts of every kind.

/** `(i32 context_id, i32 parent_context_id) -> ()`: parent 0 announces a root context. */
export function proxy_on_context_create(contextId: u32, parentContextId: u32): void {
  enterCallback(contextId);
  createContext(contextId, parentContextId);
}

/** `(i32 context_id) -> i32`. */
export function proxy_on_done(contextId: u32): bool {
  enterCallback(contextId);
  const context = anyContext(contextId);
  return context === null || context.onDone();
}

/** `(i32 context_id) -> ()`. */
export function proxy_on_log(contextId: u32): void {
  enterCallback(contextId);
  const context = anyContext(contextId);
  if (context !== null) context.onLog();
}

/** `(i32 context_id) -> ()`: the context is forgotten afterwards. */
export function proxy_on_delete(contextId: u32): void {
  enterCallback(contextId);
  const context = anyContext(contextId);
  if (context === null) return;
  context.onDelete();
  forgetContext(contextId);
}

// HTTP streams.

/** `(i32 context_id, i32 num_headers, i32 end_of_stream) -> i32`. */
export function proxy_on_request_headers(contextId: u32, numHeaders: u32, endOfStream: bool): HeaderStatus {
  enterCallback(contextId);
  const http = httpContext(contextId);
  return http === null ? HeaderStatus.Continue : http.onRequestHeaders(numHeaders, endOfStream);
}

/** `(i32 context_id, i32 body_size, i32 end_of_stream) -> i32`. */
export function proxy_on_request_body(contextId: u32, bodySize: u32, endOfStream: bool): DataStatus {
  enterCallback(contextId);
  const http = httpContext(contextId);
  return http === null ? DataStatus.Continue : http.onRequestBody(bodySize, endOfStream);
}

/** `(i32 context_id, i32 num_trailers) -> i32`. */
export function proxy_on_request_trailers(contextId: u32, numTrailers: u32): Action {
  enterCallback(contextId);
  const http = httpContext(contextId);
  return http === null ? Action.Continue : http.onRequestTrailers(numTrailers);
}

/** `(i32 context_id, i32 num_elements) -> i32`. */
export function proxy_on_request_metadata(contextId: u32, numElements: u32): Action {
  enterCallback(contextId);
  const http = httpContext(contextId);
  return http === null ? Action.Continue : http.onRequestMetadata(numElements);
}

/** `(i32 context_id, i32 num_headers, i32 end_of_stream) -> i32`. */
export function proxy_on_response_headers(contextId: u32, numHeaders: u32, endOfStream: bool): HeaderStatus {
  enterCallback(contextId);
  const http = httpContext(contextId);
  return http === null ? HeaderStatus.Continue : http.onResponseHeaders(numHeaders, endOfStream);
}

/** `(i32 context_id, i32 body_size, i32 end_of_stream) -> i32`. */
export function proxy_on_response_body(contextId: u32, bodySize: u32, endOfStream: bool): DataStatus {
  enterCallback(contextId);
  const http = httpContext(contextId);
  return http === null ? DataStatus.Continue : http.onResponseBody(bodySize, endOfStream);
}

/** `(i32 context_id, i32 num_trailers) -> i32`. */
export function proxy_on_response_trailers(contextId: u32, numTrailers: u32): Action {
  enterCallback(contextId);
  const http = httpContext(contextId);
  return http === null ? Action.Continue : http.onResponseTrailers(numTrailers);
}

/** `(i32 context_id, i32 num_elements) -> i32`. */
export function proxy_on_response_metadata(contextId: u32, numElements: u32): Action {
  enterCallback(contextId);
  const http = httpContext(contextId);
  return http === null ? Action.Continue : http.onResponseMetadata(numElements);
}

// TCP streams.

/** `(i32 context_id) -> i32`. */
export function proxy_on_new_connection(contextId: u32): Action {
  enterCallback(contextId);
  const stream = streamContext(contextId);
  return stream === null ? Action.Continue : stream.onNewConnection();
}

/** `(i32 context_id, i32 data_size, i32 end_of_stream) -> i32`. */
export function proxy_on_downstream_data(contextId: u32, dataSize: u32, endOfStream: bool): Action {
  enterCallback(contextId);
  const stream = streamContext(contextId);
  return stream === null ? Action.Continue : stream.onDownstreamData(dataSize, endOfStream);
}

/** `(i32 context_id, i32 peer_type) -> ()`. */
export function proxy_on_downstream_connection_close(contextId: u32, peerType: PeerType): void {
  enterCallback(contextId);
  const stream = streamContext(contextId);
  if (stream !== null) stream.onDownstreamConnectionClose(peerType);
}

/** `(i32 context_id, i32 data_size, i32 end_of_stream) -> i32`. */
export function proxy_on_upstream_data(contextId: u32, dataSize: u32, endOfStream: bool): Action {
  enterCallback(contextId);
  const stream = streamContext(contextId);
  return stream === null ? Action.Continue : stream.onUpstreamData(dataSize, endOfStream);
}

/** `(i32 context_id, i32 peer_type) -> ()`. */
export function proxy_on_upstream_connection_close(contextId: u32, peerType: PeerType): void {
  enterCallback(contextId);
  const stream = streamContext(contextId);
  if (stream !== null) stream.onUpstreamConnectionClose(peerType);
}

// Callout answers: always delivered to the root context that made the call.

/** `(i32 root_context_id, i32 token, i32 num_headers, i32 body_size, i32 num_trailers) -> ()`. */
export function proxy_on_http_call_response(
  rootContextId: u32, token: u32, numHeaders: u32, bodySize: u32, numTrailers: u32,
): void {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  if (root !== null) root.onHttpCallResponse(token, numHeaders, bodySize, numTrailers);
}

/** `(i32 root_context_id, i32 token, i32 num_elements) -> ()`. */
export function proxy_on_grpc_receive_initial_metadata(rootContextId: u32, token: u32, numElements: u32): void {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  if (root !== null) root.onGrpcReceiveInitialMetadata(token, numElements);
}

/** `(i32 root_context_id, i32 token, i32 message_size) -> ()`. */
export function proxy_on_grpc_receive(rootContextId: u32, token: u32, messageSize: u32): void {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  if (root !== null) root.onGrpcReceive(token, messageSize);
}

/** `(i32 root_context_id, i32 token, i32 num_elements) -> ()`. */
export function proxy_on_grpc_receive_trailing_metadata(rootContextId: u32, token: u32, numElements: u32): void {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  if (root !== null) root.onGrpcReceiveTrailingMetadata(token, numElements);
}

/** `(i32 root_context_id, i32 token, i32 status_code) -> ()`. */
export function proxy_on_grpc_close(rootContextId: u32, token: u32, statusCode: GrpcStatus): void {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  if (root !== null) root.onGrpcClose(token, statusCode);
}

/** Higress `(i32 root_context_id, i32 token, i32 status, i32 response_size) -> ()`. */
export function proxy_on_redis_call_response(
  rootContextId: u32, token: u32, status: RedisStatus, responseSize: u32,
): void {
  enterCallback(rootContextId);
  const root = rootContext(rootContextId);
  if (root !== null) root.onRedisCallResponse(token, status, responseSize);
}
