// Typed host calls: buffers (bodies, TCP data, configuration, callout and Redis responses).
import { proxy_get_buffer_bytes, proxy_get_buffer_status, proxy_set_buffer_bytes } from "../imports/buffers";
import { dataOf, RETURN_DATA, RETURN_SIZE, returnedBytes, returnedU32, sizeOf } from "../memory";
import { BytesResult, Result } from "../result";
import { BufferType, Status } from "../types";

/** Up to `maxSize` bytes from `start` (clamped to the buffer; past the end gives an empty buffer). */
export function getBufferBytes(type: BufferType, start: u32, maxSize: u32): BytesResult {
  return returnedBytes(proxy_get_buffer_bytes(type, start, maxSize, RETURN_DATA, RETURN_SIZE));
}

/**
 * Replaces `size` bytes from `start` with `value`. Envoy on a body: `start` 0 drains `size` bytes then prepends
 * (so `(0, 0)` prepends and `(0, i32.MAX_VALUE)` replaces); `start` at or past the end appends, as with
 * `(i32.MAX_VALUE, 0)`.
 */
export function setBufferBytes(type: BufferType, start: u32, size: u32, value: ArrayBuffer): Status {
  return proxy_set_buffer_bytes(type, start, size, dataOf(value), sizeOf(value));
}

/** The buffer's current size in bytes. */
export function getBufferStatus(type: BufferType): Result<u32> {
  return returnedU32(proxy_get_buffer_status(type, RETURN_DATA, RETURN_SIZE));
}
