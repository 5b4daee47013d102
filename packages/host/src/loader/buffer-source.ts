/**
 * The bytes as a view over a plain ArrayBuffer, which is what the WebAssembly JS API takes; bytes over a
 * SharedArrayBuffer are copied.
 */
export function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
