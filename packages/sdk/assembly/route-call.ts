// Go's `HttpContext.RouteCall`: send the current request, rewritten, to the current route's upstream and hand its
// answer to a callback instead of the client.
import { getHeaderMapPairs, MapType, Pair } from "@higress-ts/proxy-wasm/assembly";
import { isHeaderName } from "@higress-ts/http/assembly/header-name";
import { responseStatusCode, STATUS_INTERNAL_SERVER_ERROR } from "@higress-ts/http/assembly/status";
import { parseRequestUrl } from "@higress-ts/http/assembly/url";
import { replaceHttpRequestBody } from "./bodies";
import { removeHttpRequestHeader, removeHttpResponseHeader, replaceHttpRequestHeader } from "./headers";
import { HttpContext } from "./http-context";
import { log } from "./log";

/**
 * Receives the upstream's answer to a route call: the request's context, the status (500 when `:status` is
 * missing), the response headers and the whole body.
 */
export type RouteResponseCallback = (
  context: HttpContext, statusCode: i32, responseHeaders: Pair[], responseBody: ArrayBuffer,
) => void;

/**
 * Rewrites the current request into `method url` with `headers` and `body` (the originals go to
 * `x-envoy-original-method/path/host`); returns an error message or null.
 */
export function rewriteForRouteCall(
  context: HttpContext, method: string, url: string, headers: Pair[] | null, body: ArrayBuffer | null,
): string | null {
  const parsed = parseRequestUrl(url);
  if (parsed.error !== null) return parsed.error;
  removeHttpRequestHeader("accept-encoding");
  removeHttpRequestHeader("content-length");
  replaceHttpRequestHeader("x-envoy-original-method", context.method());
  replaceHttpRequestHeader("x-envoy-original-path", context.path());
  replaceHttpRequestHeader("x-envoy-original-host", context.host());
  replaceHttpRequestHeader(":method", method);
  replaceHttpRequestHeader(":path", parsed.requestPath());
  if (parsed.host.length > 0) replaceHttpRequestHeader(":authority", parsed.host);
  if (headers !== null) {
    for (let i = 0; i < headers.length; i++) {
      const header = headers[i];
      replaceHttpRequestHeader(header.keyText(), header.valueText());
    }
  }
  replaceHttpRequestBody(body === null ? new ArrayBuffer(0) : body);
  log.unsafeInfo("route call start, id:" + context.id.toString() + ", method:" + method + ", url:" + url);
  return null;
}

/**
 * A route call waiting for the upstream's answer, which the response phases hand to it instead of the plugin's
 * handlers. Abstract so that only plugins calling `routeCall` link the delivery.
 */
export abstract class PendingRouteCall {
  /** Hands the answer to the callback: the response headers, and `body` (null when the headers ended it). */
  abstract deliver(context: HttpContext, body: ArrayBuffer | null): void;
}

/** Starts waiting for the answer to a route call, for `callback`. */
export function awaitRouteCall(callback: RouteResponseCallback): PendingRouteCall {
  return new RouteCallAnswer(callback);
}

class RouteCallAnswer extends PendingRouteCall {
  constructor(private readonly callback: RouteResponseCallback) {
    super();
  }

  deliver(context: HttpContext, body: ArrayBuffer | null): void {
    const read = getHeaderMapPairs(MapType.HttpResponseHeaders).value;
    const headers = read === null ? new Array<Pair>(0) : read;
    if (body !== null) removeHttpResponseHeader("content-length");
    const callback = this.callback;
    callback(context, routeCallStatus(headers), headers, body === null ? new ArrayBuffer(0) : body);
  }
}

/** A route call's status: its `:status` (500 when not a number, as Go's `strconv.Atoi`), or 500 when missing. */
export function routeCallStatus(headers: Pair[]): i32 {
  for (let i = 0; i < headers.length; i++) {
    if (isHeaderName(headers[i].key, ":status")) return responseStatusCode(headers);
  }
  return STATUS_INTERNAL_SERVER_ERROR;
}
