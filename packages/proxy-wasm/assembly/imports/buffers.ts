// Host imports: buffers (bodies, TCP data, configuration, callout responses).
import { BufferType, Status } from "../types";

/** Reads up to `max_size` bytes from `start` into a host-allocated block. */
@external("env", "proxy_get_buffer_bytes")
export declare function proxy_get_buffer_bytes(
  buffer_type: BufferType, start: u32, max_size: u32, return_data: usize, return_size: usize,
): Status;

/** Replaces `size` bytes from `start` with the given bytes (see `setBufferBytes` for Envoy's rules). */
@external("env", "proxy_set_buffer_bytes")
export declare function proxy_set_buffer_bytes(
  buffer_type: BufferType, start: u32, size: u32, value_data: usize, value_size: usize,
): Status;

/** Writes the buffer's size (u32) and flags (u32, always 0 in cpp-host). */
@external("env", "proxy_get_buffer_status")
export declare function proxy_get_buffer_status(
  buffer_type: BufferType, return_size: usize, return_flags: usize,
): Status;
