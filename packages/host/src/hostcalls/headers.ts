/** Header map host functions (`proxy_*_header_map_*`) with Envoy's availability and mutability rules. */
import { MAP_TYPE_MAX, MapType, WasmResult } from "../abi/enums.js";
import { parsePairs, serializePairs } from "../abi/pairs.js";
import type { HeaderMap } from "../stream/header-map.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

const EMPTY = new Uint8Array(0);

/** Header map host functions; keys are lower-cased by the map itself. */
export function headerFunctions(vm: PluginVm): HostFunctions {
  /** Reports a map Envoy does not expose (or not for writing) right now; `answer` is what Envoy returns. */
  const unavailable = (hostcall: string, type: number, answer: string) =>
    vm.services.logs.violation(
      "outside_availability_window",
      `${hostcall}(${MapType[type]}): the map is not available${activeContext(vm).headerMap(type) ? " for writing" : ""} now; Envoy answers ${answer}`,
    );
  const mutable = (hostcall: string, type: number): HeaderMap | undefined => {
    const access = activeContext(vm).headerMap(type);
    if (access !== undefined && !access.readOnly) return access.map;
    unavailable(hostcall, type, "BAD_ARGUMENT");
    return undefined;
  };
  const key = (ptr: number, size: number) => vm.memory.readString(ptr, size);
  return {
    proxy_get_header_map_size(type: number, sizePtr: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const map = mutable("proxy_get_header_map_size", type);
      if (map === undefined) return WasmResult.BadArgument;
      vm.memory.writeU32(sizePtr, map.byteSize);
      return WasmResult.Ok;
    },
    proxy_get_header_map_pairs(type: number, dataPtr: number, sizePtr: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const map = activeContext(vm).headerMap(type)?.map;
      if (map === undefined) unavailable("proxy_get_header_map_pairs", type, "an empty map");
      vm.copyOut(map === undefined || map.size === 0 ? EMPTY : serializePairs(map.pairs()), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_set_header_map_pairs(type: number, dataPtr: number, dataSize: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const parsed = parsePairs(vm.memory.read(dataPtr, dataSize));
      const map = mutable("proxy_set_header_map_pairs", type);
      if (map === undefined) return WasmResult.BadArgument;
      if (parsed.malformed !== undefined) {
        vm.services.logs.violation(
          "malformed_pairs",
          `proxy_set_header_map_pairs(${MapType[type]}): malformed pairs (${parsed.malformed}); Envoy clears the map`,
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
      if (map === undefined) {
        unavailable("proxy_get_header_map_value", type, context.unavailableMapStatus === WasmResult.NotFound ? "NOT_FOUND" : "BAD_ARGUMENT");
        return context.unavailableMapStatus;
      }
      const value = map.get(name);
      if (value === undefined) return WasmResult.NotFound;
      vm.copyOut(new TextEncoder().encode(value), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_add_header_map_value(type: number, keyPtr: number, keySize: number, valuePtr: number, valueSize: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const [name, value] = [key(keyPtr, keySize), key(valuePtr, valueSize)];
      const map = mutable("proxy_add_header_map_value", type);
      if (map === undefined) return WasmResult.BadArgument;
      map.add(name, value);
      return WasmResult.Ok;
    },
    proxy_replace_header_map_value(type: number, keyPtr: number, keySize: number, valuePtr: number, valueSize: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const [name, value] = [key(keyPtr, keySize), key(valuePtr, valueSize)];
      const map = mutable("proxy_replace_header_map_value", type);
      if (map === undefined) return WasmResult.BadArgument;
      map.set(name, value);
      return WasmResult.Ok;
    },
    proxy_remove_header_map_value(type: number, keyPtr: number, keySize: number) {
      if (type >>> 0 > MAP_TYPE_MAX) return WasmResult.BadArgument;
      const name = key(keyPtr, keySize);
      const map = mutable("proxy_remove_header_map_value", type);
      if (map === undefined) return WasmResult.BadArgument;
      map.remove(name);
      return WasmResult.Ok;
    },
  };
}
