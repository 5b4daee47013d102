// Host imports: HTTP and gRPC callouts. They run on the root context, which receives the answer.
import { Status } from "../types";

/** Sends an HTTP request to an Envoy cluster; writes the token (u32) to `return_call_id`. */
@external("env", "proxy_http_call")
export declare function proxy_http_call(
  upstream_data: usize, upstream_size: usize,
  headers_data: usize, headers_size: usize,
  body_data: usize, body_size: usize,
  trailers_data: usize, trailers_size: usize,
  timeout_milliseconds: u32,
  return_call_id: usize,
): Status;

/** Starts a unary gRPC call; writes the token (u32) to `return_call_id`. */
@external("env", "proxy_grpc_call")
export declare function proxy_grpc_call(
  service_data: usize, service_size: usize,
  service_name_data: usize, service_name_size: usize,
  method_name_data: usize, method_name_size: usize,
  initial_metadata_data: usize, initial_metadata_size: usize,
  message_data: usize, message_size: usize,
  timeout_milliseconds: u32,
  return_call_id: usize,
): Status;

/** Opens a gRPC stream; writes the token (u32) to `return_stream_id`. */
@external("env", "proxy_grpc_stream")
export declare function proxy_grpc_stream(
  service_data: usize, service_size: usize,
  service_name_data: usize, service_name_size: usize,
  method_name_data: usize, method_name_size: usize,
  initial_metadata_data: usize, initial_metadata_size: usize,
  return_stream_id: usize,
): Status;

/** Sends a message on a gRPC stream. */
@external("env", "proxy_grpc_send")
export declare function proxy_grpc_send(token: u32, message_data: usize, message_size: usize, end_stream: bool): Status;

/** Cancels a gRPC call or stream. */
@external("env", "proxy_grpc_cancel")
export declare function proxy_grpc_cancel(token: u32): Status;

/** Closes a gRPC call or stream. */
@external("env", "proxy_grpc_close")
export declare function proxy_grpc_close(token: u32): Status;

/** Reads the root context's last callout status: code (u32) and message (host-allocated block). */
@external("env", "proxy_get_status")
export declare function proxy_get_status(
  return_status_code: usize, return_message_data: usize, return_message_size: usize,
): Status;
