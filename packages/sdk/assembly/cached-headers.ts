// The headers the SDK keeps for the rest of a stream (Go caches them in `OnHttpRequestHeaders`): read from one
// `proxy_get_header_map_pairs`, matched on bytes, kept as bytes until someone asks for a string.
import { getHeaderMapPairs, MapType, Pair } from "@higress-ts/proxy-wasm/assembly";

/** Index of each cached header; the response side keeps only the first `RESPONSE_HEADER_COUNT`. */
export const enum CachedHeader {
  ContentType = 0,
  ContentEncoding = 1,
  Connection = 2,
  Upgrade = 3,
  Scheme = 4,
  Authority = 5,
  Path = 6,
  Method = 7,
  RequestId = 8,
}

/** How many headers the request side caches. */
export const REQUEST_HEADER_COUNT = 9;
/** How many headers the response side caches (`content-type`, `content-encoding`). */
export const RESPONSE_HEADER_COUNT = 2;

// @ts-ignore: decorator
@lazy const NAMES: StaticArray<string> = [
  "content-type", "content-encoding", "connection", "upgrade", ":scheme", ":authority", ":path", ":method",
  "x-request-id",
];

/**
 * The first value of each of the first `count` cached headers in `headers` (null where absent). Envoy gives
 * header names in lower case, so names are compared byte for byte.
 */
export function pickCachedHeaders(headers: Pair[], count: i32): StaticArray<ArrayBuffer | null> {
  const values = new StaticArray<ArrayBuffer | null>(count);
  for (let i = 0; i < headers.length; i++) {
    const header = unchecked(headers[i]);
    for (let j = 0; j < count; j++) {
      if (unchecked(values[j]) === null && equalsAscii(header.key, unchecked(NAMES[j]))) {
        unchecked((values[j] = header.value));
        break;
      }
    }
  }
  return values;
}

/** The first `count` cached headers of header map `map`, read with one host call; all null when unreadable. */
export function readCachedHeaders(map: MapType, count: i32): StaticArray<ArrayBuffer | null> {
  const headers = getHeaderMapPairs(map).value;
  return pickCachedHeaders(headers === null ? [] : headers, count);
}

/** Whether the bytes `value` are the ASCII text `text`. */
export function equalsAscii(value: ArrayBuffer, text: string): bool {
  const size = value.byteLength;
  if (size != text.length) return false;
  const data = changetype<usize>(value);
  for (let i = 0; i < size; i++) {
    if (<i32>load<u8>(data + i) != text.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether `value` equals the lower-case ASCII `lower`, ignoring ASCII case (Go `strings.EqualFold` for ASCII). */
export function equalsIgnoringCase(value: ArrayBuffer | null, lower: string): bool {
  if (value === null || value.byteLength != lower.length) return false;
  const data = changetype<usize>(value);
  for (let i = 0; i < lower.length; i++) {
    const c = <i32>load<u8>(data + i);
    if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) != lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether `value` contains the ASCII `part` (Go `strings.Contains`). */
export function containsAscii(value: ArrayBuffer | null, part: string): bool {
  if (value === null) return false;
  const data = changetype<usize>(value);
  const last = value.byteLength - part.length;
  for (let start = 0; start <= last; start++) {
    let i = 0;
    while (i < part.length && <i32>load<u8>(data + start + i) == part.charCodeAt(i)) i++;
    if (i == part.length) return true;
  }
  return false;
}

/** Go's `IsBinaryRequestBody` / `IsBinaryResponseBody` test: octet-stream or gRPC, or any content encoding. */
export function isBinaryBody(contentType: ArrayBuffer | null, contentEncoding: ArrayBuffer | null): bool {
  return containsAscii(contentType, "octet-stream") || containsAscii(contentType, "grpc")
    || (contentEncoding !== null && contentEncoding.byteLength > 0);
}

/** The text of a cached value; "" when absent. */
export function textOf(value: ArrayBuffer | null): string {
  return value === null ? "" : String.UTF8.decode(value);
}
