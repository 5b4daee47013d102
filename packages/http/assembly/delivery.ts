/**
 * Delivers the answer of an http call to the callback waiting for it. The host answers on the root context; a
 * root context hands every answer here from its `onHttpCallResponse`, and only answers of calls made through
 * this package are taken.
 */
import { takePendingHttpCall } from "./pending";

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
  call.answer(token, numHeaders, bodySize);
  return true;
}
