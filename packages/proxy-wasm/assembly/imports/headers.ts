// Host imports: header maps (HTTP headers and trailers, gRPC metadata, callout response headers).
import { MapType, Status } from "../types";

/** Reads the first value of a key. */
@external("env", "proxy_get_header_map_value")
export declare function proxy_get_header_map_value(
  map_type: MapType, key_data: usize, key_size: usize, return_value_data: usize, return_value_size: usize,
): Status;

/** Appends a value (duplicates allowed). */
@external("env", "proxy_add_header_map_value")
export declare function proxy_add_header_map_value(
  map_type: MapType, key_data: usize, key_size: usize, value_data: usize, value_size: usize,
): Status;

/** Sets a key to one value, adding it when absent. */
@external("env", "proxy_replace_header_map_value")
export declare function proxy_replace_header_map_value(
  map_type: MapType, key_data: usize, key_size: usize, value_data: usize, value_size: usize,
): Status;

/** Removes every entry of a key. */
@external("env", "proxy_remove_header_map_value")
export declare function proxy_remove_header_map_value(map_type: MapType, key_data: usize, key_size: usize): Status;

/** Reads the whole map, serialized as pairs, into a host-allocated block. */
@external("env", "proxy_get_header_map_pairs")
export declare function proxy_get_header_map_pairs(map_type: MapType, return_data: usize, return_size: usize): Status;

/** Replaces the whole map with serialized pairs. */
@external("env", "proxy_set_header_map_pairs")
export declare function proxy_set_header_map_pairs(map_type: MapType, data: usize, size: usize): Status;

/** Writes the map's byte size (u32; Envoy: keys plus values) to `return_size`. */
@external("env", "proxy_get_header_map_size")
export declare function proxy_get_header_map_size(map_type: MapType, return_size: usize): Status;
