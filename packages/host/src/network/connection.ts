/** The test API of one network (TCP) connection: drive the client and the upstream, read what went each way. */
import type { LogRecord, LogSink } from "../log.js";
import type { CallbackResult } from "../stream/messages.js";
import { concatBytes } from "../stream/body-buffer.js";
import type { ConnectionClose, Peer } from "./messages.js";
import type { NetworkStream } from "./network-stream.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytesOf = (data: string | Uint8Array) => (typeof data === "string" ? encoder.encode(data) : data);

/**
 * A downstream connection through the plugin, as a wasm network filter in front of Envoy's TCP proxy sees it.
 * Every call runs the plugin's callbacks at once, as Envoy does; sending on a closed connection, or upstream data
 * before the upstream is connected, is a mistake in the test and throws.
 */
export class Connection {
  constructor(
    private readonly stream: NetworkStream,
    private readonly logSink: LogSink,
    private readonly firstLog: number,
  ) {}

  /** The network stream's context id. */
  get id(): number {
    return this.stream.id;
  }

  /** The client sends `data`; `endOfStream` half-closes its side. */
  downstream(data: string | Uint8Array, endOfStream = false): void {
    this.stream.downstream(bytesOf(data), endOfStream);
  }

  /** The upstream sends `data` towards the client; `endOfStream` half-closes its side. */
  upstream(data: string | Uint8Array, endOfStream = false): void {
    this.stream.upstream(bytesOf(data), endOfStream);
  }

  /** `peer` closes its connection: the connection ends (`on_downstream_connection_close`, `on_done`, `on_log`, `on_delete`). */
  close(peer: Peer): void {
    this.stream.peerClosed(peer);
  }

  /** The bytes `peer` received through the filter: the upstream gets the client's data, the client the upstream's. */
  received(peer: Peer): Uint8Array {
    return concatBytes((peer === "upstream" ? this.stream.downstreamData : this.stream.upstreamData).sent);
  }

  /** `received(peer)` as UTF-8 text. */
  text(peer: Peer): string {
    return decoder.decode(this.received(peer));
  }

  /** How the connection was closed (by a peer, by the plugin, or on a failed VM); undefined while open. */
  get closed(): ConnectionClose | undefined {
    return this.stream.closed;
  }

  /** Whether the TCP proxy connected upstream (the plugin let the connection or its data through). */
  get upstreamConnected(): boolean {
    return this.stream.upstreamConnected;
  }

  /** The plugin's callbacks for this connection in the order they started, with raw results and Envoy's statuses. */
  get callbackResults(): readonly CallbackResult[] {
    return this.stream.callbackResults;
  }

  /** What the plugin wrote with `proxy_set_property` (filter state `wasm.<name>`), by `\0`-joined path. */
  get properties(): ReadonlyMap<string, Uint8Array> {
    return this.stream.filterState;
  }

  /** Log lines captured since the connection opened. */
  get logs(): LogRecord[] {
    return this.logSink.records.slice(this.firstLog);
  }
}
