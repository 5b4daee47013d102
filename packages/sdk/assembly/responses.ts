// Answering and resuming the current stream (Go `proxywasm.SendHttpResponse*`, `ResumeHttpRequest/Response`).
import { continueStream, Pair, sendLocalResponse, Status, StreamType } from "@higress-ts/proxy-wasm/assembly";

/**
 * Answers the current request locally with `statusCode`, `headers` and `body` (`grpcStatus` -1: not gRPC).
 * Envoy sends it once the callback returns, whatever the callback returns; from an http-call callback the SDK
 * has already made the request's stream the effective one.
 */
export function sendHttpResponse(
  statusCode: u32, headers: Pair[] | null, body: ArrayBuffer | null, grpcStatus: i32 = -1,
): Status {
  return sendHttpResponseWithDetail(statusCode, "", headers, body, grpcStatus);
}

/** As `sendHttpResponse`, with `detail` as Envoy's `response.code_details` (seen in access logs). */
export function sendHttpResponseWithDetail(
  statusCode: u32, detail: string, headers: Pair[] | null, body: ArrayBuffer | null, grpcStatus: i32 = -1,
): Status {
  return sendLocalResponse(statusCode, detail, body, headers, grpcStatus);
}

/** Resumes a request paused by a header or body handler (e.g. from an http-call callback). */
export function resumeHttpRequest(): Status {
  return continueStream(StreamType.HttpRequest);
}

/** Resumes a paused response. */
export function resumeHttpResponse(): Status {
  return continueStream(StreamType.HttpResponse);
}
