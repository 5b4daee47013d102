/**
 * The lean driver: a synchronous, single-VM proxy-wasm host that runs a plugin's exported callbacks in Envoy's
 * order with as little host work as possible, so that per-request figures show the module's cost rather than the
 * host's. A request is: context create -> request headers -> request body chunks -> (upstream: a canned answer,
 * or the plugin's local reply) -> response headers -> response body chunks -> log -> done -> delete. Callouts are
 * answered by registered clusters on the root context after the callback that made them returns; a stream that
 * stops is resumed by `proxy_continue_stream` from such an answer, or answered by a local reply; anything else is
 * an error (there is no timer or network here to wake it).
 */
import { BufferType, MapType, StreamType, WasmResult } from "@higress-ts/host";
import type { BenchRequest, HttpCalloutAnswer, Pairs, RedisAnswer } from "./bench-request.js";
import { HeaderList } from "./header-list.js";
import { leanHostFunctions, type HostFunction } from "./host-functions.js";
import { ModuleMemory } from "./module-memory.js";
import { EMPTY, appendBody, StreamState, type Direction } from "./stream-state.js";

/** How the lean host runs a plugin. */
export interface LeanHostOptions {
  /** `plugin_name`. */
  readonly name: string;
  /** `plugin_root_id`; default empty. */
  readonly rootId?: string;
  /** The plugin configuration (`PLUGIN_CONFIGURATION`). */
  readonly configuration: string;
  /** HTTP clusters and how they answer callouts. */
  readonly clusters?: Readonly<Record<string, HttpCalloutAnswer>>;
  /** Redis clusters and how they answer commands. */
  readonly redisClusters?: Readonly<Record<string, RedisAnswer>>;
  /** Count host calls per import name in `hostCalls` (adds a wrapper to every host function). */
  readonly countHostCalls?: boolean;
}

/** The exported callback signature the driver calls (i32 arguments, i32 or no result). */
type Callback = (a?: number, b?: number, c?: number, d?: number, e?: number) => number | undefined;

/** A callout made and not yet answered. */
type PendingCallout =
  | { readonly kind: "http"; readonly token: number; readonly answer: HttpCalloutAnswer }
  | { readonly kind: "redis"; readonly token: number; readonly reply: Uint8Array };

const ROOT_ID = 1;
const CALLBACKS = [
  "proxy_on_context_create", "proxy_on_vm_start", "proxy_on_configure", "proxy_on_request_headers",
  "proxy_on_request_body", "proxy_on_response_headers", "proxy_on_response_body", "proxy_on_log", "proxy_on_done",
  "proxy_on_delete", "proxy_on_http_call_response", "proxy_on_redis_call_response",
] as const;
const NO_CALLBACK: Callback = () => 0;
/** 0.2.1 header statuses that continue (`Continue`, `ContinueAndEndStream`); anything else stops all iteration. */
const continues = (raw: number) => raw === 0 || raw === 2;
const STOP_ITERATION_NO_BUFFER = 3;
const encoder = new TextEncoder();

/** One plugin VM driven synchronously. */
export class LeanHost {
  /** The module's linear memory. */
  readonly memory = new ModuleMemory();
  /** Host calls per import name, when counting. */
  readonly hostCalls = new Map<string, number>();
  /** Lines logged at warn or above. */
  readonly warnings: string[] = [];
  tickPeriodMs = 0;
  private readonly callbacks: Record<(typeof CALLBACKS)[number], Callback>;
  private readonly streams = new Map<number, StreamState>();
  private readonly pending: PendingCallout[] = [];
  private nextId = ROOT_ID + 1;
  private nextHttpToken = 4;
  private nextRedisToken = 7;
  private current = 0;
  private effective = 0;
  private configuring = false;
  private callout: { readonly headers: HeaderList; readonly body: Uint8Array } | undefined;
  private redisReply: Uint8Array | undefined;
  private readonly configuration: Uint8Array;

  private constructor(module: WebAssembly.Module, private readonly options: LeanHostOptions) {
    this.configuration = encoder.encode(options.configuration);
    const instance = new WebAssembly.Instance(module, { env: this.envFor(module) });
    this.memory.attach(instance);
    this.callbacks = Object.fromEntries(
      CALLBACKS.map((name) => [name, (instance.exports[name] as Callback | undefined) ?? NO_CALLBACK]),
    ) as Record<(typeof CALLBACKS)[number], Callback>;
    (instance.exports["_initialize"] as Callback)();
  }

  /**
   * Instantiates a compiled module and starts it as cpp-host does: `_initialize`, root context 1,
   * `proxy_on_vm_start`, `proxy_on_configure`. Throws if the plugin refuses to start or be configured.
   */
  static start(module: WebAssembly.Module, options: LeanHostOptions): LeanHost {
    const host = new LeanHost(module, options);
    const { proxy_on_context_create, proxy_on_vm_start, proxy_on_configure } = host.callbacks;
    host.invoke(ROOT_ID, proxy_on_context_create, ROOT_ID, 0);
    if (host.invoke(ROOT_ID, proxy_on_vm_start, ROOT_ID, 0) === 0) throw new Error(host.failure("on_vm_start"));
    host.configuring = true;
    const configured = host.invoke(ROOT_ID, proxy_on_configure, ROOT_ID, host.configuration.length);
    host.configuring = false;
    if (configured === 0) throw new Error(host.failure("on_configure"));
    return host;
  }

  private failure(callback: string): string {
    return `${this.options.name}: ${callback} returned false${this.warnings.length ? `: ${this.warnings.join("; ")}` : ""}`;
  }

  /** The import object's `env`: our host functions, optionally counted; an import we lack traps when called. */
  private envFor(module: WebAssembly.Module): Record<string, HostFunction> {
    const functions = leanHostFunctions(this);
    const env: Record<string, HostFunction> = {};
    for (const { module: from, name } of WebAssembly.Module.imports(module)) {
      const fn = from === "env" ? functions[name] : undefined;
      env[name] = fn === undefined
        ? () => { throw new Error(`the lean driver does not implement ${from}.${name}`); }
        : this.options.countHostCalls ? this.counted(name, fn) : fn;
    }
    return env;
  }

  private counted(name: string, fn: HostFunction): HostFunction {
    this.hostCalls.set(name, 0);
    return (...args) => {
      this.hostCalls.set(name, this.hostCalls.get(name)! + 1);
      return fn(...args);
    };
  }

  /** Calls into the VM in a context, with the effective context reset on entry as cpp-host does. */
  private invoke(contextId: number, callback: Callback, a = 0, b = 0, c = 0, d = 0, e = 0): number {
    this.current = contextId;
    this.effective = 0;
    const result = callback(a, b, c, d, e) ?? 0;
    this.current = 0;
    this.effective = 0;
    return result;
  }

  /** Runs one request through the plugin; returns the finished stream. */
  request(request: BenchRequest): StreamState {
    const stream = new StreamState(this.nextId++, request);
    this.streams.set(stream.id, stream);
    this.invoke(stream.id, this.callbacks.proxy_on_context_create, stream.id, ROOT_ID);
    this.requestPhase(stream);
    const reply = stream.localReply;
    if (reply === undefined) {
      stream.upstreamReached = true;
      this.responsePhase(stream, HeaderList.copyOf(request.response.headers), request.response.body);
    } else {
      this.responsePhase(stream, localReplyHeaders(reply.status, reply.headers.pairs, reply.body), reply.body.length ? [reply.body] : []);
    }
    const { proxy_on_log, proxy_on_done, proxy_on_delete } = this.callbacks;
    this.invoke(stream.id, proxy_on_log, stream.id);
    this.invoke(stream.id, proxy_on_done, stream.id);
    this.invoke(stream.id, proxy_on_delete, stream.id);
    this.streams.delete(stream.id);
    return stream;
  }

  private requestPhase(stream: StreamState): void {
    const { body } = stream.request;
    stream.continued = false;
    const raw = this.invoke(stream.id, this.callbacks.proxy_on_request_headers, stream.id, stream.requestHeaders.size, body.length === 0 ? 1 : 0);
    if (!this.goesOn(stream, continues(raw), undefined)) return;
    this.bodyChunks(stream, StreamType.HttpRequest as Direction, this.callbacks.proxy_on_request_body, body);
  }

  private responsePhase(stream: StreamState, headers: HeaderList, body: readonly Uint8Array[]): void {
    const before = stream.localReply;
    stream.responseHeaders = headers;
    stream.continued = false;
    const raw = this.invoke(stream.id, this.callbacks.proxy_on_response_headers, stream.id, headers.size, body.length === 0 ? 1 : 0);
    if (this.goesOn(stream, continues(raw), before)) {
      this.bodyChunks(stream, StreamType.HttpResponse as Direction, this.callbacks.proxy_on_response_body, body);
    }
    const reply = stream.localReply;
    if (reply !== before && reply !== undefined) stream.responseHeaders = localReplyHeaders(reply.status, reply.headers.pairs, reply.body);
  }

  /** Delivers body chunks one callback each, buffering while the plugin stops iteration. */
  private bodyChunks(stream: StreamState, direction: Direction, callback: Callback, chunks: readonly Uint8Array[]): void {
    const before = stream.localReply;
    for (let i = 0; i < chunks.length; i++) {
      const last = i === chunks.length - 1;
      stream.bodies[direction] = appendBody(stream.bodies[direction]!, chunks[i]!);
      stream.continued = false;
      const raw = this.invoke(stream.id, callback, stream.id, stream.bodies[direction]!.length, last ? 1 : 0);
      if (!this.goesOn(stream, raw === 0 || !last, before)) return;
      if (raw === 0 || raw === STOP_ITERATION_NO_BUFFER || last) stream.bodies[direction] = EMPTY;
    }
  }

  /**
   * After a callback: answers the callouts it made; then false if it (or an answer) sent a new local reply, true
   * if the stream may go on (it did not stop, or an answer continued it). A stop nothing resumes is an error.
   */
  private goesOn(stream: StreamState, wentOn: boolean, replyBefore: StreamState["localReply"]): boolean {
    while (this.pending.length > 0) this.answer(this.pending.shift()!);
    if (stream.localReply !== replyBefore) return false;
    if (wentOn || stream.continued) return true;
    throw new Error(`${this.options.name}: stream ${stream.id} stopped and nothing resumed it${this.warnings.length ? ` (${this.warnings.at(-1)})` : ""}`);
  }

  private answer(callout: PendingCallout): void {
    if (callout.kind === "http") {
      const { headers, body } = callout.answer;
      this.callout = { headers: HeaderList.copyOf(headers), body };
      this.invoke(ROOT_ID, this.callbacks.proxy_on_http_call_response, ROOT_ID, callout.token, headers.length, body.length, 0);
      this.callout = undefined;
    } else {
      this.redisReply = callout.reply;
      this.invoke(ROOT_ID, this.callbacks.proxy_on_redis_call_response, ROOT_ID, callout.token, 0, callout.reply.length);
      this.redisReply = undefined;
    }
  }

  /** Linear memory size in pages. */
  get pages(): number {
    return this.memory.pages;
  }

  // What the host functions see.

  /** The stream the plugin acts on now: the effective context if set, else the one being called. */
  activeStream(): StreamState | undefined {
    return this.streams.get(this.effective || this.current);
  }

  /** `proxy_set_effective_context`: false for an unknown id. */
  setEffectiveContext(id: number): boolean {
    if (id !== ROOT_ID && !this.streams.has(id)) return false;
    this.effective = id;
    return true;
  }

  /** The header map of `type` as seen now. */
  headerMap(type: number): HeaderList | undefined {
    if (type === MapType.HttpCallResponseHeaders) return this.callout?.headers;
    const stream = this.activeStream();
    if (type === MapType.HttpRequestHeaders) return stream?.requestHeaders;
    if (type === MapType.HttpResponseHeaders) return stream?.responseHeaders;
    return undefined;
  }

  /** The buffer of `type` as seen now. */
  buffer(type: number): Uint8Array | undefined {
    switch (type) {
      case BufferType.HttpRequestBody:
      case BufferType.HttpResponseBody:
        return this.activeStream()?.bodies[type as Direction];
      case BufferType.HttpCallResponseBody: return this.callout?.body;
      case BufferType.RedisCallResponse: return this.redisReply;
      case BufferType.VmConfiguration: return EMPTY;
      case BufferType.PluginConfiguration: return this.configuring ? this.configuration : undefined;
      default: return undefined;
    }
  }

  /** `proxy_set_buffer_bytes` on a body, with Envoy's rules for `start` 0 (drain then prepend) and past the end (append). */
  replaceBody(type: number, start: number, size: number, value: Uint8Array): WasmResult {
    const stream = this.activeStream();
    if (stream === undefined || (type !== BufferType.HttpRequestBody && type !== BufferType.HttpResponseBody)) return WasmResult.NotFound;
    const body = stream.bodies[type as Direction];
    if (start === 0) stream.bodies[type as Direction] = appendBody(value, body.subarray(Math.min(size, body.length)));
    else if (start >= body.length) stream.bodies[type as Direction] = appendBody(body, value);
    else return WasmResult.BadArgument;
    return WasmResult.Ok;
  }

  /** A property by its NUL-joined path. */
  property(path: string): string | Uint8Array | undefined {
    switch (path) {
      case "plugin_name": return this.options.name;
      case "plugin_root_id": return this.options.rootId ?? "";
      case "plugin_vm_id": return "";
    }
    const stream = this.activeStream();
    if (stream === undefined) return undefined;
    switch (path) {
      case "route_name":
      case "xds\0route_name": return stream.request.routeName;
      case "request\0path": return stream.requestHeaders.get(":path");
      case "request\0method": return stream.requestHeaders.get(":method");
      case "request\0host": return stream.requestHeaders.get(":authority");
      case "response\0code": return stream.responseHeaders?.get(":status");
      default: return path.startsWith("wasm\0") ? stream.filterState.get(path.slice(5)) : undefined;
    }
  }

  /** Starts an HTTP callout; its token, or 0 for an unknown cluster. */
  httpCall(cluster: string): number {
    const answer = this.options.clusters?.[cluster];
    if (answer === undefined) return 0;
    const token = this.nextHttpToken;
    this.nextHttpToken += 4;
    this.pending.push({ kind: "http", token, answer });
    return token;
  }

  /** Whether a Redis cluster is registered. */
  hasRedisCluster(cluster: string): boolean {
    return this.redisAnswer(cluster) !== undefined;
  }

  /** A Redis cluster's answer; the SDK appends its options (`?buffer_flush_timeout=…`) to the cluster name. */
  private redisAnswer(cluster: string): RedisAnswer | undefined {
    return this.options.redisClusters?.[cluster.split("?")[0]!];
  }

  /** Starts a Redis call; its token, or 0 for an unknown cluster. */
  redisCall(cluster: string, query: Uint8Array): number {
    const answer = this.redisAnswer(cluster);
    if (answer === undefined) return 0;
    const token = this.nextRedisToken;
    this.nextRedisToken += 4;
    this.pending.push({ kind: "redis", token, reply: answer(query) });
    return token;
  }
}

/** The headers of a local reply as Envoy sends them: status, the plugin's headers, content type and length. */
function localReplyHeaders(status: number, headers: Pairs, body: Uint8Array): HeaderList {
  const list = HeaderList.copyOf([[":status", String(status)], ...headers]);
  if (body.length > 0) {
    if (list.get("content-type") === undefined) list.add("content-type", "text/plain");
    list.replace("content-length", String(body.length));
  }
  return list;
}
