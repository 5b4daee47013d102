/** Header map host functions (`proxy_*_header_map_*`) with Envoy's availability and mutability rules. */
import { MAP_TYPE_MAX, WasmResult } from "../abi/enums.js";
import { parsePairs, serializePairs } from "../abi/pairs.js";
import { LogLevel } from "../log.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

const EMPTY = new Uint8Array(0);

/** Header map host functions; keys are lower-cased by the map itself. */
export function headerFunctions(vm: PluginVm): HostFunctions {
  const mutable = (type: number) => {
    const access = activeContext(vm).headerMap(type);
    return access === undefined || access.readOnly ? undefined : access.map;
  };
  const key = (ptr: number, size: number) => vm.memory.readString(ptr, size);
  return {
    proxy_get_header_map_size(type: number, sizePtr: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const map = mutable(type);
      if (map === undefined) return WasmResult.BadArgument;
      vm.memory.writeU32(sizePtr, map.byteSize);
      return WasmResult.Ok;
    },
    proxy_get_header_map_pairs(type: number, dataPtr: number, sizePtr: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const map = activeContext(vm).headerMap(type)?.map;
      vm.copyOut(map === undefined || map.size === 0 ? EMPTY : serializePairs(map.pairs()), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_set_header_map_pairs(type: number, dataPtr: number, dataSize: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const parsed = parsePairs(vm.memory.read(dataPtr, dataSize));
      const map = mutable(type);
      if (map === undefined) return WasmResult.BadArgument;
      if (parsed.malformed !== undefined) {
        vm.services.logs.host(
          LogLevel.Warn,
          `proxy_set_header_map_pairs(${type}): malformed pairs (${parsed.malformed}); Envoy clears the map`,
        );
      }
      map.replaceAll(parsed.pairs);
      return WasmResult.Ok;
    },
    proxy_get_header_map_value(type: number, keyPtr: number, keySize: number, dataPtr: number, sizePtr: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const name = key(keyPtr, keySize);
      const context = activeContext(vm);
      const map = context.headerMap(type)?.map;
      if (map === undefined) return context.unavailableMapStatus;
      const value = map.get(name);
      if (value === undefined) return WasmResult.NotFound;
      vm.copyOut(new TextEncoder().encode(value), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_add_header_map_value(type: number, keyPtr: number, keySize: number, valuePtr: number, valueSize: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const [name, value] = [key(keyPtr, keySize), key(valuePtr, valueSize)];
      const map = mutable(type);
      if (map === undefined) return WasmResult.BadArgument;
      map.add(name, value);
      return WasmResult.Ok;
    },
    proxy_replace_header_map_value(type: number, keyPtr: number, keySize: number, valuePtr: number, valueSize: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const [name, value] = [key(keyPtr, keySize), key(valuePtr, valueSize)];
      const map = mutable(type);
      if (map === undefined) return WasmResult.BadArgument;
      map.set(name, value);
      return WasmResult.Ok;
    },
    proxy_remove_header_map_value(type: number, keyPtr: number, keySize: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const name = key(keyPtr, keySize);
      const map = mutable(type);
      if (map === undefined) return WasmResult.BadArgument;
      map.remove(name);
      return WasmResult.Ok;
    },
  };
}
