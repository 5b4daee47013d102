/** `proxy_call_foreign_function`. */
import { WasmResult } from "../abi/enums.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import type { HostFunctions } from "./host-function.js";

/** Calls a registered foreign function; results are copied into the module only when asked for. */
export function foreignFunctionFunctions(vm: PluginVm): HostFunctions {
  return {
    proxy_call_foreign_function(
      namePtr: number,
      nameSize: number,
      argsPtr: number,
      argsSize: number,
      resultPtr: number,
      resultSize: number,
    ) {
      const fn = vm.services.foreignFunctions.get(vm.memory.readString(namePtr, nameSize));
      if (fn === undefined) return WasmResult.NotFound;
      const result = fn(vm.memory.read(argsPtr, argsSize)) ?? new Uint8Array(0);
      if (resultPtr !== 0) vm.copyOut(result, resultPtr, resultSize);
      return WasmResult.Ok;
    },
  };
}
