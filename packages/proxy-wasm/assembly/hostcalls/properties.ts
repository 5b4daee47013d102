// Typed host calls: properties such as ["plugin_root_id"], ["request", "path"] or ["route_name"].
import { proxy_get_property, proxy_set_property } from "../imports/properties";
import { dataOf, RETURN_DATA, RETURN_SIZE, returnedBytes, sizeOf } from "../memory";
import { BytesResult } from "../result";
import { serializePropertyPath } from "../serde/path";
import { Status } from "../types";

/** Reads a property; its bytes are encoded as Envoy serializes the value (strings raw, integers 8 bytes LE). */
export function getProperty(path: string[]): BytesResult {
  return getPropertyAt(serializePropertyPath(path));
}

/** Reads a property by its path already serialized (segments joined by `\0`, UTF-8), e.g. a constant. */
export function getPropertyAt(serializedPath: ArrayBuffer): BytesResult {
  return returnedBytes(proxy_get_property(dataOf(serializedPath), sizeOf(serializedPath), RETURN_DATA, RETURN_SIZE));
}

/** Writes a property (Envoy: filter state `wasm.<path>`, readable back with `getProperty`). */
export function setProperty(path: string[], value: ArrayBuffer): Status {
  const encoded = serializePropertyPath(path);
  return proxy_set_property(dataOf(encoded), sizeOf(encoded), dataOf(value), sizeOf(value));
}
