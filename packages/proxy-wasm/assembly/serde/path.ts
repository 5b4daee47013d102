// Property paths: segments joined by NUL, without a trailing NUL (Envoy splits on NUL).

/** Serializes a property path such as `["request", "headers", "user-agent"]` to UTF-8 segments joined by NUL. */
export function serializePropertyPath(path: string[]): ArrayBuffer {
  const count = path.length;
  if (count == 0) return new ArrayBuffer(0);
  let size = count - 1;
  for (let i = 0; i < count; i++) size += String.UTF8.byteLength(unchecked(path[i]));
  const buffer = new ArrayBuffer(size);
  let cursor = changetype<usize>(buffer);
  for (let i = 0; i < count; i++) {
    const segment = unchecked(path[i]);
    cursor += String.UTF8.encodeUnsafe(changetype<usize>(segment), segment.length, cursor);
    cursor += 1; // the separator NUL is already there: a new ArrayBuffer is zeroed
  }
  return buffer;
}
