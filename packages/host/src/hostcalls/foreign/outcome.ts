/** The shape of a foreign function the host itself registers, as Envoy's `WasmForeignFunction` sees a call. */
import type { WasmResult } from "../../abi/enums.js";
import type { PluginVm } from "../../vm/plugin-vm.js";

/** What a foreign function returns: a status and, if it produced one (Envoy's `alloc_result`), a result. */
export interface ForeignOutcome {
  readonly status: WasmResult;
  readonly result?: Uint8Array;
}

/** A foreign function Envoy or Higress registers, given the calling VM and the argument bytes. */
export type HostForeignFunction = (vm: PluginVm, args: Uint8Array) => ForeignOutcome;
