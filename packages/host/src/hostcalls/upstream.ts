/** Higress's upstream host functions: data injection, upstream host override, upstream host listing. */
import { WasmResult } from "../abi/enums.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

/** Higress upstream host functions, acting on the active stream. */
export function upstreamFunctions(vm: PluginVm): HostFunctions {
  return {
    proxy_inject_encoded_data_to_filter_chain(dataPtr: number, dataSize: number, endStream: number) {
      return activeContext(vm).injectEncodedData(vm.memory.read(dataPtr, dataSize), endStream !== 0);
    },
    proxy_set_upstream_override_host(addressPtr: number, addressSize: number) {
      return activeContext(vm).setUpstreamOverrideHost(vm.memory.readString(addressPtr, addressSize));
    },
    proxy_get_upstream_hosts(dataPtr: number, sizePtr: number) {
      vm.copyOut(new Uint8Array(0), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
  };
}
