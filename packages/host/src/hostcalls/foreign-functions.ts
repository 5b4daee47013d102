/** `proxy_call_foreign_function`: the test's own functions first, then Envoy's (and Higress's). */
import { WasmResult } from "../abi/enums.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { callHostForeignFunction, type ForeignOutcome } from "./foreign/index.js";
import type { HostFunctions } from "./host-function.js";

/** A registered function's outcome: OK with its result (none when it returned undefined). */
function callRegistered(vm: PluginVm, name: string, args: Uint8Array): ForeignOutcome | undefined {
  const fn = vm.services.foreignFunctions.get(name);
  return fn === undefined ? undefined : { status: WasmResult.Ok, result: fn(args) ?? undefined };
}

/**
 * Calls a foreign function as cpp-host does: `NOT_FOUND` if nobody registers the name; otherwise the function's own
 * status, with its result allocated in the module only when `return_results_data` is non-zero, and the address and
 * size written wherever their pointers are non-zero (0 and 0 when the function produced no result).
 */
export function foreignFunctionFunctions(vm: PluginVm): HostFunctions {
  return {
    proxy_call_foreign_function(namePtr: number, nameSize: number, argsPtr: number, argsSize: number, resultPtr: number, resultSizePtr: number) {
      const name = vm.memory.readString(namePtr, nameSize);
      const args = vm.memory.read(argsPtr, argsSize);
      const outcome = callRegistered(vm, name, args) ?? callHostForeignFunction(vm, name, args);
      if (outcome === undefined) return WasmResult.NotFound;
      const result = outcome.result ?? new Uint8Array(0);
      let address = 0;
      if (resultPtr !== 0 && result.length > 0) {
        address = vm.allocate(result.length);
        vm.memory.write(address, result);
      }
      if (resultPtr !== 0) vm.memory.writeU32(resultPtr, address);
      if (resultSizePtr !== 0) vm.memory.writeU32(resultSizePtr, result.length);
      return outcome.status;
    },
  };
}
