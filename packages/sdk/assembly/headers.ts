// The Go SDK's header helpers (`proxywasm.GetHttpRequestHeaders`, `AddHttpRequestHeader`, ...) for the current
// stream. Request headers are readable and writable in the request-headers phase, response headers in the
// response-headers phase (or while the stream is paused there).
import {
  addHeaderMapValue, getHeaderMapPairs, getHeaderMapValue, MapType, Pair, removeHeaderMapValue,
  replaceHeaderMapValue, setHeaderMapPairs, Status,
} from "@higress-ts/proxy-wasm/assembly";

/** Every request header, in order; null when the host has none to give (wrong phase). */
export function getHttpRequestHeaders(): Pair[] | null {
  return getHeaderMapPairs(MapType.HttpRequestHeaders).value;
}

/** Replaces all request headers. */
export function replaceHttpRequestHeaders(headers: Pair[]): Status {
  return setHeaderMapPairs(MapType.HttpRequestHeaders, headers);
}

/** The first value of a request header; null when absent. */
export function getHttpRequestHeader(key: string): string | null {
  return getHeaderMapValue(MapType.HttpRequestHeaders, key).text();
}

/** Removes every value of a request header. */
export function removeHttpRequestHeader(key: string): Status {
  return removeHeaderMapValue(MapType.HttpRequestHeaders, key);
}

/** Sets a request header to one value (added when absent). */
export function replaceHttpRequestHeader(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpRequestHeaders, key, value);
}

/** Adds a request header value (an existing header gets one more). */
export function addHttpRequestHeader(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpRequestHeaders, key, value);
}

/** Every response header, in order; null when the host has none to give (wrong phase). */
export function getHttpResponseHeaders(): Pair[] | null {
  return getHeaderMapPairs(MapType.HttpResponseHeaders).value;
}

/** Replaces all response headers. */
export function replaceHttpResponseHeaders(headers: Pair[]): Status {
  return setHeaderMapPairs(MapType.HttpResponseHeaders, headers);
}

/** The first value of a response header; null when absent. */
export function getHttpResponseHeader(key: string): string | null {
  return getHeaderMapValue(MapType.HttpResponseHeaders, key).text();
}

/** Removes every value of a response header. */
export function removeHttpResponseHeader(key: string): Status {
  return removeHeaderMapValue(MapType.HttpResponseHeaders, key);
}

/** Sets a response header to one value (added when absent). */
export function replaceHttpResponseHeader(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpResponseHeaders, key, value);
}

/** Adds a response header value. */
export function addHttpResponseHeader(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpResponseHeaders, key, value);
}
