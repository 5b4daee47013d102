/**
 * The module loader: decides what proxy-wasm-cpp-host, inside Envoy or Higress, would do with a Wasm module, and
 * compiles it only when the host would load it.
 */
export { ABI_VERSIONS, HOST_MODES, abiMarker, getAbiVersion, type AbiVersion, type HostMode } from "./abi-version.js";
export type { Allocator } from "./check-exports.js";
export { HIGRESS_HOST_CALLS, hostImports, type HostImport } from "./host-imports.js";
export { DEFAULT_HOST_MODE, inspectModule, type InspectOptions, type ModuleReport } from "./inspect-module.js";
export { loadModule, type LoadResult } from "./load-module.js";
export type { LoadProblem, LoadProblemCode } from "./load-problem.js";
export { ALLOCATORS, ALLOCATOR_SIGNATURE, ENTRY_POINTS, moduleCallbacks } from "./module-functions.js";
export { WASI_FUNCTIONS, WASI_MODULES } from "./wasi-functions.js";
export { parseWasmModule, type ParseResult } from "./wasm-parser.js";
export {
  formatSignature, sameSignature, type ExternalKind, type FunctionSignature, type ValueType, type WasmExport,
  type WasmImport, type WasmModuleInfo,
} from "./wasm-types.js";
