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
  const outsideWindow = (hostcall: string, type: number, why: string) =>
    vm.services.logs.violation("outside_availability_window", `${hostcall}(${BufferType[type]}): ${why}`);
  const lookup = (hostcall: string, type: number) => {
    const buffer = activeContext(vm).buffer(type);
    if (buffer === undefined) outsideWindow(hostcall, type, "the buffer is not available now; Envoy answers NOT_FOUND");
    return buffer;
  };
  return {
    proxy_get_buffer_bytes(type: number, start: number, maxSize: number, dataPtr: number, sizePtr: number) {
      if (type >>> 0 > bufferTypeMax(vm)) return WasmResult.BadArgument;
      const buffer = lookup("proxy_get_buffer_bytes", type);
      if (buffer === undefined) return WasmResult.NotFound;
      const bytes = buffer.bytes();
      const from = Math.min(start >>> 0, bytes.length);
      const to = Math.min(from + (maxSize >>> 0), bytes.length);
      vm.copyOut(bytes.subarray(from, to), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_set_buffer_bytes(type: number, start: number, size: number, dataPtr: number, dataSize: number) {
      if (type >>> 0 > bufferTypeMax(vm)) return WasmResult.BadArgument;
      const buffer = lookup("proxy_set_buffer_bytes", type);
      if (buffer === undefined) return WasmResult.NotFound;
      const value = vm.memory.read(dataPtr, dataSize);
      if (buffer.set !== undefined) return buffer.set(start >>> 0, size >>> 0, value);
      outsideWindow("proxy_set_buffer_bytes", type, "the buffer is immutable now (outside its body callback, or read-only); Envoy answers BAD_ARGUMENT");
      return WasmResult.BadArgument;
    },
    proxy_get_buffer_status(type: number, sizePtr: number, flagsPtr: number) {
      if (type >>> 0 > bufferTypeMax(vm)) return WasmResult.BadArgument;
      const buffer = lookup("proxy_get_buffer_status", type);
      if (buffer === undefined) return WasmResult.NotFound;
      vm.memory.writeU32(sizePtr, buffer.bytes().length);
      vm.memory.writeU32(flagsPtr, 0);
      return WasmResult.Ok;
    },
  };
}
