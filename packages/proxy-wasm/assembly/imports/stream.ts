// Host imports: the current stream (local reply, resume, reset).
import { Status, StreamType } from "../types";

/** Answers the stream locally; deferred by Envoy until the current callback returns. */
@external("env", "proxy_send_local_response")
export declare function proxy_send_local_response(
  status_code: u32,
  status_code_details_data: usize, status_code_details_size: usize,
  body_data: usize, body_size: usize,
  headers_data: usize, headers_size: usize,
  grpc_status: i32,
): Status;

/** Resumes a paused stream (deferred until the current callback returns). ABI 0.2.x. */
@external("env", "proxy_continue_stream")
export declare function proxy_continue_stream(stream_type: StreamType): Status;

/** Resets an HTTP stream or closes a TCP connection. ABI 0.2.x. */
@external("env", "proxy_close_stream")
export declare function proxy_close_stream(stream_type: StreamType): Status;
