/** Context and VM plumbing: `proxy_set_effective_context`, `proxy_done`, `proxy_get_status`, Emscripten leftovers. */
import { WasmResult } from "../abi/enums.js";
import { RootContext } from "../context/root-context.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

/** Lifecycle host functions. */
export function lifecycleFunctions(vm: PluginVm): HostFunctions {
  return {
    proxy_set_effective_context(contextId: number) {
      return vm.setEffectiveContext(contextId >>> 0) ? WasmResult.Ok : WasmResult.BadArgument;
    },
    proxy_done() {
      const root = vm.context(activeContext(vm).rootId);
      if (!(root instanceof RootContext) || !root.pendingDone) return WasmResult.NotFound;
      root.pendingDone = false;
      vm.afterVmCall(() => {
        vm.call(root, "proxy_on_delete", root.id);
        vm.removeContext(root.id);
      });
      return WasmResult.Ok;
    },
    proxy_get_status(codePtr: number, messagePtr: number, messageSize: number) {
      const root = vm.context(activeContext(vm).rootId);
      const status = root instanceof RootContext ? root.status : { code: WasmResult.Ok, message: "" };
      vm.memory.writeU32(codePtr, status.code);
      vm.copyOut(new TextEncoder().encode(status.message), messagePtr, messageSize);
      return WasmResult.Ok;
    },
    pthread_equal: (left: number, right: number) => (left === right ? 1 : 0),
    emscripten_notify_memory_growth: () => {},
  };
}
