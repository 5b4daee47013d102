/** Local replies and stream control: `proxy_send_local_response`, `proxy_continue_stream`, `proxy_close_stream` (+ 0.1.0 forms). */
import { BufferType, StreamType, WasmResult } from "../abi/enums.js";
import { parsePairs } from "../abi/pairs.js";
import { RootContext } from "../context/root-context.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

/** Stream-control host functions; the effects are deferred by the stream until the VM call returns. */
export function streamControlFunctions(vm: PluginVm): HostFunctions {
  /** The context acted on; a root context (no effective stream) is reported, as Envoy silently does nothing there. */
  const streamContext = (hostcall: string) => {
    const context = activeContext(vm);
    if (context instanceof RootContext) {
      vm.services.logs.violation(
        "no_stream",
        `${hostcall} from root context ${context.id} without an effective stream context: Envoy answers OK and does nothing (call proxy_set_effective_context first)`,
      );
    }
    return context;
  };
  const continueStream = (type: number) => {
    if (type >>> 0 > StreamType.Upstream) return WasmResult.BadArgument;
    if (type === StreamType.Upstream) return WasmResult.Unimplemented;
    return streamContext("proxy_continue_stream").continueStream(type);
  };
  return {
    proxy_send_local_response(
      status: number,
      detailsPtr: number,
      detailsSize: number,
      bodyPtr: number,
      bodySize: number,
      headersPtr: number,
      headersSize: number,
      grpcStatus: number,
    ) {
      const details = vm.memory.readString(detailsPtr, detailsSize);
      const body = vm.memory.read(bodyPtr, bodySize);
      const parsed = parsePairs(vm.memory.read(headersPtr, headersSize));
      if (parsed.malformed !== undefined) {
        vm.services.logs.violation("malformed_pairs", `proxy_send_local_response: malformed header pairs (${parsed.malformed}); Envoy sends none`);
      }
      streamContext("proxy_send_local_response").sendLocalResponse({
        status: status >>> 0,
        details,
        body,
        headers: parsed.pairs,
        grpcStatus: grpcStatus >= 0 && grpcStatus <= 16 ? grpcStatus : undefined,
      });
      return WasmResult.Ok;
    },
    proxy_continue_stream: continueStream,
    proxy_close_stream(type: number) {
      if (type >>> 0 > StreamType.Upstream) return WasmResult.BadArgument;
      return streamContext("proxy_close_stream").closeStream(type);
    },
    proxy_continue_request: () => continueStream(StreamType.HttpRequest),
    proxy_continue_response: () => continueStream(StreamType.HttpResponse),
    proxy_clear_route_cache: () => WasmResult.Ok,
    proxy_get_configuration(dataPtr: number, sizePtr: number) {
      const buffer = activeContext(vm).buffer(BufferType.PluginConfiguration);
      if (buffer === undefined) return WasmResult.NotFound;
      vm.copyOut(buffer.bytes(), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
  };
}
