import type { AbiVersion, HostMode } from "./abi-version.js";
import { signature, type FunctionSignature, type ValueType } from "./wasm-types.js";

const words = (n: number): ValueType[] => Array<ValueType>(n).fill("i32");
/** `WasmCallVoid<n>`: n i32 arguments, no result. */
const callVoid = (n: number) => signature(words(n));
/** `WasmCallWord<n>`: n i32 arguments, an i32 result. */
const callWord = (n: number) => signature(words(n), ["i32"]);

/** The WASI entry points cpp-host looks up before anything else, with their signatures. */
export const ENTRY_POINTS = {
  _initialize: callVoid(0),
  main: callWord(2),
  __main_void: signature([], ["i32"]),
  _start: callVoid(0),
} as const;

/** The allocator exports, in cpp-host's order of preference (`malloc` first, despite what the spec says). */
export const ALLOCATORS = ["malloc", "proxy_on_memory_allocate"] as const;

/** The signature every allocator export must have: `(i32 size) -> i32 pointer`. */
export const ALLOCATOR_SIGNATURE: FunctionSignature = callWord(1);

/** `FOR_ALL_MODULE_FUNCTIONS`: the callbacks cpp-host looks up for every ABI version. */
const CALLBACKS: ReadonlyArray<[string, FunctionSignature]> = [
  ["proxy_validate_configuration", callWord(2)],
  ["proxy_on_vm_start", callWord(2)],
  ["proxy_on_configure", callWord(2)],
  ["proxy_on_tick", callVoid(1)],
  ["proxy_on_context_create", callVoid(2)],
  ["proxy_on_new_connection", callWord(1)],
  ["proxy_on_downstream_data", callWord(3)],
  ["proxy_on_upstream_data", callWord(3)],
  ["proxy_on_downstream_connection_close", callVoid(2)],
  ["proxy_on_upstream_connection_close", callVoid(2)],
  ["proxy_on_request_body", callWord(3)],
  ["proxy_on_request_trailers", callWord(2)],
  ["proxy_on_request_metadata", callWord(2)],
  ["proxy_on_response_body", callWord(3)],
  ["proxy_on_response_trailers", callWord(2)],
  ["proxy_on_response_metadata", callWord(2)],
  ["proxy_on_http_call_response", callVoid(5)],
  ["proxy_on_grpc_receive", callVoid(3)],
  ["proxy_on_grpc_close", callVoid(3)],
  ["proxy_on_grpc_receive_initial_metadata", callVoid(3)],
  ["proxy_on_grpc_receive_trailing_metadata", callVoid(3)],
  ["proxy_on_queue_ready", callVoid(2)],
  ["proxy_on_done", callWord(1)],
  ["proxy_on_log", callVoid(1)],
  ["proxy_on_delete", callVoid(1)],
];

/** Envoy's own callbacks (`Wasm::getFunctions`), looked up in every mode. */
const ENVOY_CALLBACKS: ReadonlyArray<[string, FunctionSignature]> = [
  ["envoy_on_resolve_dns", callVoid(3)],
  ["envoy_on_stats_update", callVoid(2)],
];

/**
 * Every callback the host looks up in a module of this ABI version, with the signature it insists on: an export
 * of one of these names with another signature fails the load ("Bad function signature for: ...").
 */
export function moduleCallbacks(abi: AbiVersion, mode: HostMode): ReadonlyMap<string, FunctionSignature> {
  const headers = abi === "0.1.0" ? callWord(2) : callWord(3);
  const perAbi: [string, FunctionSignature][] = [
    ["proxy_on_request_headers", headers],
    ["proxy_on_response_headers", headers],
  ];
  if (abi !== "0.1.0") perAbi.push(["proxy_on_foreign_function", callVoid(3)]);
  if (mode === "higress" && abi !== "0.1.0") perAbi.push(["proxy_on_redis_call_response", callVoid(4)]);
  return new Map([...CALLBACKS, ...perAbi, ...ENVOY_CALLBACKS]);
}
