/**
 * Delivers the answer of an http call to the callback waiting for it. The host answers on the root context; a
 * root context hands every answer here from its `onHttpCallResponse`, and only answers of calls made through
 * this package are taken.
 */
import {
  BufferType, getBufferBytes, getHeaderMapPairs, MapType, Pair, setEffectiveContext, Status,
} from "@higress-ts/proxy-wasm/assembly";
import { takePendingHttpCall } from "./pending";
import { HttpResponse } from "./response";

/**
 * Hands the answer to call `token` to its callback, with the stream that made the call as the effective
 * context, so the callback can resume it (`continueStream`) or answer it (`sendLocalResponse`). `numHeaders` 0
 * is a failed call (`HttpResponse.failed`, status 502). When the stream is already gone, the callback is
 * dropped, as in the Go SDK. Returns false when `token` is not a call of this package (someone else's callout).
 * Call it from `RootContext.onHttpCallResponse` with that method's arguments (trailers are not read, as in Go).
 */
export function deliverHttpCallResponse(token: u32, numHeaders: u32, bodySize: u32): bool {
  const call = takePendingHttpCall(token);
  if (call === null) return false;
  // The answer is readable only now, and through the root context: read it before switching.
  const response = numHeaders == 0 ? HttpResponse.failure(token) : readResponse(token, bodySize);
  if (call.contextId != 0 && setEffectiveContext(call.contextId) != Status.Ok) return true;
  call.deliver(response);
  return true;
}

/** The answered call's headers and body, as the host holds them during `proxy_on_http_call_response`. */
function readResponse(token: u32, bodySize: u32): HttpResponse {
  const headers = getHeaderMapPairs(MapType.HttpCallResponseHeaders).value;
  let body: ArrayBuffer | null = null;
  if (bodySize > 0) body = getBufferBytes(BufferType.HttpCallResponseBody, 0, bodySize).value;
  return HttpResponse.answered(
    token,
    headers === null ? new Array<Pair>() : headers,
    body === null ? new ArrayBuffer(0) : body,
  );
}
