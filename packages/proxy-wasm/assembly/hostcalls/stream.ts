// Typed host calls: the current stream.
import { proxy_close_stream, proxy_continue_stream, proxy_send_local_response } from "../imports/stream";
import { dataOf, sizeOf, utf8 } from "../memory";
import { Pair, serializePairs } from "../serde/pairs";
import { GrpcStatus, Status, StreamType } from "../types";

/**
 * Answers the current HTTP stream with a local reply (`headers` null: none of the plugin's own). Envoy sends it
 * after the callback returns and ignores that callback's return value. From a root-context callback, call `setEffectiveContext(streamId)` first, or
 * Envoy silently does nothing.
 */
export function sendLocalResponse(
  statusCode: u32,
  details: string,
  body: ArrayBuffer | null,
  headers: Pair[] | null,
  grpcStatus: GrpcStatus = GrpcStatus.InvalidCode,
): Status {
  const d = utf8(details);
  let h: ArrayBuffer | null = null;
  if (headers !== null) h = serializePairs(headers);
  return proxy_send_local_response(
    statusCode, dataOf(d), sizeOf(d), dataOf(body), sizeOf(body), dataOf(h), sizeOf(h), grpcStatus,
  );
}

/** Resumes a paused stream (after the current callback returns). */
export function continueStream(type: StreamType): Status {
  return proxy_continue_stream(type);
}

/** Resets an HTTP stream, or closes a TCP connection. */
export function closeStream(type: StreamType): Status {
  return proxy_close_stream(type);
}
