/**
 * One direction of the wasm filter as Envoy's filter manager drives it: the decoder side (request) or the encoder
 * side (response), through headers, body chunks and trailers with Envoy's stop/continue/buffer/watermark rules.
 */
import { FilterDataStatus, FilterHeadersStatus, FilterTrailersStatus, type MapType, type StreamType } from "../abi/enums.js";
import { toFilterDataStatus, toFilterHeadersStatus, toFilterTrailersStatus } from "../abi/statuses.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { BodyBuffer } from "./body-buffer.js";
import type { ChunkReader } from "./chunks.js";
import { ReadingControl } from "./flow-control.js";
import { HeaderMap } from "./header-map.js";
import type { Interrupt, StreamInterrupts } from "./interrupts.js";
import { FAILED, type PluginCallbacks } from "./plugin-callbacks.js";

/** What sets the decoder and encoder sides apart: their callbacks, maps, and where their headers and data go on. */
export interface DirectionSpec {
  readonly stream: StreamType;
  readonly callbacks: readonly [headers: string, body: string, trailers: string];
  readonly maps: readonly [headers: MapType, trailers: MapType];
  /** Envoy's reaction when the buffered body exceeds the limit. */
  readonly tooLarge: () => Interrupt;
  /** The headers went on (upstream, or downstream for the response); `endOfStream`: nothing follows them. */
  readonly headersSent: (endOfStream: boolean) => void;
  /** Body bytes went on. */
  readonly dataSent: (bytes: Uint8Array) => void;
}

/** What a direction shares with its stream. */
export interface FilterStream {
  readonly vm: PluginVm;
  readonly plugin: PluginCallbacks;
  readonly interrupts: StreamInterrupts;
  /** The header maps the plugin may use right now. */
  readonly available: Set<MapType>;
}

/** The request or response side of one stream's filter. */
export class DirectionFilter {
  /** This side's headers (the encoder side's once the response begins). */
  headers: HeaderMap | undefined;
  /** This side's trailers; the last body callback may add them (Envoy's `addDecodedTrailers` / `addEncodedTrailers`). */
  trailers: HeaderMap | undefined;
  readonly body = new BodyBuffer();
  /** Envoy's decoder or encoder buffer limit. */
  bufferLimit: number;
  /** Body bytes received from the codec so far. */
  received = 0;
  /** Body bytes that went on, in order. */
  readonly forwarded: Uint8Array[] = [];
  /** Envoy's flow control on the peer this side reads from (downstream for requests, upstream for responses). */
  readonly reading = new ReadingControl();
  /** The filter stopped iteration on this side and has not continued (`canIterate()` is false). */
  stopped = false;
  /** Where this side's body comes from, once filtering began. */
  private reader: ChunkReader | undefined;
  /** The headers end the stream: no body, no trailers. */
  private endAtHeaders = false;
  /** The headers were stopped and have not gone on yet. */
  private headersHeld = false;
  /** The body buffers up to the limit, then fails the stream (`StopAllIterationAndBuffer`, `StopIterationAndBuffer`). */
  private bufferWithLimit = false;

  constructor(
    private readonly spec: DirectionSpec,
    private readonly stream: FilterStream,
    bufferLimit: number,
    headers?: HeaderMap,
    trailers?: HeaderMap,
  ) {
    this.bufferLimit = bufferLimit;
    this.headers = headers;
    this.trailers = trailers;
  }

  /** Sends the headers on; `endOfStream`: nothing follows them. */
  sendHeaders(endOfStream: boolean): void {
    this.spec.headersSent(endOfStream);
  }

  /** Sends body bytes on. */
  sendData(bytes: Uint8Array): void {
    this.forwarded.push(bytes);
    this.spec.dataSent(bytes);
  }

  /** Runs this side through the plugin: headers, body chunks from `reader`, trailers; undefined once all went on. */
  async filter(reader: ChunkReader): Promise<Interrupt | undefined> {
    const { plugin, interrupts, vm } = this.stream;
    const [headersCallback] = this.spec.callbacks;
    this.reader = reader;
    this.endAtHeaders = (await reader.isEmpty()) && this.trailers === undefined;
    this.stream.available.add(this.spec.maps[0]);
    const raw = plugin.call(headersCallback, this.headers!.size, this.endAtHeaders ? 1 : 0);
    if (raw === FAILED) return { kind: "fail" };
    const headersStatus = interrupts.consumeStop()
      ? FilterHeadersStatus.StopAllIterationAndWatermark
      : toFilterHeadersStatus(raw, vm.abi, vm.config.allowOnHeadersStopIteration);
    plugin.record(headersCallback, raw, FilterHeadersStatus[headersStatus]);
    let interrupt = interrupts.take();
    if (interrupt !== undefined) return interrupt;

    this.headersHeld = true;
    this.stopped = headersStatus !== FilterHeadersStatus.Continue;
    this.bufferWithLimit = headersStatus === FilterHeadersStatus.StopAllIterationAndBuffer;
    if (!this.stopped) this.releaseHeaders();

    if (headersStatus === FilterHeadersStatus.StopAllIterationAndBuffer || headersStatus === FilterHeadersStatus.StopAllIterationAndWatermark) {
      // StopAllIteration: the body buffers without body callbacks until the plugin continues
      const watermark = headersStatus === FilterHeadersStatus.StopAllIterationAndWatermark;
      for (let next = this.reading.paused ? undefined : await reader.read(); next !== undefined; next = this.reading.paused ? undefined : await reader.read()) {
        this.received += next.chunk.length;
        this.body.append(next.chunk);
        interrupt = this.overLimit(watermark);
        if (interrupt !== undefined) return interrupt;
      }
      interrupt = await interrupts.waitForContinue(this.spec.stream);
      if (interrupt !== undefined) return interrupt;
      this.releaseHeaders();
      this.stopped = false;
      if (this.body.bytes.length > 0) interrupt = this.filterData(reader.done && this.trailers === undefined);
      if (interrupt === undefined) interrupt = this.overLimit(!this.bufferWithLimit);
    }
    while (interrupt === undefined && !reader.done) {
      if (this.reading.paused && this.body.bytes.length > this.bufferLimit / 2) {
        // read-disabled: only the plugin continuing (which drains the buffer) lets more data in
        interrupt = await interrupts.waitForContinue(this.spec.stream);
        if (interrupt !== undefined) return interrupt;
        this.forward();
      }
      if (this.reading.paused) this.reading.resume();
      const next = await reader.read();
      if (next === undefined) break;
      this.received += next.chunk.length;
      const endOfStream = next.last && this.trailers === undefined;
      if (next.chunk.length === 0 && !endOfStream) continue;
      if (this.bufferWithLimit && this.body.bytes.length + next.chunk.length > this.bufferLimit) return this.spec.tooLarge();
      this.body.append(next.chunk);
      interrupt = this.filterData(endOfStream) ?? this.overLimit(this.stopped && !this.bufferWithLimit);
    }
    if (interrupt !== undefined) return interrupt;

    interrupt = this.filterTrailers();
    if (interrupt !== undefined) return interrupt;
    if (this.stopped) {
      interrupt = await interrupts.waitForContinue(this.spec.stream);
      if (interrupt !== undefined) return interrupt;
    }
    this.forward();
    return undefined;
  }

  /** One body callback over everything held so far; the last one may create trailers. */
  private filterData(endOfStream: boolean): Interrupt | undefined {
    const { plugin, interrupts, available } = this.stream;
    const bodyCallback = this.spec.callbacks[1];
    const trailersMap = this.spec.maps[1];
    const created = endOfStream && this.trailers === undefined;
    if (created) this.trailers = new HeaderMap();
    if (endOfStream) available.add(trailersMap);
    this.body.inCallback = true;
    const raw = plugin.call(bodyCallback, this.body.bytes.length, endOfStream ? 1 : 0);
    this.body.inCallback = false;
    available.delete(trailersMap);
    if (created && this.trailers?.size === 0) this.trailers = undefined;
    if (raw === FAILED) return { kind: "fail" };
    const status = interrupts.consumeStop() ? FilterDataStatus.StopIterationNoBuffer : toFilterDataStatus(raw);
    plugin.record(bodyCallback, raw, FilterDataStatus[status]);
    const pending = interrupts.take();
    if (pending !== undefined) return pending;
    if (status === FilterDataStatus.Continue) {
      this.forward();
      return undefined;
    }
    this.stopped = true;
    this.bufferWithLimit = status === FilterDataStatus.StopIterationAndBuffer;
    if (status === FilterDataStatus.StopIterationNoBuffer) this.body.take();
    if (this.bufferWithLimit && this.body.bytes.length > this.bufferLimit) return this.spec.tooLarge();
    return undefined;
  }

  /** The trailers callback, if there are trailers the headers did not end before. */
  private filterTrailers(): Interrupt | undefined {
    const { plugin, interrupts, available } = this.stream;
    const trailersCallback = this.spec.callbacks[2];
    const trailersMap = this.spec.maps[1];
    const trailers = this.trailers;
    if (trailers === undefined || trailers.size === 0 || this.endAtHeaders) return undefined;
    available.add(trailersMap);
    const raw = plugin.call(trailersCallback, trailers.size);
    available.delete(trailersMap);
    if (raw === FAILED) return { kind: "fail" };
    const status = interrupts.consumeStop() ? FilterTrailersStatus.StopIteration : toFilterTrailersStatus(raw);
    plugin.record(trailersCallback, raw, FilterTrailersStatus[status]);
    const interrupt = interrupts.take();
    if (interrupt !== undefined) return interrupt;
    if (status === FilterTrailersStatus.StopIteration) this.stopped = true;
    return undefined;
  }

  /** A watermark buffer above the limit read-disables the peer instead of failing the stream (Envoy's flow control). */
  private overLimit(watermark: boolean): Interrupt | undefined {
    if (this.body.bytes.length <= this.bufferLimit) return undefined;
    if (!watermark) return this.spec.tooLarge();
    if (!this.reading.paused) this.reading.pause();
    return undefined;
  }

  /** Sends held headers on, once; they end the stream if nothing is left to follow them. */
  private releaseHeaders(): void {
    if (!this.headersHeld) return;
    this.headersHeld = false;
    this.stream.available.delete(this.spec.maps[0]);
    this.sendHeaders(this.endAtHeaders || (this.reader!.done && this.body.bytes.length === 0 && this.trailers === undefined));
  }

  /** Continues: the headers and everything held go on. */
  private forward(): void {
    this.releaseHeaders();
    const bytes = this.body.take();
    if (bytes.length > 0) this.sendData(bytes);
    this.stopped = false;
  }
}
