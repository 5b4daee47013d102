// Typed host calls: header maps. Keys and values are UTF-8; Envoy lower-cases keys.
import {
  proxy_add_header_map_value, proxy_get_header_map_pairs, proxy_get_header_map_size, proxy_get_header_map_value,
  proxy_remove_header_map_value, proxy_replace_header_map_value, proxy_set_header_map_pairs,
} from "../imports/headers";
import { dataOf, RETURN_DATA, RETURN_SIZE, returnedBytes, returnedPairs, returnedU32, sizeOf, utf8 } from "../memory";
import { BytesResult, Result } from "../result";
import { Pair, serializePairs } from "../serde/pairs";
import { MapType, Status } from "../types";

/** The first value of `key`; `Status.NotFound` when absent. */
export function getHeaderMapValue(map: MapType, key: string): BytesResult {
  const k = utf8(key);
  return returnedBytes(proxy_get_header_map_value(map, dataOf(k), sizeOf(k), RETURN_DATA, RETURN_SIZE));
}

/** Appends `key: value` (an existing key gets another entry). */
export function addHeaderMapValue(map: MapType, key: string, value: string): Status {
  const k = utf8(key);
  const v = utf8(value);
  return proxy_add_header_map_value(map, dataOf(k), sizeOf(k), dataOf(v), sizeOf(v));
}

/** Sets `key` to `value`, replacing every existing entry, adding it when absent. */
export function replaceHeaderMapValue(map: MapType, key: string, value: string): Status {
  const k = utf8(key);
  const v = utf8(value);
  return proxy_replace_header_map_value(map, dataOf(k), sizeOf(k), dataOf(v), sizeOf(v));
}

/** Removes every entry of `key` (Ok even when absent). */
export function removeHeaderMapValue(map: MapType, key: string): Status {
  const k = utf8(key);
  return proxy_remove_header_map_value(map, dataOf(k), sizeOf(k));
}

/** The whole map, in order; an unavailable map reads as empty. */
export function getHeaderMapPairs(map: MapType): Result<Pair[] | null> {
  return returnedPairs(proxy_get_header_map_pairs(map, RETURN_DATA, RETURN_SIZE));
}

/** Replaces the whole map with `pairs`. */
export function setHeaderMapPairs(map: MapType, pairs: Pair[]): Status {
  const encoded = serializePairs(pairs);
  return proxy_set_header_map_pairs(map, dataOf(encoded), sizeOf(encoded));
}

/** The map's size as Envoy counts it (bytes of keys and values). */
export function getHeaderMapSize(map: MapType): Result<u32> {
  return returnedU32(proxy_get_header_map_size(map, RETURN_DATA));
}
