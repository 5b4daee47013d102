/** Shared queues: register, resolve, enqueue (posting `proxy_on_queue_ready`), dequeue. */
import { WasmResult } from "../abi/enums.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

/** Queue host functions; `proxy_on_queue_ready` is delivered asynchronously, never re-entrantly. */
export function sharedQueueFunctions(vm: PluginVm): HostFunctions {
  const queues = () => vm.services.queues;
  return {
    proxy_register_shared_queue(namePtr: number, nameSize: number, tokenPtr: number) {
      const name = vm.memory.readString(namePtr, nameSize);
      const rootId = activeContext(vm).rootId;
      const onReady = (token: number) => vm.call(vm.context(rootId), "proxy_on_queue_ready", rootId, token);
      vm.memory.writeU32(tokenPtr, queues().register(vm.config.vmId, name, onReady));
      return WasmResult.Ok;
    },
    proxy_resolve_shared_queue(vmIdPtr: number, vmIdSize: number, namePtr: number, nameSize: number, tokenPtr: number) {
      const vmId = vm.memory.readString(vmIdPtr, vmIdSize) || vm.config.vmId;
      const token = queues().resolve(vmId, vm.memory.readString(namePtr, nameSize));
      if (token === undefined) return WasmResult.NotFound;
      vm.memory.writeU32(tokenPtr, token);
      return WasmResult.Ok;
    },
    proxy_enqueue_shared_queue(token: number, valuePtr: number, valueSize: number) {
      const queue = queues().get(token >>> 0);
      if (queue === undefined) return WasmResult.NotFound;
      queue.items.push(vm.memory.read(valuePtr, valueSize));
      vm.services.pending++;
      setImmediate(() => vm.services.settle(() => queue.onReady(queue.token)));
      return WasmResult.Ok;
    },
    proxy_dequeue_shared_queue(token: number, dataPtr: number, sizePtr: number) {
      const queue = queues().get(token >>> 0);
      if (queue === undefined) return WasmResult.NotFound;
      const item = queue.items[0];
      if (item === undefined) return WasmResult.Empty;
      vm.copyOut(item, dataPtr, sizePtr);
      queue.items.shift();
      return WasmResult.Ok;
    },
  };
}
