/** A filter's body buffer and Envoy's `Buffer::copyFrom` rules for `proxy_set_buffer_bytes`. */
import { WasmResult } from "../abi/enums.js";
import type { BufferAccess } from "../context/context.js";

/** Joins byte chunks. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let pos = 0;
  for (const chunk of chunks) {
    out.set(chunk, pos);
    pos += chunk.length;
  }
  return out;
}

/** The bytes a direction holds back (buffered or the current chunk), visible to its body callback. */
export class BodyBuffer {
  bytes: Uint8Array = new Uint8Array(0);
  /** True only while this direction's body callback runs (outside it the body reads as empty and is immutable). */
  inCallback = false;

  /** Appends a chunk. */
  append(chunk: Uint8Array): void {
    this.bytes = this.bytes.length === 0 ? chunk : concatBytes([this.bytes, chunk]);
  }

  /** Takes everything held, leaving the buffer empty. */
  take(): Uint8Array {
    const bytes = this.bytes;
    this.bytes = new Uint8Array(0);
    return bytes;
  }

  /** The access host functions get: the whole buffer in the callback, an empty immutable buffer outside. */
  access(): BufferAccess {
    if (!this.inCallback) return { bytes: () => new Uint8Array(0) };
    return {
      bytes: () => this.bytes,
      set: (start, size, value) => {
        const length = this.bytes.length;
        if (start === 0) {
          this.bytes = concatBytes([value, this.bytes.subarray(Math.min(size, length))]);
        } else if (start >= length) {
          this.bytes = concatBytes([this.bytes, value]);
        } else {
          return WasmResult.BadArgument;
        }
        return WasmResult.Ok;
      },
    };
  }
}
