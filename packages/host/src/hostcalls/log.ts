/** `proxy_log`, `proxy_get_log_level`. */
import { WasmResult } from "../abi/enums.js";
import { LogLevel } from "../log.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import type { HostFunctions } from "./host-function.js";

/** Log prefix of the VM context (id 0), used while the module starts or allocates. */
function vmContextPrefix(vm: PluginVm): string {
  return ` ${vm.config.rootId} ${vm.config.vmId}`;
}

/** Logging host functions: lines go to the plugin's log sink with Envoy's prefix. */
export function logFunctions(vm: PluginVm): HostFunctions {
  return {
    proxy_log(level: number, ptr: number, size: number) {
      if (level >>> 0 > LogLevel.Critical) return WasmResult.BadArgument;
      const message = vm.memory.readString(ptr, size);
      vm.services.logs.plugin(level, vm.activeContext?.logPrefix ?? vmContextPrefix(vm), message);
      return WasmResult.Ok;
    },
    proxy_get_log_level(levelPtr: number) {
      vm.memory.writeU32(levelPtr, vm.services.logs.level);
      return WasmResult.Ok;
    },
  };
}

/** Logs a line from the plugin's stdout/stderr (WASI `fd_write`) at `level`. */
export function logPluginOutput(vm: PluginVm, level: LogLevel, message: string): void {
  vm.services.logs.plugin(level, vm.activeContext?.logPrefix ?? vmContextPrefix(vm), message);
}
