/**
 * Foreign functions Higress's Go wrapper calls (reference/higress-go-sdk.md §5.6). Higress's Envoy side was not
 * reviewed; these follow the SDK's use of them.
 */
import { WasmResult } from "../../abi/enums.js";
import { LogLevel } from "../../log.js";
import type { PluginVm } from "../../vm/plugin-vm.js";
import { activeContext } from "../host-function.js";
import type { ForeignOutcome } from "./outcome.js";
import { decodeMessage, stringField, varintField } from "./protobuf.js";

/** `get_log_level`: the `wasm` logger's level as a 4-byte little-endian u32. */
export function getLogLevel(vm: PluginVm): ForeignOutcome {
  const result = new Uint8Array(4);
  new DataView(result.buffer).setUint32(0, vm.services.logs.level, true);
  return { status: WasmResult.Ok, result };
}

/** `set_global_max_requests_per_io_cycle`: an 8-byte little-endian u64, gateway-wide; accepted and logged (no I/O cycles here). */
export function setGlobalMaxRequestsPerIoCycle(vm: PluginVm, args: Uint8Array): ForeignOutcome {
  if (args.length !== 8) return { status: WasmResult.BadArgument };
  const limit = new DataView(args.buffer, args.byteOffset, 8).getBigUint64(0, true);
  vm.services.logs.host(LogLevel.Debug, `set_global_max_requests_per_io_cycle(${limit}): no effect in the local host`);
  return { status: WasmResult.Ok };
}

/** `inject_encoded_data_to_filter_chain_on_header` `{body 1, endstream 2}`: response body data injected by the stream. */
export function injectEncodedDataOnHeader(vm: PluginVm, args: Uint8Array): ForeignOutcome {
  const message = decodeMessage(args);
  const body = message && stringField(message, 1);
  if (message === undefined || body === undefined) return { status: WasmResult.BadArgument };
  return { status: activeContext(vm).injectEncodedData(new TextEncoder().encode(body), varintField(message, 2) !== 0) };
}
