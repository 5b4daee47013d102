/** The foreign functions Envoy registers (`source/extensions/common/wasm/foreign.cc`), plus Higress's in Higress mode. */
import { WasmResult } from "../../abi/enums.js";
import type { PluginVm } from "../../vm/plugin-vm.js";
import { clearRouteCache, declareProperty, setEnvoyFilterState } from "./filter-state.js";
import { getLogLevel, injectEncodedDataOnHeader, setGlobalMaxRequestsPerIoCycle } from "./higress.js";
import type { ForeignOutcome, HostForeignFunction } from "./outcome.js";
import { sign, verifySignature } from "./signatures.js";
import { compress, uncompress } from "./zlib.js";

export type { ForeignOutcome, HostForeignFunction } from "./outcome.js";

const ENVOY: ReadonlyMap<string, HostForeignFunction> = new Map<string, HostForeignFunction>([
  ["verify_signature", verifySignature],
  ["sign", sign],
  ["compress", compress],
  ["uncompress", uncompress],
  ["set_envoy_filter_state", setEnvoyFilterState],
  ["clear_route_cache", clearRouteCache],
  ["declare_property", declareProperty],
]);

const HIGRESS: ReadonlyMap<string, HostForeignFunction> = new Map<string, HostForeignFunction>([
  ["get_log_level", getLogLevel],
  ["set_global_max_requests_per_io_cycle", setGlobalMaxRequestsPerIoCycle],
  ["inject_encoded_data_to_filter_chain_on_header", injectEncodedDataOnHeader],
]);

/** Envoy's CEL functions (built with `WASM_USE_CEL_PARSER`): registered in Envoy, not evaluated by the local host. */
const CEL = new Set(["expr_create", "expr_evaluate", "expr_delete"]);

/** Calls the host's own foreign function `name`; undefined (`NOT_FOUND`) if neither Envoy nor (in Higress mode) Higress registers it. */
export function callHostForeignFunction(vm: PluginVm, name: string, args: Uint8Array): ForeignOutcome | undefined {
  const fn = ENVOY.get(name) ?? (vm.config.mode === "higress" ? HIGRESS.get(name) : undefined);
  if (fn !== undefined) return fn(vm, args);
  if (!CEL.has(name)) return undefined;
  vm.services.logs.violation("unsupported_by_local_host", `${name}: Envoy's CEL foreign functions are not supported by the local host; answered NOT_FOUND`);
  return { status: WasmResult.NotFound };
}
