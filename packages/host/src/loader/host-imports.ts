import { hostKnowsAbi, type AbiVersion, type HostMode } from "./abi-version.js";
import { WASI_FUNCTIONS, WASI_MODULES } from "./wasi-functions.js";
import { signature, type FunctionSignature, type ValueType } from "./wasm-types.js";

/** A function the host registers for modules to import. */
export interface HostImport {
  readonly module: string;
  readonly name: string;
  readonly signature: FunctionSignature;
}

/** `n` i32 parameters (or the given types) returning an i32 status. */
function status(params: number | ValueType[]): FunctionSignature {
  return signature(typeof params === "number" ? Array<ValueType>(params).fill("i32") : params, ["i32"]);
}

/** `FOR_ALL_HOST_FUNCTIONS`: the `proxy_*` calls cpp-host registers for every ABI version. */
const PROXY_FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map([
  ["proxy_log", status(3)],
  ["proxy_get_status", status(3)],
  ["proxy_set_property", status(4)],
  ["proxy_get_property", status(4)],
  ["proxy_send_local_response", status(8)],
  ["proxy_get_shared_data", status(5)],
  ["proxy_set_shared_data", status(5)],
  ["proxy_register_shared_queue", status(3)],
  ["proxy_resolve_shared_queue", status(5)],
  ["proxy_dequeue_shared_queue", status(3)],
  ["proxy_enqueue_shared_queue", status(3)],
  ["proxy_get_header_map_value", status(5)],
  ["proxy_add_header_map_value", status(5)],
  ["proxy_replace_header_map_value", status(5)],
  ["proxy_remove_header_map_value", status(3)],
  ["proxy_get_header_map_pairs", status(3)],
  ["proxy_set_header_map_pairs", status(3)],
  ["proxy_get_header_map_size", status(2)],
  ["proxy_get_buffer_status", status(3)],
  ["proxy_get_buffer_bytes", status(5)],
  ["proxy_set_buffer_bytes", status(5)],
  ["proxy_http_call", status(10)],
  ["proxy_grpc_call", status(12)],
  ["proxy_grpc_stream", status(9)],
  ["proxy_grpc_close", status(1)],
  ["proxy_grpc_cancel", status(1)],
  ["proxy_grpc_send", status(4)],
  ["proxy_set_tick_period_milliseconds", status(1)],
  ["proxy_get_current_time_nanoseconds", status(1)],
  ["proxy_define_metric", status(4)],
  ["proxy_increment_metric", status(["i32", "i64"])],
  ["proxy_record_metric", status(["i32", "i64"])],
  ["proxy_get_metric", status(2)],
  ["proxy_set_effective_context", status(1)],
  ["proxy_done", status(0)],
  ["proxy_call_foreign_function", status(6)],
]);

/** The ABI-specific `proxy_*` calls, registered only for the named versions (`WasmBase::registerCallbacks`). */
const ABI_FUNCTIONS: ReadonlyMap<string, { readonly signature: FunctionSignature; readonly abis: readonly AbiVersion[] }> = new Map([
  ["proxy_get_configuration", { signature: status(2), abis: ["0.1.0"] }],
  ["proxy_continue_request", { signature: status(0), abis: ["0.1.0"] }],
  ["proxy_continue_response", { signature: status(0), abis: ["0.1.0"] }],
  ["proxy_clear_route_cache", { signature: status(0), abis: ["0.1.0"] }],
  ["proxy_continue_stream", { signature: status(1), abis: ["0.2.0", "0.2.1", "0.2.100"] }],
  ["proxy_close_stream", { signature: status(1), abis: ["0.2.0", "0.2.1", "0.2.100"] }],
  ["proxy_get_log_level", { signature: status(1), abis: ["0.2.1", "0.2.100"] }],
]);

/** Higress's cpp-host additions, registered for ABI 0.2.1 and 0.2.100 modules. */
const HIGRESS_FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map([
  ["proxy_redis_init", status(7)],
  ["proxy_redis_call", status(5)],
  ["proxy_inject_encoded_data_to_filter_chain", status(3)],
  ["proxy_set_upstream_override_host", status(2)],
  ["proxy_get_upstream_hosts", status(2)],
]);

/** The `env` functions outside the `proxy_*` family: two Emscripten leftovers and Envoy's DNS call. */
const ENV_FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map([
  ["pthread_equal", status(2)],
  ["emscripten_notify_memory_growth", signature(["i32"])],
  ["envoy_resolve_dns", status(3)],
]);

/** The names of Higress's own host calls, which upstream Envoy does not register. */
export const HIGRESS_HOST_CALLS: readonly string[] = [...HIGRESS_FUNCTIONS.keys()];

/**
 * Every function the host registers for a module of this ABI version, exactly as Envoy (`"envoy"`) or Higress
 * (`"higress"`) does: a module importing anything else, or any of these with another signature, does not load.
 * Empty for an ABI the host does not know (0.2.100 in Envoy mode): such a module is refused before linking.
 */
export function hostImports(abi: AbiVersion, mode: HostMode): readonly HostImport[] {
  if (!hostKnowsAbi(abi, mode)) return [];
  const env = (entries: Iterable<[string, FunctionSignature]>) =>
    [...entries].map(([name, sig]): HostImport => ({ module: "env", name, signature: sig }));
  const abiSpecific = [...ABI_FUNCTIONS].filter(([, f]) => f.abis.includes(abi)).map(([name, f]): [string, FunctionSignature] => [name, f.signature]);
  const higress = mode === "higress" && (abi === "0.2.1" || abi === "0.2.100") ? HIGRESS_FUNCTIONS : [];
  const wasi = WASI_MODULES.flatMap((module) =>
    [...WASI_FUNCTIONS].map(([name, sig]): HostImport => ({ module, name, signature: sig })));
  return [...env(ENV_FUNCTIONS), ...env(PROXY_FUNCTIONS), ...env(abiSpecific), ...env(higress), ...wasi];
}
