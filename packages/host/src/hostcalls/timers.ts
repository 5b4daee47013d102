/** `proxy_get_current_time_nanoseconds` (the host's clock), `proxy_set_tick_period_milliseconds`. */
import { WasmResult } from "../abi/enums.js";
import { RootContext } from "../context/root-context.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

/** Clock and timer host functions; the tick period always applies to the root context. */
export function timerFunctions(vm: PluginVm): HostFunctions {
  return {
    proxy_get_current_time_nanoseconds(timePtr: number) {
      vm.memory.writeU64(timePtr, vm.services.clock.realtimeNs());
      return WasmResult.Ok;
    },
    proxy_set_tick_period_milliseconds(period: number) {
      const root = vm.context(activeContext(vm).rootId);
      if (root instanceof RootContext) {
        root.tickPeriodMs = period >>> 0;
        vm.services.events.emit("tick-period", root);
      }
      return WasmResult.Ok;
    },
  };
}
