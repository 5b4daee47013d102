/**
 * One HTTP stream through the plugin, as Envoy's wasm filter and filter manager run it: lazy context
 * creation, request callbacks, upstream, response callbacks, then on_log → on_done → on_delete. Pauses
 * are real: a stopped stream awaits `proxy_continue_stream`, a local reply or a reset, which callbacks
 * on the root context (callout answers, ticks, queues) deliver later.
 */
import { randomUUID } from "node:crypto";
import { BufferType, GrpcStatus, MapType, StreamType, WasmResult } from "../abi/enums.js";
import { Context, type BufferAccess, type MapAccess } from "../context/context.js";
import type { RootContext } from "../context/root-context.js";
import { LogLevel } from "../log.js";
import {
  higressLegacyProperties,
  resolveProperty,
  streamProperties,
  type PropertyResult,
  type StreamAttributes,
} from "../properties/tree.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { concatBytes } from "./body-buffer.js";
import { ChunkReader, toPairs } from "./chunks.js";
import { DirectionFilter, type FilterStream } from "./direction-filter.js";
import { HeaderMap } from "./header-map.js";
import { envoyLocalReply, StreamInterrupts, type Interrupt } from "./interrupts.js";
import type { LocalReplyRequest } from "./local-reply.js";
import type { BodyInput, LocalReplyRecord, ResponseSink, StreamRequest, StreamResult, StreamingUpstream, UpstreamRequest } from "./messages.js";
import { FAILED, PluginCallbacks } from "./plugin-callbacks.js";
import { StartedUpstreamRequest } from "./upstream-request.js";

/** An HTTP stream context (ids 2, 3, … in its VM). */
export class HttpStream extends Context {
  readonly rootId: number;
  private readonly plugin = new PluginCallbacks(this);
  private readonly interrupts: StreamInterrupts;
  private readonly available = new Set<MapType>();
  private readonly requestHeaders: HeaderMap;
  private readonly decoder: DirectionFilter;
  private readonly encoder: DirectionFilter;
  private inLog = false;
  private readonly filterState = new Map<string, Uint8Array>();
  private readonly envoyFilterState = new Map<string, string>();
  private responseStarted = false;
  private localReplyRecord: LocalReplyRecord | undefined;
  private details = "";
  private upstreamOverrideHost: string | undefined;
  private sink: ResponseSink | undefined;
  private upstream: StreamingUpstream | undefined;
  private startedUpstream: StartedUpstreamRequest | undefined;
  private readonly startTime = new Date();
  private readonly request: StreamRequest;

  constructor(vm: PluginVm, id: number, private readonly root: RootContext, request: StreamRequest) {
    super(vm, id);
    this.rootId = root.id;
    this.request = request;
    this.requestHeaders = new HeaderMap([
      [":authority", request.authority ?? "localhost"],
      [":path", request.path],
      [":method", request.method],
      [":scheme", request.scheme ?? "http"],
      ...toPairs(request.headers),
    ]);
    if (this.requestHeaders.get("x-request-id") === undefined) {
      this.requestHeaders.add("x-request-id", request.requestId ?? randomUUID());
    }
    this.interrupts = new StreamInterrupts(vm, root, this.requestHeaders);
    const shared: FilterStream = { vm, plugin: this.plugin, interrupts: this.interrupts, available: this.available };
    const limit = vm.config.bufferLimitBytes;
    const requestTrailers = request.trailers === undefined ? undefined : new HeaderMap(toPairs(request.trailers));
    this.decoder = new DirectionFilter({
      stream: StreamType.HttpRequest,
      callbacks: ["proxy_on_request_headers", "proxy_on_request_body", "proxy_on_request_trailers"],
      maps: [MapType.HttpRequestHeaders, MapType.HttpRequestTrailers],
      tooLarge: () => this.envoyReply(413, "Payload Too Large", "request_payload_too_large"),
      headersSent: (endOfStream) => {
        this.startedUpstream = new StartedUpstreamRequest(this.upstream!, this.requestHeaders.pairs(), endOfStream, this.upstreamOverrideHost);
      },
      dataSent: (bytes) => this.startedUpstream?.data(bytes),
    }, shared, limit, this.requestHeaders, requestTrailers);
    this.encoder = new DirectionFilter({
      stream: StreamType.HttpResponse,
      callbacks: ["proxy_on_response_headers", "proxy_on_response_body", "proxy_on_response_trailers"],
      maps: [MapType.HttpResponseHeaders, MapType.HttpResponseTrailers],
      tooLarge: () =>
        this.responseStarted
          ? { kind: "reset", details: "response_payload_too_large" }
          : this.envoyReply(500, "Internal Server Error", "response_payload_too_large"),
      headersSent: () => {
        this.responseStarted = true;
        this.sink?.headers(this.encoder.headers?.pairs() ?? []);
      },
      dataSent: (bytes) => this.sink?.data(bytes),
    }, shared, limit);
  }

  get logPrefix(): string {
    const { name, rootId, vmId } = this.vm.config;
    return ` ${name} ${rootId} ${vmId}`;
  }

  /**
   * Runs the whole stream: the upstream request starts when the request headers pass the filter and its body streams
   * as the filter releases it; the response phase follows once the request side is done and the upstream answered.
   * `sink` gets the response as it goes downstream; `signal` aborts when the client goes away.
   */
  async run(upstream: StreamingUpstream, sink?: ResponseSink, signal?: AbortSignal): Promise<StreamResult> {
    this.sink = sink;
    this.upstream = upstream;
    if (signal?.aborted) this.interrupts.resetStream("downstream_remote_disconnect");
    signal?.addEventListener("abort", () => this.downstreamDisconnected(), { once: true });
    let upstreamRequest: UpstreamRequest | undefined;
    let interrupt: Interrupt | undefined;
    if (this.vm.failure !== undefined) {
      interrupt = this.plugin.failOrSkip();
    } else if (this.plugin.call("proxy_on_context_create", this.rootId) === FAILED) {
      interrupt = { kind: "fail" };
    }
    interrupt ??= this.interrupts.take();
    interrupt ??= await this.decoder.filter(new ChunkReader(this.request.body)).catch(
      () => ({ kind: "reset", details: "downstream_remote_disconnect" }) as const,
    );
    if (interrupt === undefined) {
      const trailers = this.decoder.trailers?.pairs() ?? [];
      const started = this.startedUpstream!;
      started.end(trailers);
      upstreamRequest = {
        headers: this.requestHeaders.pairs(),
        body: concatBytes(this.decoder.forwarded),
        trailers,
        overrideHost: this.upstreamOverrideHost,
      };
      const response = await started.response;
      this.details = "via_upstream";
      this.encoder.trailers = response.trailers === undefined ? undefined : new HeaderMap(toPairs(response.trailers));
      interrupt = await this.respond(
        new HeaderMap([[":status", String(response.status)], ...toPairs(response.headers)]),
        response.body,
      );
    }
    if (interrupt !== undefined) {
      this.startedUpstream?.reset();
      await this.handle(interrupt);
    }
    this.finish();
    return {
      status: Number(this.encoder.headers?.get(":status") ?? 0),
      headers: this.encoder.headers?.pairs() ?? [],
      body: concatBytes(this.encoder.forwarded),
      trailers: this.encoder.trailers?.pairs() ?? [],
      details: this.details,
      localReply: this.localReplyRecord,
      reset: this.interrupts.resetReason,
      upstreamRequest,
      callbackResults: this.plugin.results,
      properties: new Map(this.filterState),
      envoyFilterState: new Map(this.envoyFilterState),
      flowControl: {
        downstreamPausedReading: this.decoder.reading.pausedReading,
        downstreamResumedReading: this.decoder.reading.resumedReading,
        upstreamPausedReading: this.encoder.reading.pausedReading,
        upstreamResumedReading: this.encoder.reading.resumedReading,
      },
    };
  }

  /** Sends response headers and body through the plugin's response callbacks. */
  private respond(headers: HeaderMap, body: BodyInput | undefined): Promise<Interrupt | undefined> {
    this.encoder.headers = headers;
    return this.encoder.filter(new ChunkReader(body));
  }

  /** Ends the stream on an interrupt: local reply (through the plugin while the response has not begun), reset, or failure. */
  private async handle(interrupt: Interrupt): Promise<void> {
    if (interrupt.kind === "fail") {
      this.vm.services.logs.host(LogLevel.Debug, "wasm_fail_stream");
      return this.handle(this.envoyReply(503, "", "wasm_fail_stream", GrpcStatus.Unavailable));
    }
    if (interrupt.kind === "reset" || this.responseStarted) {
      this.interrupts.resetReason = interrupt.kind === "reset" ? interrupt.details : "local_reply_after_response_started";
      return;
    }
    const { reply, source } = interrupt;
    this.details = reply.details;
    this.localReplyRecord = {
      status: Number(reply.headers.get(":status")),
      details: reply.details,
      body: reply.body,
      headers: reply.headers.pairs(),
      source,
    };
    const inResponsePhase = this.encoder.headers !== undefined;
    this.encoder.trailers = undefined;
    this.encoder.forwarded.length = 0;
    this.encoder.body.take();
    if (inResponsePhase || this.plugin.skipped || this.vm.failure !== undefined) {
      this.encoder.headers = reply.headers;
      this.encoder.sendHeaders(reply.body.length === 0);
      if (reply.body.length > 0) this.encoder.sendData(reply.body);
      return;
    }
    const next = await this.respond(reply.headers, reply.body);
    if (next?.kind === "local_reply") {
      this.vm.services.logs.violation("second_local_reply", "second local reply ignored: the response is already a local reply");
    } else if (next !== undefined) {
      await this.handle(next);
    }
  }

  /** Envoy's own local reply to this request. */
  private envoyReply(status: number, body: string, details: string, grpcStatus?: number): Interrupt {
    return envoyLocalReply(this.requestHeaders, status, body, details, grpcStatus);
  }

  /** The client went away: Envoy resets the stream (`downstream_remote_disconnect`); on_log and the rest still run. */
  private downstreamDisconnected(): void {
    this.interrupts.resetStream("downstream_remote_disconnect");
    this.startedUpstream?.reset();
  }

  /** Calls on_log (with read-only header maps), on_done and on_delete, then forgets the context. */
  private finish(): void {
    this.available.clear();
    this.inLog = true;
    this.plugin.call("proxy_on_log");
    this.inLog = false;
    this.plugin.call("proxy_on_done");
    this.plugin.call("proxy_on_delete");
    this.vm.removeContext(this.id);
  }

  override get unavailableMapStatus(): WasmResult {
    return this.inLog ? WasmResult.NotFound : WasmResult.BadArgument;
  }

  override headerMap(type: MapType): MapAccess | undefined {
    const map = this.mapOf(type);
    if (map === undefined) return undefined;
    if (this.inLog) return type === MapType.HttpRequestTrailers ? undefined : { map, readOnly: true };
    return this.available.has(type) ? { map, readOnly: false } : undefined;
  }

  private mapOf(type: MapType): HeaderMap | undefined {
    switch (type) {
      case MapType.HttpRequestHeaders: return this.requestHeaders;
      case MapType.HttpRequestTrailers: return this.decoder.trailers;
      case MapType.HttpResponseHeaders: return this.encoder.headers;
      case MapType.HttpResponseTrailers: return this.encoder.trailers;
      default: return undefined;
    }
  }

  override buffer(type: BufferType): BufferAccess | undefined {
    if (type === BufferType.HttpRequestBody) return this.decoder.body.access();
    if (type === BufferType.HttpResponseBody) return this.encoder.body.access();
    return super.buffer(type);
  }

  property(path: string[]): PropertyResult {
    const legacy = this.vm.config.mode === "higress" ? higressLegacyProperties(this.attributes()) : undefined;
    return resolveProperty(streamProperties(this.vm, this.attributes()), this.filterState, legacy, path);
  }

  private attributes(): StreamAttributes {
    const request = this.request;
    return {
      requestHeaders: this.requestHeaders,
      responseHeaders: this.encoder.headers,
      responseTrailers: this.encoder.trailers,
      startTime: this.startTime,
      protocol: request.protocol ?? "HTTP/1.1",
      routeName: request.routeName ?? "",
      clusterName: request.clusterName ?? "",
      responseCodeDetails: this.details || undefined,
      requestBodyBytes: this.decoder.received,
      connectionId: BigInt(this.id),
      source: request.source ?? { address: "127.0.0.1", port: 50000 },
      destination: request.destination ?? { address: "127.0.0.1", port: 80 },
    };
  }

  override setProperty(path: string[], value: Uint8Array): WasmResult {
    const name = path.join("\0");
    if (this.vm.config.mode === "higress" && (name === "set_decoder_buffer_limit" || name === "set_encoder_buffer_limit")) {
      const limit = Number(new TextDecoder().decode(value));
      if (!Number.isInteger(limit) || limit < 0) return WasmResult.BadArgument;
      (name === "set_decoder_buffer_limit" ? this.decoder : this.encoder).bufferLimit = limit;
    }
    if (this.filterState.has(name) && this.root.propertyPrototypes.get(name)?.readonly) return WasmResult.BadArgument;
    this.filterState.set(name, value.slice());
    return WasmResult.Ok;
  }

  /** `set_envoy_filter_state`: an object of a registered filter-state factory, stored under its key. */
  setEnvoyFilterState(key: string, value: string): void {
    this.envoyFilterState.set(key, value);
  }

  override sendLocalResponse(reply: LocalReplyRequest): void {
    if (this.interrupts.localReplyPending || this.localReplyRecord !== undefined) {
      this.vm.services.logs.violation("second_local_reply", "proxy_send_local_response called again on a stream that already has a local reply; Envoy ignores it");
      return;
    }
    this.interrupts.sendLocalReply(reply);
  }

  override continueStream(type: StreamType): WasmResult {
    this.vm.afterVmCall(() => {
      if (type === StreamType.HttpRequest) this.available.delete(MapType.HttpRequestHeaders);
      if (this.interrupts.continueIteration(type)) return;
      if ((type === StreamType.HttpRequest ? this.decoder : this.encoder).stopped) return;
      this.vm.services.logs.violation(
        "continue_without_pause",
        `proxy_continue_stream(${StreamType[type]}) on a stream that is not paused there (Envoy asserts "Attempting to continue iteration while the IterationState is already Continue" in debug builds)`,
      );
    });
    return WasmResult.Ok;
  }

  override closeStream(_type: StreamType): WasmResult {
    this.vm.afterVmCall(() => this.interrupts.resetStream("wasm_close_stream"));
    return WasmResult.Ok;
  }

  override injectEncodedData(data: Uint8Array, _endStream: boolean): WasmResult {
    this.encoder.sendData(data);
    return WasmResult.Ok;
  }

  override setUpstreamOverrideHost(address: string): WasmResult {
    this.upstreamOverrideHost = address;
    return WasmResult.Ok;
  }
}
