/** `proxy_get_property`, `proxy_set_property`. */
import { WasmResult } from "../abi/enums.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

/** Splits a property path on `\0`, tolerating a trailing NUL as Envoy does. */
export function splitPropertyPath(path: string): string[] {
  const segments = path.split("\0");
  if (segments.length > 1 && segments[segments.length - 1] === "") segments.pop();
  return segments;
}

/** Property host functions over the context's property tree and filter state. */
export function propertyFunctions(vm: PluginVm): HostFunctions {
  return {
    proxy_get_property(pathPtr: number, pathSize: number, dataPtr: number, sizePtr: number) {
      const path = splitPropertyPath(vm.memory.readString(pathPtr, pathSize));
      const result = activeContext(vm).property(path);
      if (!("value" in result)) return result.status;
      vm.copyOut(result.value, dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_set_property(pathPtr: number, pathSize: number, valuePtr: number, valueSize: number) {
      const path = splitPropertyPath(vm.memory.readString(pathPtr, pathSize));
      const value = vm.memory.read(valuePtr, valueSize);
      return activeContext(vm).setProperty(path, value);
    },
  };
}
