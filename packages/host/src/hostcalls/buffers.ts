/** `proxy_get_buffer_bytes`, `proxy_set_buffer_bytes`, `proxy_get_buffer_status`. */
import { BufferType, WasmResult } from "../abi/enums.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

/** Highest buffer type: Higress adds `RedisCallResponse`. */
function bufferTypeMax(vm: PluginVm): number {
  return vm.config.mode === "higress" ? BufferType.RedisCallResponse : BufferType.CallData;
}

/** Buffer host functions with Envoy's clamping and availability rules. */
export function bufferFunctions(vm: PluginVm): HostFunctions {
  const lookup = (type: number) => activeContext(vm).buffer(type);
  return {
    proxy_get_buffer_bytes(type: number, start: number, maxSize: number, dataPtr: number, sizePtr: number) {
      if (type >>> 0 > bufferTypeMax(vm)) return WasmResult.BadArgument;
      const buffer = lookup(type);
      if (buffer === undefined) return WasmResult.NotFound;
      const bytes = buffer.bytes();
      const from = Math.min(start >>> 0, bytes.length);
      const to = Math.min(from + (maxSize >>> 0), bytes.length);
      vm.copyOut(bytes.subarray(from, to), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_set_buffer_bytes(type: number, start: number, size: number, dataPtr: number, dataSize: number) {
      if (type >>> 0 > bufferTypeMax(vm)) return WasmResult.BadArgument;
      const buffer = lookup(type);
      if (buffer === undefined) return WasmResult.NotFound;
      const value = vm.memory.read(dataPtr, dataSize);
      return buffer.set === undefined ? WasmResult.BadArgument : buffer.set(start >>> 0, size >>> 0, value);
    },
    proxy_get_buffer_status(type: number, sizePtr: number, flagsPtr: number) {
      if (type >>> 0 > bufferTypeMax(vm)) return WasmResult.BadArgument;
      const buffer = lookup(type);
      if (buffer === undefined) return WasmResult.NotFound;
      vm.memory.writeU32(sizePtr, buffer.bytes().length);
      vm.memory.writeU32(flagsPtr, 0);
      return WasmResult.Ok;
    },
  };
}
