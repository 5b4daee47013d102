// Go's `HttpContext`: what a handler can ask of and do to the request it serves. The phase callbacks that drive
// the handlers live in `CommonHttpCtx`; this class is the state they share with the handlers.
import {
  getHeaderMapValue, HttpContext as StreamContext, MapType, Pair, setProperty, Status,
} from "@higress-ts/proxy-wasm/assembly";
import {
  CachedHeader, equalsIgnoringCase, isBinaryBody, readCachedHeaders, REQUEST_HEADER_COUNT, RESPONSE_HEADER_COUNT,
  textOf,
} from "./cached-headers";
import { CommonHttpCtx } from "./common-http-ctx";
import { ContextValues } from "./context-values";
import { JsonValue } from "./json";
import { PluginContext } from "./plugin-context";
import { awaitRouteCall, PendingRouteCall, rewriteForRouteCall, RouteResponseCallback } from "./route-call";
import { CUSTOM_LOG_KEY, jsonTextOf, UserAttributes } from "./user-attributes";

/** The phase a stream is in (Go `HTTPExecutionPhase`): the callback entered last. */
export enum HTTPExecutionPhase {
  DecodeHeader = 0,
  DecodeData = 1,
  EncodeHeader = 2,
  EncodeData = 3,
  Done = 4,
}

/**
 * One HTTP stream as a handler sees it. Every handler receives it first: it reaches per-request values
 * (`setContext` / `get*Context`), the plugin context (`plugin`), the request line cached at request headers, and
 * switches that change how the SDK handles the bodies.
 */
export class HttpContext extends StreamContext {
  /** The request's cached headers (see `CachedHeader`); null until kept (`keepRequestHeaders`). */
  private requestHeaders: StaticArray<ArrayBuffer | null> | null = null;
  /** The response's cached `content-type` and `content-encoding`; null until kept. */
  private responseHeaders: StaticArray<ArrayBuffer | null> | null = null;
  protected requestHeaderEndOfStream: bool = false;
  protected responseHeaderEndOfStream: bool = false;
  protected executionPhase: HTTPExecutionPhase = HTTPExecutionPhase.DecodeHeader;
  /** Whether body callbacks reach a handler; false also for binary bodies and websocket upgrades. */
  protected needRequestBody: bool = false;
  protected needResponseBody: bool = false;
  /** Whether the streaming handler (rather than the buffered one) gets the body. */
  protected streamingRequestBody: bool = false;
  protected streamingResponseBody: bool = false;
  protected pauseStreamingResponse: bool = false;
  /** A pending `routeCall`; the response phases deliver the upstream's answer to it. */
  protected pendingRouteCall: PendingRouteCall | null = null;
  private values: ContextValues = new ContextValues();
  private userAttributes: UserAttributes | null = null;
  private bufferQueue: ArrayBuffer[] | null = null;

  /** The plugin context this stream belongs to. */
  get plugin(): PluginContext {
    return changetype<PluginContext>(this.root);
  }

  /**
   * The config chosen for this request, if the plugin's config class is `C` (Go `GetMatchConfig`); null before
   * request headers and when the plugin is off for this request. For callbacks that get only the context, such
   * as http-call answers.
   */
  getMatchConfig<C>(): C | null {
    return this instanceof CommonHttpCtx<C> ? changetype<CommonHttpCtx<C>>(this).matchedConfig() : null;
  }

  /** `:scheme`, cached at request headers, so usable in any phase. */
  scheme(): string {
    return textOf(this.requestHeader(CachedHeader.Scheme));
  }

  /** `:authority`, cached at request headers. */
  host(): string {
    return textOf(this.requestHeader(CachedHeader.Authority));
  }

  /** `:path` with its query, cached at request headers. */
  path(): string {
    return textOf(this.requestHeader(CachedHeader.Path));
  }

  /** `:method`, cached at request headers. */
  method(): string {
    return textOf(this.requestHeader(CachedHeader.Method));
  }

  /** Stores a per-request value under `key` (any type; read it back with the same type). */
  setContext<T>(key: string, value: T): void {
    this.values.set<T>(key, value);
  }

  /** The per-request value under `key` if it was stored as a `T`, else `defaultValue`. */
  getContext<T>(key: string, defaultValue: T): T {
    return this.values.get<T>(key, defaultValue);
  }

  /** Whether a per-request value of any type is stored under `key` (Go: `GetContext(key) != nil`). */
  hasContext(key: string): bool {
    return this.values.has(key);
  }

  /** The `bool` under `key`, else `defaultValue`. */
  getBoolContext(key: string, defaultValue: bool): bool {
    return this.values.get<bool>(key, defaultValue);
  }

  /** The `string` under `key`, else `defaultValue`. */
  getStringContext(key: string, defaultValue: string): string {
    return this.values.get<string>(key, defaultValue);
  }

  /** The bytes (`ArrayBuffer`) under `key`, else `defaultValue`. */
  getByteSliceContext(key: string, defaultValue: ArrayBuffer | null): ArrayBuffer | null {
    return this.values.holds<ArrayBuffer>(key) ? this.values.get<ArrayBuffer>(key, new ArrayBuffer(0)) : defaultValue;
  }

  /** The integer under `key` (stored as `i64` or `i32`), else `defaultValue`. */
  getIntContext(key: string, defaultValue: i64): i64 {
    return this.values.getInt(key, defaultValue);
  }

  /** A user attribute (for the access log and trace tags); a missing value when not set. */
  getUserAttribute(key: string): JsonValue {
    const attributes = this.userAttributes;
    return attributes === null ? JsonValue.missing() : attributes.get(key);
  }

  /** Sets a user attribute: a string, a bool, a number or a `JsonValue`. */
  setUserAttribute<T>(key: string, value: T): void {
    this.attributes().set(key, jsonTextOf<T>(value));
  }

  /** Replaces every user attribute. */
  setUserAttributeMap(attributes: Map<string, JsonValue>): void {
    this.attributes().replaceAll(attributes);
  }

  /** Every user attribute. */
  getUserAttributeMap(): Map<string, JsonValue> {
    return this.attributes().all();
  }

  /** Merges the user attributes into the access-log property `custom_log`; returns an error message or null. */
  writeUserAttributeToLog(): string | null {
    return this.writeUserAttributeToLogWithKey(CUSTOM_LOG_KEY);
  }

  /**
   * Merges the user attributes into the JSON object held (escaped) in property `key`, e.g. `ai_log`, keys
   * sorted; returns an error message or null.
   */
  writeUserAttributeToLogWithKey(key: string): string | null {
    return this.attributes().writeToLog(key);
  }

  /** Writes each user attribute as trace span tag `trace_span_tag.<key>`. */
  writeUserAttributeToTrace(): void {
    this.attributes().writeToTrace();
  }

  /**
   * Sends this request, rewritten to `method url` with `headers` (replacing same-named ones) and `body`, to the
   * current route's upstream, and hands the upstream's answer to `callback` instead of the client. Use it in
   * the request-body phase, after the request-headers handler returned a stop status. Returns an error
   * message (a bad URL) or null.
   */
  routeCall(
    method: string, url: string, headers: Pair[] | null, body: ArrayBuffer | null, callback: RouteResponseCallback,
  ): string | null {
    const error = rewriteForRouteCall(this, method, url, headers, body);
    if (error === null) this.pendingRouteCall = awaitRouteCall(callback);
    return error;
  }

  /** Body callbacks skip the request body from now on. */
  dontReadRequestBody(): void {
    this.needRequestBody = false;
  }

  /** Body callbacks skip the response body from now on. */
  dontReadResponseBody(): void {
    this.needResponseBody = false;
  }

  /** The buffered request body handler gets the body, even when a streaming one is registered. */
  bufferRequestBody(): void {
    this.streamingRequestBody = false;
  }

  /** The buffered response body handler gets the body, even when a streaming one is registered. */
  bufferResponseBody(): void {
    this.streamingResponseBody = false;
  }

  /**
   * Streamed response chunks are held (`DataStatus.StopIterationNoBuffer`) after the streaming handler ran; send
   * them on later with `injectEncodedDataToFilterChain`.
   */
  needPauseStreamingResponse(): void {
    this.pauseStreamingResponse = true;
  }

  /** Appends bytes to this request's buffer queue. */
  pushBuffer(buffer: ArrayBuffer): void {
    let queue = this.bufferQueue;
    if (queue === null) this.bufferQueue = queue = [];
    queue.push(buffer);
  }

  /** Removes and returns the oldest queued bytes; null when the queue is empty. */
  popBuffer(): ArrayBuffer | null {
    const queue = this.bufferQueue;
    return queue === null || queue.length == 0 ? null : queue.shift();
  }

  /** How many byte buffers are queued. */
  bufferQueueSize(): i32 {
    const queue = this.bufferQueue;
    return queue === null ? 0 : queue.length;
  }

  /** Envoy keeps the route it chose even when a handler changes headers (`clear_route_cache` = `off`). */
  disableReroute(): Status {
    return setProperty(["clear_route_cache"], String.UTF8.encode("off"));
  }

  /** Sets Envoy's request buffer limit for this stream (Higress property `set_decoder_buffer_limit`). */
  setRequestBodyBufferLimit(byteSize: u32): Status {
    return setProperty(["set_decoder_buffer_limit"], String.UTF8.encode(byteSize.toString()));
  }

  /** Sets Envoy's response buffer limit for this stream (Higress property `set_encoder_buffer_limit`). */
  setResponseBodyBufferLimit(byteSize: u32): Status {
    return setProperty(["set_encoder_buffer_limit"], String.UTF8.encode(byteSize.toString()));
  }

  /** The phase callback entered last. */
  getExecutionPhase(): HTTPExecutionPhase {
    return this.executionPhase;
  }

  /** Whether the request has a body (its headers did not end the stream). */
  hasRequestBody(): bool {
    return !this.requestHeaderEndOfStream;
  }

  /** Whether the response has a body (its headers did not end the stream). */
  hasResponseBody(): bool {
    return !this.responseHeaderEndOfStream;
  }

  /** Whether the request is a websocket upgrade (`connection: upgrade`, `upgrade: websocket`, any case). */
  isWebsocket(): bool {
    return equalsIgnoringCase(this.requestHeader(CachedHeader.Connection), "upgrade")
      && equalsIgnoringCase(this.requestHeader(CachedHeader.Upgrade), "websocket");
  }

  /** Whether the request body is binary: octet-stream or gRPC content type, or any content encoding. */
  isBinaryRequestBody(): bool {
    return isBinaryBody(this.requestHeader(CachedHeader.ContentType), this.requestHeader(CachedHeader.ContentEncoding));
  }

  /** Whether the response body is binary, by the same test on the response headers. */
  isBinaryResponseBody(): bool {
    const contentType = this.responseHeader(CachedHeader.ContentType);
    return isBinaryBody(contentType, this.responseHeader(CachedHeader.ContentEncoding));
  }

  private attributes(): UserAttributes {
    let attributes = this.userAttributes;
    if (attributes === null) this.userAttributes = attributes = new UserAttributes();
    return attributes;
  }

  /**
   * The request's `x-request-id` for log lines (Go's wrapper copies it into property `x_request_id` at request
   * headers; here it is read when a line is printed): from the kept headers, else from the host while request
   * headers are readable; null otherwise.
   */
  requestIdForLog(): ArrayBuffer | null {
    const kept = this.requestHeaders;
    if (kept !== null) return unchecked(kept[CachedHeader.RequestId]);
    if (this.executionPhase != HTTPExecutionPhase.DecodeHeader) return null;
    return getHeaderMapValue(MapType.HttpRequestHeaders, "x-request-id").value;
  }

  /**
   * A callout answers later: the request headers are kept now if they are still readable, for the callback may
   * ask for the request line.
   */
  calloutDispatched(): void {
    if (this.executionPhase == HTTPExecutionPhase.DecodeHeader) this.keepRequestHeaders();
  }

  /**
   * Reads the request headers the SDK caches (one `proxy_get_header_map_pairs`) unless they are kept already.
   * Envoy lets a filter read request headers only until its request-headers callback lets them go, so they are
   * read when first asked for then, or kept at that callback's end when a later phase or a callout may ask.
   */
  protected keepRequestHeaders(): StaticArray<ArrayBuffer | null> {
    let headers = this.requestHeaders;
    if (headers === null) {
      this.requestHeaders = headers = readCachedHeaders(MapType.HttpRequestHeaders, REQUEST_HEADER_COUNT);
    }
    return headers;
  }

  /** As `keepRequestHeaders`, for the response's `content-type` and `content-encoding`. */
  protected keepResponseHeaders(): StaticArray<ArrayBuffer | null> {
    let headers = this.responseHeaders;
    if (headers === null) {
      this.responseHeaders = headers = readCachedHeaders(MapType.HttpResponseHeaders, RESPONSE_HEADER_COUNT);
    }
    return headers;
  }

  private requestHeader(header: CachedHeader): ArrayBuffer | null {
    return unchecked(this.keepRequestHeaders()[header]);
  }

  private responseHeader(header: CachedHeader): ArrayBuffer | null {
    return unchecked(this.keepResponseHeaders()[header]);
  }
}
