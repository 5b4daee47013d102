// The wrapper's small helpers (Go `utils.go`, `response_wrapper.go`).
import { getProperty } from "@higress-ts/proxy-wasm/assembly";
import { JsonValue } from "./json";
import { escapeJsonString } from "./json-text";

/** Whether the current response came from the upstream (property `response.code_details` is `via_upstream`). */
export function isResponseFromUpstream(): bool {
  const details = getProperty(["response", "code_details"]).text();
  return details !== null && details == "via_upstream";
}

/** The plugin's fingerprint: property `plugin_name` ("" when the host has none). */
export function getPluginFingerPrint(): string {
  const name = getProperty(["plugin_name"]).text();
  return name === null ? "" : name;
}

/** `raw` escaped as the body of a JSON string, without the quotes (Go `MarshalStr`). */
export function marshalStr(raw: string): string {
  return escapeJsonString(raw);
}

/** The text a JSON string body (without quotes) stands for, or "" when it is not valid (Go `UnmarshalStr`). */
export function unmarshalStr(marshalled: string): string {
  const parsed = JsonValue.parse('"' + marshalled + '"');
  return parsed.ok ? parsed.value.string() : "";
}

/** The value at the first of `paths` that exists in the JSON `data`; null when none does or `data` is not JSON. */
export function getValueFromBody(data: ArrayBuffer, paths: string[]): JsonValue | null {
  const parsed = JsonValue.parse(String.UTF8.decode(data));
  if (!parsed.ok) return null;
  for (let i = 0; i < paths.length; i++) {
    const value = parsed.value.get(paths[i]);
    if (value.exists()) return value;
  }
  return null;
}

/** An SSE chunk with `\r\n` and then lone `\r` turned into `\n` (Go `UnifySSEChunk`). */
export function unifySSEChunk(data: ArrayBuffer): ArrayBuffer {
  const size = data.byteLength;
  const source = changetype<usize>(data);
  const unified = new ArrayBuffer(size);
  const target = changetype<usize>(unified);
  let length = 0;
  for (let i = 0; i < size; i++) {
    const c = load<u8>(source + i);
    if (c == 0x0d) {
      store<u8>(target + length++, 0x0a);
      if (i + 1 < size && load<u8>(source + i + 1) == 0x0a) i++;
    } else {
      store<u8>(target + length++, c);
    }
  }
  return unified.slice(0, length);
}
