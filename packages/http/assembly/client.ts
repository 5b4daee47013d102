/** The HTTP client of a cluster: Higress's `HttpClient` (`Get`, `Post`, ... `Call`) without closures. */
import { calloutOrigin, httpCall, Pair, Status } from "@higress-ts/proxy-wasm/assembly";
import { Cluster } from "./cluster";
import { awaitHttpCallResponse, ResponseCallback } from "./pending";
import { callAuthority, callHeaders, DEFAULT_TIMEOUT_MS } from "./request";
import { parseRequestUrl } from "./url";

/**
 * Sends http calls to one cluster. Each call returns at once: null when it was dispatched, else an `Error`
 * saying why not. Its answer comes later to `callback(response, context)`, where `context` is any object
 * given with the call; when it is a proxy-wasm `Context` (typically the request's `HttpContext`), the callback
 * runs with that stream as the effective context, so it can resume or answer the request.
 *
 * The root context must hand answers over: `deliverHttpCallResponse` from its `onHttpCallResponse`.
 */
export class HttpClient {
  constructor(
    /** Where the calls go. Its names are asked at each call (a `RouteCluster` depends on the request). */
    public readonly cluster: Cluster,
  ) {}

  /** The Envoy cluster the calls go to. */
  clusterName(): string {
    return this.cluster.clusterName();
  }

  /** Sends a GET. */
  get<C>(
    url: string,
    headers: Pair[] | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    return this.call<C>("GET", url, headers, null, callback, context, timeoutMs);
  }

  /** Sends a HEAD. */
  head<C>(
    url: string,
    headers: Pair[] | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    return this.call<C>("HEAD", url, headers, null, callback, context, timeoutMs);
  }

  /** Sends an OPTIONS. */
  options<C>(
    url: string,
    headers: Pair[] | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    return this.call<C>("OPTIONS", url, headers, null, callback, context, timeoutMs);
  }

  /** Sends a POST with `body`. */
  post<C>(
    url: string,
    headers: Pair[] | null,
    body: ArrayBuffer | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    return this.call<C>("POST", url, headers, body, callback, context, timeoutMs);
  }

  /** Sends a PUT with `body`. */
  put<C>(
    url: string,
    headers: Pair[] | null,
    body: ArrayBuffer | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    return this.call<C>("PUT", url, headers, body, callback, context, timeoutMs);
  }

  /** Sends a PATCH with `body`. */
  patch<C>(
    url: string,
    headers: Pair[] | null,
    body: ArrayBuffer | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    return this.call<C>("PATCH", url, headers, body, callback, context, timeoutMs);
  }

  /** Sends a DELETE with `body`. */
  delete<C>(
    url: string,
    headers: Pair[] | null,
    body: ArrayBuffer | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    return this.call<C>("DELETE", url, headers, body, callback, context, timeoutMs);
  }

  /** Sends a CONNECT with `body`. */
  connect<C>(
    url: string,
    headers: Pair[] | null,
    body: ArrayBuffer | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    return this.call<C>("CONNECT", url, headers, body, callback, context, timeoutMs);
  }

  /** Sends a TRACE with `body`. */
  trace<C>(
    url: string,
    headers: Pair[] | null,
    body: ArrayBuffer | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    return this.call<C>("TRACE", url, headers, body, callback, context, timeoutMs);
  }

  /**
   * Sends `method url` with `headers` (your `:method`, `:path`, `:authority` are replaced) and `body` to the
   * cluster, timing out after `timeoutMs` (0: no timeout). Null when dispatched; otherwise an `Error` for a
   * bad URL, an empty method, a timeout above 2^31-1 ms, or the host's refusal (naming the cluster).
   */
  call<C>(
    method: string,
    url: string,
    headers: Pair[] | null,
    body: ArrayBuffer | null,
    callback: ResponseCallback<C>,
    context: C,
    timeoutMs: u32 = DEFAULT_TIMEOUT_MS,
  ): Error | null {
    if (method.length == 0) return new Error("http call without a method");
    if (timeoutMs > <u32>i32.MAX_VALUE) {
      return new Error("http call timeout " + timeoutMs.toString() + " ms is out of range");
    }
    const requestUrl = parseRequestUrl(url);
    const invalid = requestUrl.error;
    if (invalid !== null) return new Error(invalid);
    const cluster = this.cluster.clusterName();
    const pairs = callHeaders(method, requestUrl.requestPath(), callAuthority(this.cluster, requestUrl), headers);
    const sent = httpCall(cluster, pairs, body, [], timeoutMs);
    if (!sent.ok) return new Error("http call to cluster \"" + cluster + "\" failed: " + refusal(sent.status));
    awaitHttpCallResponse<C>(sent.value, calloutOrigin<C>(context), callback, context);
    return null;
  }
}


/** Why the host refused a call, in the reader's terms. */
function refusal(status: Status): string {
  switch (status) {
    case Status.BadArgument:
      return "bad argument (no such cluster in Envoy?)";
    case Status.InternalFailure:
      return "internal failure (Envoy's async client refused the request)";
    default:
      return "status " + status.toString();
  }
}
