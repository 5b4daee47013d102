/** Header names compared on their bytes, without decoding them to strings. */

/**
 * Whether the header name `key` (raw bytes, as they cross the ABI) equals `name`, ignoring ASCII case.
 * `name` must be ASCII, as header names are.
 */
export function isHeaderName(key: ArrayBuffer, name: string): bool {
  const length = name.length;
  if (key.byteLength != length) return false;
  const bytes = changetype<usize>(key);
  for (let i = 0; i < length; i++) {
    if (lowerAscii(load<u8>(bytes + <usize>i)) != lowerAscii(<u32>name.charCodeAt(i))) return false;
  }
  return true;
}

function lowerAscii(c: u32): u32 {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}
