/**
 * One HTTP stream through the plugin, as Envoy's wasm filter and filter manager run it: lazy context
 * creation, request callbacks, upstream, response callbacks, then on_log → on_done → on_delete. Pauses
 * are real: a stopped stream awaits `proxy_continue_stream`, a local reply or a reset, which callbacks
 * on the root context (callout answers, ticks, queues) deliver later.
 */
import { randomUUID } from "node:crypto";
import {
  BufferType,
  FilterDataStatus,
  FilterHeadersStatus,
  FilterTrailersStatus,
  GrpcStatus,
  MapType,
  StreamType,
  WasmResult,
} from "../abi/enums.js";
import { toFilterDataStatus, toFilterHeadersStatus, toFilterTrailersStatus } from "../abi/statuses.js";
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
import { noTimer } from "../services/clock.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { BodyBuffer, concatBytes } from "./body-buffer.js";
import { ChunkReader, toPairs } from "./chunks.js";
import { HeaderMap } from "./header-map.js";
import { prepareLocalReply, type LocalReply, type LocalReplyRequest } from "./local-reply.js";
import type {
  BodyInput,
  CallbackResult,
  LocalReplyRecord,
  ResponseSink,
  StreamRequest,
  StreamResult,
  StreamingUpstream,
  UpstreamRequest,
} from "./messages.js";
import { StartedUpstreamRequest } from "./upstream-request.js";

/** Why a direction stopped early. */
type Interrupt =
  | { readonly kind: "local_reply"; readonly reply: LocalReply; readonly source: "plugin" | "envoy" }
  | { readonly kind: "reset"; readonly details: string }
  | { readonly kind: "fail" };

/** The request or response side of the filter. */
interface Direction {
  readonly stream: StreamType;
  readonly callbacks: readonly [headers: string, body: string, trailers: string];
  readonly maps: readonly [headers: MapType, trailers: MapType];
  readonly body: BodyBuffer;
  readonly limit: () => number;
  /** Envoy's reaction when the buffered body exceeds the limit. */
  readonly tooLarge: () => Interrupt;
  /** The headers went on (upstream, or downstream for the response); `endOfStream`: nothing follows them. */
  readonly headersSent: (endOfStream: boolean) => void;
  /** Body bytes received from the codec so far. */
  received: number;
  /** Body bytes that went on, in order. */
  readonly forwarded: Uint8Array[];
  /** Sends body bytes on. */
  readonly emit: (bytes: Uint8Array) => void;
  /** Envoy's flow control on the peer this side reads from (downstream for requests, upstream for responses). */
  readonly reading: ReadingControl;
  /** The filter stopped iteration on this side and has not continued (`canIterate()` is false). */
  stopped: boolean;
}

const encoder = new TextEncoder();
const FAILED = Symbol("failed");
const WAITING_SINCE_NOTHING_CAN_WAKE =
  "stream paused with no callout, queue delivery or tick pending: it waits for the client or stream_idle_timeout, as in Envoy";

/** Whether the side's peer is read-disabled, and Envoy's `*_flow_control_{paused,resumed}_reading_total` counts. */
interface ReadingControl {
  paused: boolean;
  pausedReading: number;
  resumedReading: number;
}

/** Above the high watermark (the buffer limit): Envoy read-disables the peer. */
function pauseReading(reading: ReadingControl): void {
  reading.paused = true;
  reading.pausedReading++;
}

/** Drained below the low watermark (half the limit): reading resumes. */
function resumeReading(reading: ReadingControl): void {
  reading.paused = false;
  reading.resumedReading++;
}

/** An HTTP stream context (ids 2, 3, … in its VM). */
export class HttpStream extends Context {
  readonly rootId: number;
  readonly callbackResults: CallbackResult[] = [];
  private readonly requestHeaders: HeaderMap;
  private requestTrailers: HeaderMap | undefined;
  private responseHeaders: HeaderMap | undefined;
  private responseTrailers: HeaderMap | undefined;
  private readonly available = new Set<MapType>();
  private inLog = false;
  private readonly filterState = new Map<string, Uint8Array>();
  private readonly envoyFilterState = new Map<string, string>();
  private pendingLocalReply: LocalReplyRequest | undefined;
  private pendingReset: string | undefined;
  private stopNext = false;
  private readonly earlyContinue = new Set<StreamType>();
  private waiter: { readonly type: StreamType; readonly settle: (interrupt: Interrupt | undefined) => void } | undefined;
  private skipPlugin = false;
  private responseStarted = false;
  private localReplyRecord: LocalReplyRecord | undefined;
  private details = "";
  private decoderLimit: number;
  private encoderLimit: number;
  private upstreamOverrideHost: string | undefined;
  private sink: ResponseSink | undefined;
  private upstream: StreamingUpstream | undefined;
  private startedUpstream: StartedUpstreamRequest | undefined;
  private readonly startTime = new Date();
  private readonly request: StreamRequest;
  private readonly requestSide: Direction;
  private readonly responseSide: Direction;

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
    this.requestTrailers = request.trailers === undefined ? undefined : new HeaderMap(toPairs(request.trailers));
    this.decoderLimit = this.encoderLimit = vm.config.bufferLimitBytes;
    const reading = (): ReadingControl => ({ paused: false, pausedReading: 0, resumedReading: 0 });
    this.requestSide = {
      stream: StreamType.HttpRequest,
      callbacks: ["proxy_on_request_headers", "proxy_on_request_body", "proxy_on_request_trailers"],
      maps: [MapType.HttpRequestHeaders, MapType.HttpRequestTrailers],
      body: new BodyBuffer(),
      limit: () => this.decoderLimit,
      tooLarge: () => this.envoyReply(413, "Payload Too Large", "request_payload_too_large"),
      headersSent: (endOfStream) => {
        this.startedUpstream = new StartedUpstreamRequest(this.upstream!, this.requestHeaders.pairs(), endOfStream, this.upstreamOverrideHost);
      },
      received: 0,
      forwarded: [],
      emit: (bytes) => {
        this.requestSide.forwarded.push(bytes);
        this.startedUpstream?.data(bytes);
      },
      reading: reading(),
      stopped: false,
    };
    this.responseSide = {
      stream: StreamType.HttpResponse,
      callbacks: ["proxy_on_response_headers", "proxy_on_response_body", "proxy_on_response_trailers"],
      maps: [MapType.HttpResponseHeaders, MapType.HttpResponseTrailers],
      body: new BodyBuffer(),
      limit: () => this.encoderLimit,
      tooLarge: () =>
        this.responseStarted
          ? { kind: "reset", details: "response_payload_too_large" }
          : this.envoyReply(500, "Internal Server Error", "response_payload_too_large"),
      headersSent: () => {
        this.responseStarted = true;
        this.sink?.headers(this.responseHeaders?.pairs() ?? []);
      },
      received: 0,
      forwarded: [],
      emit: (bytes) => {
        this.responseSide.forwarded.push(bytes);
        this.sink?.data(bytes);
      },
      reading: reading(),
      stopped: false,
    };
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
    if (signal?.aborted) this.pendingReset = "downstream_remote_disconnect";
    signal?.addEventListener("abort", () => this.downstreamDisconnected(), { once: true });
    let upstreamRequest: UpstreamRequest | undefined;
    let interrupt: Interrupt | undefined;
    if (this.vm.failure !== undefined) {
      interrupt = this.failOrSkip();
    } else if (this.callPlugin("proxy_on_context_create", this.id, this.rootId) === FAILED) {
      interrupt = { kind: "fail" };
    }
    interrupt ??= this.takeInterrupt();
    interrupt ??= await this.filter(this.requestSide, this.requestHeaders, new ChunkReader(this.request.body), () => this.requestTrailers).catch(
      () => ({ kind: "reset", details: "downstream_remote_disconnect" }) as const,
    );
    if (interrupt === undefined) {
      const trailers = this.requestTrailers?.pairs() ?? [];
      const started = this.startedUpstream!;
      started.end(trailers);
      upstreamRequest = {
        headers: this.requestHeaders.pairs(),
        body: concatBytes(this.requestSide.forwarded),
        trailers,
        overrideHost: this.upstreamOverrideHost,
      };
      const response = await started.response;
      this.details = "via_upstream";
      this.responseTrailers = response.trailers === undefined ? undefined : new HeaderMap(toPairs(response.trailers));
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
      status: Number(this.responseHeaders?.get(":status") ?? 0),
      headers: this.responseHeaders?.pairs() ?? [],
      body: concatBytes(this.responseSide.forwarded),
      trailers: this.responseTrailers?.pairs() ?? [],
      details: this.details,
      localReply: this.localReplyRecord,
      reset: this.pendingReset,
      upstreamRequest,
      callbackResults: this.callbackResults,
      properties: new Map(this.filterState),
      envoyFilterState: new Map(this.envoyFilterState),
      flowControl: {
        downstreamPausedReading: this.requestSide.reading.pausedReading,
        downstreamResumedReading: this.requestSide.reading.resumedReading,
        upstreamPausedReading: this.responseSide.reading.pausedReading,
        upstreamResumedReading: this.responseSide.reading.resumedReading,
      },
    };
  }

  /** Sends response headers and body through the plugin's response callbacks. */
  private respond(headers: HeaderMap, body: BodyInput | undefined): Promise<Interrupt | undefined> {
    this.responseHeaders = headers;
    return this.filter(this.responseSide, headers, new ChunkReader(body), () => this.responseTrailers);
  }

  /** Ends the stream on an interrupt: local reply (through the plugin while the response has not begun), reset, or failure. */
  private async handle(interrupt: Interrupt): Promise<void> {
    if (interrupt.kind === "fail") {
      this.vm.services.logs.host(LogLevel.Debug, "wasm_fail_stream");
      return this.handle(this.envoyReply(503, "", "wasm_fail_stream", GrpcStatus.Unavailable));
    }
    if (interrupt.kind === "reset" || this.responseStarted) {
      this.pendingReset = interrupt.kind === "reset" ? interrupt.details : "local_reply_after_response_started";
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
    const inResponsePhase = this.responseHeaders !== undefined;
    this.responseTrailers = undefined;
    this.responseSide.forwarded.length = 0;
    this.responseSide.body.take();
    if (inResponsePhase || this.skipPlugin || this.vm.failure !== undefined) {
      this.responseHeaders = reply.headers;
      this.responseSide.headersSent(reply.body.length === 0);
      if (reply.body.length > 0) this.responseSide.emit(reply.body);
      return;
    }
    const next = await this.respond(reply.headers, reply.body);
    if (next?.kind === "local_reply") {
      this.vm.services.logs.violation("second_local_reply", "second local reply ignored: the response is already a local reply");
    } else if (next !== undefined) {
      await this.handle(next);
    }
  }

  /** Envoy's own local reply (no plugin headers). */
  private envoyReply(status: number, body: string, details: string, grpcStatus?: number): Interrupt {
    const request: LocalReplyRequest = { status, details, body: encoder.encode(body), headers: [], grpcStatus };
    return { kind: "local_reply", reply: prepareLocalReply(request, this.requestHeaders), source: "envoy" };
  }

  /** The failed-VM policy: fail open skips the plugin, fail closed answers 503 `wasm_fail_stream`. */
  private failOrSkip(): Interrupt | undefined {
    if (!this.vm.config.failOpen) return { kind: "fail" };
    this.skipPlugin = true;
    return undefined;
  }

  /** Calls a plugin callback; returns the raw result (0 for a missing export or a skipped plugin), or FAILED. */
  private callPlugin(name: string, ...args: number[]): number | typeof FAILED {
    if (this.skipPlugin) return 0;
    const result = this.vm.call(this, name, ...args);
    if (result.status === "failed") return this.failOrSkip() === undefined ? 0 : FAILED;
    return result.status === "ok" ? result.value : 0;
  }

  /** What a callback left behind: a failure, a local reply, or a reset. */
  private takeInterrupt(): Interrupt | undefined {
    this.stopNext = false;
    if (this.pendingLocalReply !== undefined) {
      const reply = prepareLocalReply(this.pendingLocalReply, this.requestHeaders);
      this.pendingLocalReply = undefined;
      return { kind: "local_reply", reply, source: "plugin" };
    }
    if (this.pendingReset !== undefined) return { kind: "reset", details: this.pendingReset };
    return undefined;
  }

  private record(callback: string, raw: number, status: string | undefined): void {
    this.callbackResults.push({ callback, raw: this.skipPlugin ? undefined : raw, status });
  }

  /** Runs one side of the filter: headers, body chunks, trailers, with Envoy's stop/continue/buffer rules. */
  private async filter(
    side: Direction,
    headers: HeaderMap,
    reader: ChunkReader,
    trailers: () => HeaderMap | undefined,
  ): Promise<Interrupt | undefined> {
    const [headersCallback, bodyCallback, trailersCallback] = side.callbacks;
    const [headersMap, trailersMap] = side.maps;
    const endAtHeaders = (await reader.isEmpty()) && trailers() === undefined;
    this.available.add(headersMap);
    const rawHeaders = this.callPlugin(headersCallback, this.id, headers.size, endAtHeaders ? 1 : 0);
    if (rawHeaders === FAILED) return { kind: "fail" };
    const headerStatus = this.consumeStop()
      ? FilterHeadersStatus.StopAllIterationAndWatermark
      : toFilterHeadersStatus(rawHeaders, this.vm.abi, this.vm.config.allowOnHeadersStopIteration);
    this.record(headersCallback, rawHeaders, FilterHeadersStatus[headerStatus]);
    let interrupt = this.takeInterrupt();
    if (interrupt !== undefined) return interrupt;

    let headersHeld = true;
    side.stopped = headerStatus !== FilterHeadersStatus.Continue;
    let bufferWithLimit = headerStatus === FilterHeadersStatus.StopAllIterationAndBuffer;
    const releaseHeaders = () => {
      if (!headersHeld) return;
      headersHeld = false;
      this.available.delete(headersMap);
      side.headersSent(endAtHeaders || (reader.done && side.body.bytes.length === 0 && trailers() === undefined));
    };
    const forward = () => {
      releaseHeaders();
      const bytes = side.body.take();
      if (bytes.length > 0) side.emit(bytes);
      side.stopped = false;
    };
    if (!side.stopped) releaseHeaders();

    /** One body callback over everything held so far; the last one may create trailers. */
    const deliverBody = (endOfStream: boolean): Interrupt | undefined => {
      const created = endOfStream && trailers() === undefined;
      if (created) this.setTrailers(side, new HeaderMap());
      if (endOfStream) this.available.add(trailersMap);
      side.body.inCallback = true;
      const raw = this.callPlugin(bodyCallback, this.id, side.body.bytes.length, endOfStream ? 1 : 0);
      side.body.inCallback = false;
      this.available.delete(trailersMap);
      if (created && trailers()?.size === 0) this.setTrailers(side, undefined);
      if (raw === FAILED) return { kind: "fail" };
      const status = this.consumeStop() ? FilterDataStatus.StopIterationNoBuffer : toFilterDataStatus(raw);
      this.record(bodyCallback, raw, FilterDataStatus[status]);
      const pending = this.takeInterrupt();
      if (pending !== undefined) return pending;
      if (status === FilterDataStatus.Continue) {
        forward();
        return undefined;
      }
      side.stopped = true;
      bufferWithLimit = status === FilterDataStatus.StopIterationAndBuffer;
      if (status === FilterDataStatus.StopIterationNoBuffer) side.body.take();
      if (bufferWithLimit && side.body.bytes.length > side.limit()) return side.tooLarge();
      return undefined;
    };

    /** A watermark buffer above the limit read-disables the peer instead of failing the stream (Envoy's flow control). */
    const overLimit = (watermark: boolean): Interrupt | undefined => {
      if (side.body.bytes.length <= side.limit()) return undefined;
      if (!watermark) return side.tooLarge();
      if (!side.reading.paused) pauseReading(side.reading);
      return undefined;
    };

    if (headerStatus === FilterHeadersStatus.StopAllIterationAndBuffer || headerStatus === FilterHeadersStatus.StopAllIterationAndWatermark) {
      const watermark = headerStatus === FilterHeadersStatus.StopAllIterationAndWatermark;
      for (let next = side.reading.paused ? undefined : await reader.read(); next !== undefined; next = side.reading.paused ? undefined : await reader.read()) {
        side.received += next.chunk.length;
        side.body.append(next.chunk);
        interrupt = overLimit(watermark);
        if (interrupt !== undefined) return interrupt;
      }
      interrupt = await this.waitForContinue(side.stream);
      if (interrupt !== undefined) return interrupt;
      releaseHeaders();
      side.stopped = false;
      if (side.body.bytes.length > 0) interrupt = deliverBody(reader.done && trailers() === undefined);
      if (interrupt === undefined) interrupt = overLimit(!bufferWithLimit);
    }
    while (interrupt === undefined && !reader.done) {
      if (side.reading.paused && side.body.bytes.length > side.limit() / 2) {
        // read-disabled: only the plugin continuing (which drains the buffer) lets more data in
        interrupt = await this.waitForContinue(side.stream);
        if (interrupt !== undefined) return interrupt;
        forward();
      }
      if (side.reading.paused) resumeReading(side.reading);
      const next = await reader.read();
      if (next === undefined) break;
      side.received += next.chunk.length;
      const endOfStream = next.last && trailers() === undefined;
      if (next.chunk.length === 0 && !endOfStream) continue;
      if (bufferWithLimit && side.body.bytes.length + next.chunk.length > side.limit()) return side.tooLarge();
      side.body.append(next.chunk);
      interrupt = deliverBody(endOfStream) ?? overLimit(side.stopped && !bufferWithLimit);
    }
    if (interrupt !== undefined) return interrupt;

    const trailerMap = trailers();
    if (trailerMap !== undefined && trailerMap.size > 0 && !endAtHeaders) {
      this.available.add(trailersMap);
      const raw = this.callPlugin(trailersCallback, this.id, trailerMap.size);
      this.available.delete(trailersMap);
      if (raw === FAILED) return { kind: "fail" };
      const status = this.consumeStop() ? FilterTrailersStatus.StopIteration : toFilterTrailersStatus(raw);
      this.record(trailersCallback, raw, FilterTrailersStatus[status]);
      interrupt = this.takeInterrupt();
      if (interrupt !== undefined) return interrupt;
      if (status === FilterTrailersStatus.StopIteration) side.stopped = true;
    }
    if (side.stopped) {
      interrupt = await this.waitForContinue(side.stream);
      if (interrupt !== undefined) return interrupt;
    }
    forward();
    return undefined;
  }

  private setTrailers(side: Direction, map: HeaderMap | undefined): void {
    if (side === this.requestSide) this.requestTrailers = map;
    else this.responseTrailers = map;
  }

  /** A local reply during the callback forces "stop" whatever the plugin returned (cpp-host `stopNextIteration`). */
  private consumeStop(): boolean {
    const stop = this.stopNext;
    this.stopNext = false;
    return stop;
  }

  /**
   * Waits until the plugin continues `type`, or the stream is answered or reset. Like Envoy, nothing else ends
   * the wait but the stream idle timeout (408 `stream_idle_timeout`) or the client going away; a stream that
   * nothing can wake any more is reported once with a warning.
   */
  private waitForContinue(type: StreamType): Promise<Interrupt | undefined> | undefined {
    if (this.earlyContinue.delete(type)) return undefined;
    const pending = this.takeInterrupt();
    if (pending !== undefined) return Promise.resolve(pending);
    const { services, config } = this.vm;
    return new Promise((resolve) => {
      let warned = false;
      const check = () => {
        if (warned || this.waiter === undefined || services.pending > 0 || this.root.tickPeriodMs > 0) return;
        warned = true;
        services.logs.host(LogLevel.Warn, WAITING_SINCE_NOTHING_CAN_WAKE);
      };
      const cancelIdle = config.streamIdleTimeoutMs > 0
        ? services.clock.setTimer(config.streamIdleTimeoutMs, () => settle(this.envoyReply(408, "stream timeout", "stream_idle_timeout")))
        : noTimer;
      const settle = (interrupt: Interrupt | undefined) => {
        cancelIdle();
        services.events.off("delivered", check);
        this.waiter = undefined;
        resolve(interrupt);
      };
      this.waiter = { type, settle };
      services.events.on("delivered", check);
      check();
    });
  }

  /** The client went away: Envoy resets the stream (`downstream_remote_disconnect`); on_log and the rest still run. */
  private downstreamDisconnected(): void {
    this.pendingReset ??= "downstream_remote_disconnect";
    this.startedUpstream?.reset();
    this.interruptWaiter();
  }

  /** Calls on_log (with read-only header maps), on_done and on_delete, then forgets the context. */
  private finish(): void {
    this.available.clear();
    this.inLog = true;
    this.callPlugin("proxy_on_log", this.id);
    this.inLog = false;
    this.callPlugin("proxy_on_done", this.id);
    this.callPlugin("proxy_on_delete", this.id);
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
      case MapType.HttpRequestTrailers: return this.requestTrailers;
      case MapType.HttpResponseHeaders: return this.responseHeaders;
      case MapType.HttpResponseTrailers: return this.responseTrailers;
      default: return undefined;
    }
  }

  override buffer(type: BufferType): BufferAccess | undefined {
    if (type === BufferType.HttpRequestBody) return this.requestSide.body.access();
    if (type === BufferType.HttpResponseBody) return this.responseSide.body.access();
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
      responseHeaders: this.responseHeaders,
      responseTrailers: this.responseTrailers,
      startTime: this.startTime,
      protocol: request.protocol ?? "HTTP/1.1",
      routeName: request.routeName ?? "",
      clusterName: request.clusterName ?? "",
      responseCodeDetails: this.details || undefined,
      requestBodyBytes: this.requestSide.received,
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
      if (name === "set_decoder_buffer_limit") this.decoderLimit = limit;
      else this.encoderLimit = limit;
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
    if (this.pendingLocalReply !== undefined || this.localReplyRecord !== undefined) {
      this.vm.services.logs.violation("second_local_reply", "proxy_send_local_response called again on a stream that already has a local reply; Envoy ignores it");
      return;
    }
    this.pendingLocalReply = reply;
    this.stopNext = true;
    this.vm.afterVmCall(() => this.interruptWaiter());
  }

  override continueStream(type: StreamType): WasmResult {
    this.vm.afterVmCall(() => {
      if (type === StreamType.HttpRequest) this.available.delete(MapType.HttpRequestHeaders);
      if (this.waiter?.type === type) {
        this.waiter.settle(undefined);
        return;
      }
      this.earlyContinue.add(type);
      if ((type === StreamType.HttpRequest ? this.requestSide : this.responseSide).stopped) return;
      this.vm.services.logs.violation(
        "continue_without_pause",
        `proxy_continue_stream(${StreamType[type]}) on a stream that is not paused there (Envoy asserts "Attempting to continue iteration while the IterationState is already Continue" in debug builds)`,
      );
    });
    return WasmResult.Ok;
  }

  override closeStream(_type: StreamType): WasmResult {
    this.vm.afterVmCall(() => {
      this.pendingReset ??= "wasm_close_stream";
      this.interruptWaiter();
    });
    return WasmResult.Ok;
  }

  private interruptWaiter(): void {
    if (this.waiter !== undefined) this.waiter.settle(this.takeInterrupt());
  }

  override injectEncodedData(data: Uint8Array, _endStream: boolean): WasmResult {
    this.responseSide.emit(data);
    return WasmResult.Ok;
  }

  override setUpstreamOverrideHost(address: string): WasmResult {
    this.upstreamOverrideHost = address;
    return WasmResult.Ok;
  }
}

