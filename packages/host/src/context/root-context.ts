/** The root (plugin) context: configuration, timers, and the receiver of every callout answer. */
import { BufferType, MapType, WasmResult } from "../abi/enums.js";
import { HeaderMap } from "../stream/header-map.js";
import { resolveProperty, rootProperties, type PropertyResult } from "../properties/tree.js";
import { Context, type BufferAccess, type MapAccess } from "./context.js";

/** An HTTP callout answer, readable only while `proxy_on_http_call_response` runs. */
export interface CalloutResponse {
  readonly headers: HeaderMap;
  readonly body: Uint8Array;
  readonly trailers: HeaderMap;
}

/** A `declare_property` declaration: how `proxy_set_property` treats `wasm.<name>` on this plugin's streams. */
export interface PropertyPrototype {
  /** Set once per stream; a second `proxy_set_property` is `BAD_ARGUMENT`. */
  readonly readonly: boolean;
  /** `WasmType`: bytes 0, string 1, flatbuffers 2, protobuf 3 (the value's bytes are returned as they were set). */
  readonly type: number;
  /** `LifeSpan`: filter chain 0, downstream request 1, downstream connection 2. */
  readonly span: number;
}

/** Context id 1 of a VM (one plugin per VM). */
export class RootContext extends Context {
  /** `proxy_set_tick_period_milliseconds`; 0 = no ticks. */
  tickPeriodMs = 0;
  /** What `proxy_get_status` reports (set by a failed callout). */
  status: { code: WasmResult; message: string } = { code: WasmResult.Ok, message: "" };
  /** True only during `proxy_on_configure` (buffer `PLUGIN_CONFIGURATION`). */
  configuring = false;
  /** Set only during `proxy_on_http_call_response`. */
  calloutResponse: CalloutResponse | undefined;
  /** Set only during `proxy_on_grpc_receive_initial_metadata` (map 4) / `_trailing_metadata` (map 5). */
  grpcMetadata: { readonly type: MapType; readonly map: HeaderMap } | undefined;
  /** Set only during `proxy_on_grpc_receive` (buffer 5). */
  grpcMessage: Uint8Array | undefined;
  /** Set only during `proxy_on_redis_call_response` (buffer 9). */
  redisResponse: Uint8Array | undefined;
  /** Envoy's `CallData` buffer (8): foreign-function arguments or a DNS answer, set only during that callback. */
  callData: Uint8Array | undefined;
  /** Set when `proxy_on_done` returned false, until the plugin calls `proxy_done`. */
  pendingDone = false;
  /** Properties declared with the foreign function `declare_property`, by name (Envoy `state_prototypes_`). */
  readonly propertyPrototypes = new Map<string, PropertyPrototype>();

  get rootId(): number {
    return this.id;
  }

  get logPrefix(): string {
    return ` ${this.vm.config.rootId} ${this.vm.config.vmId}`;
  }

  override headerMap(type: MapType): MapAccess | undefined {
    if (this.grpcMetadata?.type === type) return { map: this.grpcMetadata.map, readOnly: true };
    const response = this.calloutResponse;
    if (response === undefined) return undefined;
    if (type === MapType.HttpCallResponseHeaders) return { map: response.headers, readOnly: true };
    if (type === MapType.HttpCallResponseTrailers) return { map: response.trailers, readOnly: true };
    return undefined;
  }

  override buffer(type: BufferType): BufferAccess | undefined {
    const bytes = this.bufferBytes(type);
    return bytes === undefined ? super.buffer(type) : { bytes: () => bytes };
  }

  private bufferBytes(type: BufferType): Uint8Array | undefined {
    switch (type) {
      case BufferType.PluginConfiguration:
        return this.configuring ? this.vm.config.configuration : undefined;
      case BufferType.HttpCallResponseBody:
        return this.calloutResponse?.body;
      case BufferType.GrpcReceiveBuffer:
        return this.grpcMessage;
      case BufferType.CallData:
        return this.callData;
      case BufferType.RedisCallResponse:
        return this.vm.config.mode === "higress" ? this.redisResponse : undefined;
      default:
        return undefined;
    }
  }

  property(path: string[]): PropertyResult {
    return resolveProperty(rootProperties(this.vm), undefined, undefined, path);
  }
}

