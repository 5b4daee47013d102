/** `proxy_get_shared_data`, `proxy_set_shared_data`. */
import { WasmResult } from "../abi/enums.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import type { HostFunctions } from "./host-function.js";

/** Shared-data host functions over the plugin's store (Envoy's CAS rules). */
export function sharedDataFunctions(vm: PluginVm): HostFunctions {
  const store = () => vm.services.sharedData;
  return {
    proxy_get_shared_data(keyPtr: number, keySize: number, dataPtr: number, sizePtr: number, casPtr: number) {
      const entry = store().get(vm.memory.readString(keyPtr, keySize));
      if (entry === undefined) return WasmResult.NotFound;
      vm.copyOut(entry.value, dataPtr, sizePtr);
      vm.memory.writeU32(casPtr, entry.cas);
      return WasmResult.Ok;
    },
    proxy_set_shared_data(keyPtr: number, keySize: number, valuePtr: number, valueSize: number, cas: number) {
      const key = vm.memory.readString(keyPtr, keySize);
      return store().set(key, vm.memory.read(valuePtr, valueSize), cas >>> 0);
    },
  };
}
