// Host imports: properties (paths are NUL-separated segments).
import { Status } from "../types";

/** Reads the property at a serialized path into a host-allocated block. */
@external("env", "proxy_get_property")
export declare function proxy_get_property(
  path_data: usize, path_size: usize, return_value_data: usize, return_value_size: usize,
): Status;

/** Writes a property (Envoy stores it as filter state `wasm.<path>`). */
@external("env", "proxy_set_property")
export declare function proxy_set_property(
  path_data: usize, path_size: usize, value_data: usize, value_size: usize,
): Status;
