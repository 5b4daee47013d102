/** A proxy-wasm context as host functions see it: what Envoy exposes to the code running "in" it. */
import { BufferType, MapType, StreamType, WasmResult } from "../abi/enums.js";
import type { HeaderMap } from "../stream/header-map.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import type { PropertyResult } from "../properties/tree.js";
import type { LocalReplyRequest } from "../stream/local-reply.js";

/** A header map available to the plugin right now. */
export interface MapAccess {
  readonly map: HeaderMap;
  /** Read-only maps (on_log copies, callout responses) refuse mutation with `BAD_ARGUMENT`. */
  readonly readOnly: boolean;
}

/** A buffer available to the plugin right now. */
export interface BufferAccess {
  /** The bytes `proxy_get_buffer_bytes` reads. */
  bytes(): Uint8Array;
  /** Envoy `copyFrom` on a mutable body; absent for immutable buffers (`BAD_ARGUMENT`). */
  set?(start: number, size: number, value: Uint8Array): WasmResult;
}

/** What every context shares: an id in its VM and the rules every context follows. */
export abstract class Context {
  constructor(
    readonly vm: PluginVm,
    readonly id: number,
  ) {}

  /** The id of the root (plugin) context this context belongs to; itself for a root. */
  abstract readonly rootId: number;

  /** The text between `wasm log` and `:` in Envoy's log line. */
  abstract readonly logPrefix: string;

  /** The header map of `type`, if Envoy would expose it now. */
  headerMap(_type: MapType): MapAccess | undefined {
    return undefined;
  }

  /** What reading a value from an unavailable map returns (`BAD_ARGUMENT`; `NOT_FOUND` in on_log). */
  get unavailableMapStatus(): WasmResult {
    return WasmResult.BadArgument;
  }

  /** The buffer of `type`, if Envoy would expose it now; `VM_CONFIGURATION` always is. */
  buffer(type: BufferType): BufferAccess | undefined {
    if (type !== BufferType.VmConfiguration) return undefined;
    const bytes = this.vm.config.vmConfiguration;
    return { bytes: () => bytes };
  }

  /** `proxy_get_property`: the property at `path` (§7) as seen from this context. */
  abstract property(path: string[]): PropertyResult;

  /** `proxy_set_property`: filter state `wasm.<path>`, which only streams have (`NOT_FOUND` without stream info). */
  setProperty(_path: string[], _value: Uint8Array): WasmResult {
    return WasmResult.NotFound;
  }

  /** `proxy_send_local_response`: a silent no-op without an HTTP stream (Envoy issue #39797). */
  sendLocalResponse(_reply: LocalReplyRequest): void {}

  /** `proxy_continue_stream`: nothing to continue without a stream. */
  continueStream(_type: StreamType): WasmResult {
    return WasmResult.Ok;
  }

  /** Higress `proxy_inject_encoded_data_to_filter_chain`: nothing to inject into without a stream. */
  injectEncodedData(_data: Uint8Array, _endStream: boolean): WasmResult {
    return WasmResult.Ok;
  }

  /** Higress `proxy_set_upstream_override_host`: no upstream without a stream. */
  setUpstreamOverrideHost(_address: string): WasmResult {
    return WasmResult.NotFound;
  }

  /** `proxy_close_stream`: nothing to close without a stream. */
  closeStream(_type: StreamType): WasmResult {
    return WasmResult.Ok;
  }
}
