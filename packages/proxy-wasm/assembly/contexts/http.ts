// The context of one HTTP stream (request and response).
import { Action, DataStatus, HeaderStatus } from "../types";
import { Context } from "./context";
import { RootContext } from "./root";

/**
 * One HTTP stream, created by its plugin's `RootContext.createHttpContext`. Override the callbacks you need; the
 * defaults let everything through. Headers, bodies and trailers are read and changed with the host calls
 * (`getHeaderMapValue(MapType.HttpRequestHeaders, ...)`, `getBufferBytes(BufferType.HttpRequestBody, ...)`) while
 * the matching callback runs, or while the stream is paused.
 */
export class HttpContext extends Context {
  constructor(id: u32, public readonly root: RootContext) {
    super(id);
  }

  /** Request headers arrived; `endOfStream` is true when the request has no body. */
  onRequestHeaders(numHeaders: u32, endOfStream: bool): HeaderStatus {
    return HeaderStatus.Continue;
  }

  /** A request body chunk arrived; `bodySize` counts every byte buffered so far. */
  onRequestBody(bodySize: u32, endOfStream: bool): DataStatus {
    return DataStatus.Continue;
  }

  /** Request trailers arrived. */
  onRequestTrailers(numTrailers: u32): Action {
    return Action.Continue;
  }

  /** HTTP/2 METADATA on the request; Envoy ignores the result. */
  onRequestMetadata(numElements: u32): Action {
    return Action.Continue;
  }

  /** Response headers arrived (from the upstream, or from a local reply). */
  onResponseHeaders(numHeaders: u32, endOfStream: bool): HeaderStatus {
    return HeaderStatus.Continue;
  }

  /** A response body chunk arrived; `bodySize` counts every byte buffered so far. */
  onResponseBody(bodySize: u32, endOfStream: bool): DataStatus {
    return DataStatus.Continue;
  }

  /** Response trailers arrived. */
  onResponseTrailers(numTrailers: u32): Action {
    return Action.Continue;
  }

  /** HTTP/2 METADATA on the response; Envoy ignores the result. */
  onResponseMetadata(numElements: u32): Action {
    return Action.Continue;
  }
}
