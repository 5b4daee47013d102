/**
 * One downstream connection through the plugin, as Envoy's wasm network filter (a read and write filter in front
 * of the TCP proxy) and cpp-host drive it: `on_context_create` and `on_new_connection` when the listener accepts
 * it, `on_downstream_data` for each read, `on_upstream_data` for each write towards the client (followed by
 * `on_upstream_connection_close` at its end of stream), and on the close event `on_downstream_connection_close`,
 * then `on_done → on_log → on_delete`. Envoy calls network filters synchronously, so this is synchronous too;
 * a held connection resumes when a root-context callback (callout answer, tick, queue) calls
 * `proxy_continue_stream(DOWNSTREAM)` on it.
 */
import { BufferType, StreamType, WasmResult } from "../abi/enums.js";
import { Context, type BufferAccess } from "../context/context.js";
import type { RootContext } from "../context/root-context.js";
import { resolveProperty, type PropertyResult } from "../properties/tree.js";
import { BodyBuffer } from "../stream/body-buffer.js";
import type { CallbackResult } from "../stream/messages.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { connectionProperties } from "./connection-properties.js";
import type { ConnectionClose, ConnectionOptions, Peer } from "./messages.js";
import { NetworkFilterStatus, PeerType, toNetworkFilterStatus } from "./statuses.js";

const EMPTY = new Uint8Array(0);

/** One direction of the connection: the bytes held at this filter and those that went past it. */
class DataFlow {
  /** The connection buffer as the plugin sees it; attached (readable and mutable) while Envoy's data pointer is set. */
  readonly buffer = new BodyBuffer();
  /** Bytes that went past the filter to the other peer, in order. */
  readonly sent: Uint8Array[] = [];
  /** The sending peer half-closed (end of stream). */
  ended = false;

  /** Offers everything held to the plugin's callback (Envoy sets its data pointer to the whole buffer). */
  attach(): number {
    this.buffer.inCallback = true;
    return this.buffer.bytes.length;
  }

  /** The held bytes go on to the other peer; Envoy nulls its data pointer. */
  pass(): void {
    this.buffer.inCallback = false;
    const bytes = this.buffer.take();
    if (bytes.length > 0) this.sent.push(bytes);
  }

  /** The connection closed: held bytes are lost. */
  drop(): void {
    this.buffer.inCallback = false;
    this.buffer.take();
  }
}

/** A callback entry, filled in once the callback returns. */
type CallbackEntry = { callback: string; raw: number | undefined; status?: string };

/** A network (TCP) stream context (ids 2, 3, … in its VM, shared with HTTP streams). */
export class NetworkStream extends Context {
  readonly rootId: number;
  /** The callbacks that ran in the plugin, in the order they started, with the raw return and Envoy's status. */
  readonly callbackResults: CallbackResult[] = [];
  /** Data from the client on its way upstream (buffer `DOWNSTREAM_DATA`). */
  readonly downstreamData = new DataFlow();
  /** Data from the upstream on its way to the client (buffer `UPSTREAM_DATA`). */
  readonly upstreamData = new DataFlow();
  /** What the plugin wrote with `proxy_set_property` (filter state `wasm.<name>`), by `\0`-joined path. */
  readonly filterState = new Map<string, Uint8Array>();
  /** How the connection closed; undefined while it is open. */
  closed: ConnectionClose | undefined;
  /** Whether the filters after this one saw the connection, so the TCP proxy connected upstream. */
  upstreamConnected = false;

  constructor(vm: PluginVm, id: number, root: RootContext, private readonly options: ConnectionOptions) {
    super(vm, id);
    this.rootId = root.id;
  }

  get logPrefix(): string {
    const { name, rootId, vmId } = this.vm.config;
    return ` ${name} ${rootId} ${vmId}`;
  }

  /** The listener accepted the connection: Envoy's `onNewConnection` (`onCreate`, then `on_new_connection`). */
  open(): void {
    this.notify("proxy_on_context_create", this.id, this.rootId);
    if (this.filter("proxy_on_new_connection", this.id) === NetworkFilterStatus.Continue) this.continueReading();
  }

  /** The client sent bytes (`endOfStream`: it half-closed): `on_downstream_data` over everything the read buffer holds. */
  downstream(bytes: Uint8Array, endOfStream: boolean): void {
    this.receive("downstream", this.downstreamData, bytes, endOfStream);
    if (this.downstreamData.buffer.bytes.length === 0 && !endOfStream) return;
    const size = this.downstreamData.attach();
    const status = this.filter("proxy_on_downstream_data", this.id, size, endOfStream ? 1 : 0);
    if (status === NetworkFilterStatus.Continue) this.continueReading();
  }

  /**
   * The upstream sent bytes, written to the client through this filter: `on_upstream_data` over everything held
   * (Envoy has no way to continue a stopped write, so held bytes wait for the next write), then at the end of
   * stream `on_upstream_connection_close(UNKNOWN)`, as Envoy's filter reports the upstream's close.
   */
  upstream(bytes: Uint8Array, endOfStream: boolean): void {
    if (!this.upstreamConnected) throw new Error("no upstream connection yet: the plugin holds the connection since on_new_connection");
    this.receive("upstream", this.upstreamData, bytes, endOfStream);
    if (this.upstreamData.buffer.bytes.length === 0 && !endOfStream) return;
    const size = this.upstreamData.attach();
    const status = this.filter("proxy_on_upstream_data", this.id, size, endOfStream ? 1 : 0);
    if (this.closed !== undefined) return;
    if (status === NetworkFilterStatus.Continue) this.upstreamData.pass();
    if (endOfStream) this.notify("proxy_on_upstream_connection_close", this.id, PeerType.Unknown);
  }

  /**
   * A peer closed its connection. The client's close is a remote close; when the upstream goes away the TCP proxy
   * closes the client's connection itself, a local close.
   */
  peerClosed(peer: Peer): void {
    if (peer === "upstream" && !this.upstreamConnected) throw new Error("no upstream connection to close");
    this.close({ by: peer, details: "" }, peer === "downstream" ? PeerType.Remote : PeerType.Local);
  }

  private receive(peer: Peer, flow: DataFlow, bytes: Uint8Array, endOfStream: boolean): void {
    if (this.closed !== undefined) throw new Error(`the connection is closed (by ${this.closed.by}); ${peer} cannot send`);
    if (flow.ended) throw new Error(`${peer} already ended its stream`);
    flow.buffer.append(bytes);
    flow.ended = endOfStream;
  }

  /** Envoy's `continueReading()`: the next filters see the connection (the TCP proxy connects) and what the read buffer holds. */
  private continueReading(): void {
    if (this.closed !== undefined) return;
    this.upstreamConnected = true;
    this.downstreamData.pass();
  }

  /** The close event: `on_downstream_connection_close`, then `onCloseTCP` (`on_done → on_log → on_delete`), once. */
  private close(how: ConnectionClose, peerType: PeerType): void {
    if (this.closed !== undefined) return;
    this.closed = how;
    this.downstreamData.drop();
    this.upstreamData.drop();
    this.notify("proxy_on_downstream_connection_close", this.id, peerType);
    const done = this.call("proxy_on_done", this.id);
    if (done !== undefined) done.entry.raw = done.value;
    this.notify("proxy_on_log", this.id);
    this.notify("proxy_on_delete", this.id);
    this.vm.removeContext(this.id);
  }

  /** A filter callback with cpp-host's `CHECK_FAIL_NET` before and after it; any non-zero return stops iteration. */
  private filter(callback: string, ...args: number[]): NetworkFilterStatus {
    const ran = this.call(callback, ...args);
    if (this.vm.failure !== undefined) {
      const failed = this.failStream();
      if (ran !== undefined) ran.entry.status = NetworkFilterStatus[failed];
      return failed;
    }
    const status = ran?.value === undefined ? NetworkFilterStatus.Continue : toNetworkFilterStatus(ran.value);
    if (ran !== undefined) {
      ran.entry.raw = ran.value;
      ran.entry.status = NetworkFilterStatus[status];
    }
    return status;
  }

  /** A callback without a result. */
  private notify(callback: string, ...args: number[]): void {
    this.call(callback, ...args);
  }

  /**
   * Runs a callback as cpp-host does: not once the VM has failed, not without its export. Its entry is listed when
   * it starts, so the callbacks it causes (a close run after the VM call) come after it.
   */
  private call(callback: string, ...args: number[]): { entry: CallbackEntry; value: number | undefined } | undefined {
    if (this.vm.failure !== undefined) return undefined;
    const entry: CallbackEntry = { callback, raw: undefined };
    this.callbackResults.push(entry);
    const result = this.vm.call(this, callback, ...args);
    if (result.status === "missing") {
      this.callbackResults.splice(this.callbackResults.indexOf(entry), 1);
      return undefined;
    }
    return { entry, value: result.status === "ok" ? result.value : undefined };
  }

  /** `CHECK_FAIL_NET` on a failed VM: fail open lets the data through; fail closed closes the connection and stops. */
  private failStream(): NetworkFilterStatus {
    if (this.vm.config.failOpen) return NetworkFilterStatus.Continue;
    this.close({ by: "wasm_failure", details: "" }, PeerType.Local);
    return NetworkFilterStatus.StopIteration;
  }

  override buffer(type: BufferType): BufferAccess | undefined {
    switch (type) {
      case BufferType.DownstreamData:
        return this.downstreamData.buffer.access();
      case BufferType.UpstreamData:
        return this.upstreamData.buffer.access();
      case BufferType.HttpRequestBody:
      case BufferType.HttpResponseBody:
        return { bytes: () => EMPTY }; // Envoy wraps its null body pointer: empty, immutable
      default:
        return super.buffer(type);
    }
  }

  property(path: string[]): PropertyResult {
    const { source, destination } = this.options;
    const tree = connectionProperties(this.vm, {
      connectionId: BigInt(this.id),
      source: source ?? { address: "127.0.0.1", port: 50000 },
      destination: destination ?? { address: "127.0.0.1", port: 80 },
    });
    return resolveProperty(tree, this.filterState, undefined, path);
  }

  /** Filter state lives in the connection's stream info. */
  override setProperty(path: string[], value: Uint8Array): WasmResult {
    this.filterState.set(path.join("\0"), value.slice());
    return WasmResult.Ok;
  }

  /** `continueReading()` after the VM call for DOWNSTREAM; HTTP types have no decoder here (OK, nothing happens). */
  override continueStream(type: StreamType): WasmResult {
    if (type === StreamType.Downstream) this.vm.afterVmCall(() => this.continueReading());
    return WasmResult.Ok;
  }

  /** DOWNSTREAM / UPSTREAM close the client's connection after the VM call (`FlushWrite`); HTTP types do nothing. */
  override closeStream(type: StreamType): WasmResult {
    if (type === StreamType.Downstream || type === StreamType.Upstream) {
      const details = type === StreamType.Downstream ? "wasm_downstream_close" : "wasm_upstream_close";
      this.vm.afterVmCall(() => this.close({ by: "plugin", details }, PeerType.Local));
    }
    return WasmResult.Ok;
  }

  /** No HTTP stream to answer: Envoy does nothing and returns OK; a strict-mode violation here. */
  override sendLocalResponse(): void {
    this.vm.services.logs.violation("no_stream", "proxy_send_local_response on a network (TCP) stream: Envoy has no HTTP stream to answer and does nothing");
  }
}
