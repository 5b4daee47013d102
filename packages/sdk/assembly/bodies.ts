// The Go SDK's body helpers for the current stream, usable in the body phases. Offsets are Envoy's: the body is
// what has been buffered so far (all of it in a buffered handler, the current chunk in a streaming one).
import { BufferType, getBufferBytes, setBufferBytes, Status } from "@higress-ts/proxy-wasm/assembly";

/** Past any body: as a start it appends, as a size it covers the whole body (Go uses `math.MaxInt32`). */
const WHOLE: u32 = <u32>i32.MAX_VALUE;

/** Up to `maxSize` bytes of the request body from `start`; null when the host has no body to give. */
export function getHttpRequestBody(start: u32, maxSize: u32): ArrayBuffer | null {
  return getBufferBytes(BufferType.HttpRequestBody, start, maxSize).value;
}

/** Appends bytes to the request body. */
export function appendHttpRequestBody(data: ArrayBuffer): Status {
  return setBufferBytes(BufferType.HttpRequestBody, WHOLE, 0, data);
}

/** Prepends bytes to the request body. */
export function prependHttpRequestBody(data: ArrayBuffer): Status {
  return setBufferBytes(BufferType.HttpRequestBody, 0, 0, data);
}

/** Replaces the request body. */
export function replaceHttpRequestBody(body: ArrayBuffer): Status {
  return setBufferBytes(BufferType.HttpRequestBody, 0, WHOLE, body);
}

/** Up to `maxSize` bytes of the response body from `start`; null when the host has no body to give. */
export function getHttpResponseBody(start: u32, maxSize: u32): ArrayBuffer | null {
  return getBufferBytes(BufferType.HttpResponseBody, start, maxSize).value;
}

/** Appends bytes to the response body. */
export function appendHttpResponseBody(data: ArrayBuffer): Status {
  return setBufferBytes(BufferType.HttpResponseBody, WHOLE, 0, data);
}

/** Prepends bytes to the response body. */
export function prependHttpResponseBody(data: ArrayBuffer): Status {
  return setBufferBytes(BufferType.HttpResponseBody, 0, 0, data);
}

/** Replaces the response body. */
export function replaceHttpResponseBody(body: ArrayBuffer): Status {
  return setBufferBytes(BufferType.HttpResponseBody, 0, WHOLE, body);
}
