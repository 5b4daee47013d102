// Per-request "user attributes" (Go `SetUserAttribute` ...): values bound for the access log (as one JSON object
// in a filter-state property such as `custom_log` or `ai_log`) and for trace span tags.
import { getProperty, setProperty, Status } from "@higress-ts/proxy-wasm/assembly";
import { JsonValue } from "./json";
import { escapeJsonString, quoteJsonString } from "./json-text";
import { log } from "./log";

/** The property the access log reads user attributes from (Go `CustomLogKey`). */
// @ts-ignore: decorator
@lazy export const CUSTOM_LOG_KEY = "custom_log";
/** The property AI plugins write their log attributes to (Go `AILogKey`). */
// @ts-ignore: decorator
@lazy export const AI_LOG_KEY = "ai_log";
/** Prefix of the properties that become trace span tags (Go `TraceSpanTagPrefix`). */
// @ts-ignore: decorator
@lazy export const TRACE_SPAN_TAG_PREFIX = "trace_span_tag.";

/** The JSON text of a string, bool, number or `JsonValue`; anything else does not compile. */
export function jsonTextOf<T>(value: T): string {
  if (isString<T>()) return quoteJsonString(changetype<string>(value));
  if (isBoolean<T>()) return value ? "true" : "false";
  if (isInteger<T>() || isFloat<T>()) return value.toString();
  if (value instanceof JsonValue) return changetype<JsonValue>(value).raw();
  ERROR("a user attribute is a string, a bool, a number or a JsonValue");
  return "";
}

/** User attributes by key, each kept as JSON text. */
export class UserAttributes {
  private values: Map<string, string> = new Map<string, string>();

  /** Sets one attribute. */
  set(key: string, jsonText: string): void {
    this.values.set(key, jsonText);
  }

  /** The attribute under `key`; a missing value when absent. */
  get(key: string): JsonValue {
    return this.values.has(key) ? JsonValue.parse(this.values.get(key)).value : JsonValue.missing();
  }

  /** Every attribute. */
  all(): Map<string, JsonValue> {
    const result = new Map<string, JsonValue>();
    const keys = this.values.keys();
    for (let i = 0; i < keys.length; i++) result.set(keys[i], this.get(keys[i]));
    return result;
  }

  /** Replaces every attribute with `attributes`. */
  replaceAll(attributes: Map<string, JsonValue>): void {
    this.values = new Map<string, string>();
    const keys = attributes.keys();
    for (let i = 0; i < keys.length; i++) this.values.set(keys[i], attributes.get(keys[i]).raw());
  }

  /**
   * The JSON object of `previous` (an object's JSON text, or "" for none) updated with these attributes, keys
   * sorted as Go's `json.Marshal` sorts map keys; null when `previous` is not a JSON object.
   */
  mergeInto(previous: string): string | null {
    const merged = new Map<string, string>();
    if (previous.length > 0) {
      const parsed = JsonValue.parse(previous);
      if (!parsed.ok || !parsed.value.isObject()) return null;
      const members = parsed.value.map();
      const keys = members.keys();
      for (let i = 0; i < keys.length; i++) merged.set(keys[i], members.get(keys[i]).raw());
    }
    const own = this.values.keys();
    for (let i = 0; i < own.length; i++) merged.set(own[i], this.values.get(own[i]));
    const keys = merged.keys().sort();
    const parts = new Array<string>(keys.length);
    for (let i = 0; i < keys.length; i++) parts[i] = quoteJsonString(keys[i]) + ":" + merged.get(keys[i]);
    return "{" + parts.join(",") + "}";
  }

  /**
   * Merges the attributes into property `key` (an escaped JSON object, Go `MarshalStr`) and writes it back;
   * returns an error message or null.
   */
  writeToLog(key: string): string | null {
    const current = getProperty([key]).text();
    let previous = "";
    if (current !== null && current.length > 0) {
      const unescaped = JsonValue.parse('"' + current + '"');
      if (!unescaped.ok) return this.unmarshalFailed(key, current);
      previous = unescaped.value.string();
    }
    const merged = this.mergeInto(previous);
    if (merged === null) return this.unmarshalFailed(key, current!);
    const escaped = escapeJsonString(merged);
    const status = setProperty([key], String.UTF8.encode(escaped));
    if (status == Status.Ok) return null;
    const error = "failed to set " + key + " in filter state, raw is " + escaped
      + ", status " + (<i32>status).toString();
    log.warn(error);
    return error;
  }

  /** Sets property `trace_span_tag.<key>` to each attribute's text (strings unquoted); empty ones are skipped. */
  writeToTrace(): void {
    const keys = this.values.keys();
    for (let i = 0; i < keys.length; i++) {
      const text = this.get(keys[i]).string();
      if (text.length == 0) {
        log.warn("user attribute " + keys[i] + " is empty: no trace span tag");
        continue;
      }
      setProperty([TRACE_SPAN_TAG_PREFIX + keys[i]], String.UTF8.encode(text));
    }
  }

  private unmarshalFailed(key: string, previous: string): string {
    const error = "Unmarshal failed, will overwrite " + key + ", pre value is: " + previous;
    log.warn(error);
    return error;
  }
}
