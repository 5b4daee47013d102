// A gjson-style view of one JSON value: a span of the validated source text, read lazily. Nothing is decoded
// until asked for, so reading two fields of a large config costs two scans and two small strings.
//
// Why our own reader rather than json-as's dynamic `JSON.Value` behind `validateJSON`: it keeps the gjson semantics
// config code relies on (64-bit integers exact, `raw()` as written, first duplicate key wins, a scalar as a
// one-element `array()`, no f64 round trip), and it links less: measured with -Oz over a 3.0 KB module, reading one
// bool adds 13.5 KB (json-as: 22.2 KB), using every accessor 23.4 KB (json-as: 51.2 KB). docs/config-and-rules.md.
import { COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from "./chars";
import {
  formatFloat, integerValue, isInteger, numberIsNonZero, numberToInt, parseNumber, parseNumberText,
} from "./number";
import { splitPath } from "./path";
import { ChildCursor, regionEquals, skipSpace, valueEnd } from "./scan";
import { JsonType } from "./type";
import { unescapeString } from "./unescape";
import { JsonSyntaxError, validateJson } from "./validate";

/** The outcome of `JsonValue.parse`: the value, or the reason the text is not JSON. Errors are values. */
export class JsonParseResult {
  constructor(
    /** The parsed value; a missing value when `error` is set. */
    readonly value: JsonValue,
    /** `invalid JSON at byte N: reason`, or null on success. */
    readonly error: string | null,
  ) {}

  /** Whether the text was valid JSON. */
  get ok(): bool {
    return this.error == null;
  }
}

/** One member of a JSON object: its key (unescaped) and its value. */
export class JsonMember {
  constructor(
    /** The member's name, escapes decoded. */
    readonly key: string,
    /** The member's value. */
    readonly value: JsonValue,
  ) {}
}

/** One JSON value, or a missing one, read the way Go plugins read config with gjson. */
export class JsonValue {
  private constructor(
    private readonly text: string,
    private readonly start: i32,
    private readonly end: i32,
    /** The kind of value; `Null` for both `null` and a missing value. */
    readonly type: JsonType,
  ) {}

  /** Validates `text` (RFC 8259, whitespace around allowed) and returns its value, or an error; never traps. */
  static parse(text: string): JsonParseResult {
    const error = validateJson(String.UTF8.encode(text));
    return error != null ? JsonValue.invalid(error) : JsonValue.valid(text);
  }

  /** As `parse`, from UTF-8 bytes (a configuration, a body), decoded only when valid. */
  static parseBytes(bytes: ArrayBuffer): JsonParseResult {
    const error = validateJson(bytes);
    return error != null ? JsonValue.invalid(error) : JsonValue.valid(String.UTF8.decode(bytes));
  }

  private static invalid(error: JsonSyntaxError): JsonParseResult {
    return new JsonParseResult(JsonValue.missing(), error.message());
  }

  private static valid(text: string): JsonParseResult {
    const start = skipSpace(text, 0);
    return new JsonParseResult(JsonValue.at(text, start, valueEnd(text, start)), null);
  }

  /** The value that is not there (gjson's zero `Result`): what `get` returns for an absent path. */
  static missing(): JsonValue {
    return new JsonValue("", 0, 0, JsonType.Null);
  }

  private static at(text: string, start: i32, end: i32): JsonValue {
    const c = text.charCodeAt(start);
    let type = JsonType.Number;
    if (c == QUOTE) type = JsonType.String;
    else if (c == OPEN_BRACE || c == OPEN_BRACKET) type = JsonType.JSON;
    else if (c == 0x74) type = JsonType.True;
    else if (c == 0x66) type = JsonType.False;
    else if (c == 0x6e) type = JsonType.Null;
    return new JsonValue(text, start, end, type);
  }

  /** The value at a gjson dot path (`a.b.0.c`, `\.` for a literal dot); a missing value when there is none. */
  get(path: string): JsonValue {
    const keys = splitPath(path);
    let current: JsonValue = this;
    for (let i = 0; i < keys.length && current.exists(); i++) current = current.child(keys[i]);
    return current;
  }

  private child(key: string): JsonValue {
    const isObject = this.isObject();
    if (!isObject && !(this.isArray() && isInteger(key) && !key.startsWith("-"))) return JsonValue.missing();
    const cursor = new ChildCursor(this.text, isObject, this.start);
    let index = isObject ? 0 : integerValue(key);
    while (cursor.next()) {
      const found = isObject ? this.keyEquals(cursor.keyStart, cursor.keyEnd, key) : index-- == 0;
      if (found) return JsonValue.at(this.text, cursor.valueStart, cursor.valueEnd);
    }
    return JsonValue.missing();
  }

  private keyEquals(start: i32, end: i32, key: string): bool {
    const text = this.text;
    const escaped = text.indexOf("\\", start);
    if (escaped < 0 || escaped >= end) return regionEquals(text, start + 1, end - 1, key);
    return unescapeString(text, start, end) == key;
  }

  /**
   * This object without its first member named `key` (what Go's `sjson.DeleteBytes` does to `_plugin_id_` at
   * plugin start); the value itself when it is not an object or has no such member. The rest of the text is kept.
   */
  without(key: string): JsonValue {
    if (!this.isObject()) return this;
    const text = this.text;
    const cursor = new ChildCursor(text, true, this.start);
    let previousEnd = -1;
    while (cursor.next()) {
      if (!this.keyEquals(cursor.keyStart, cursor.keyEnd, key)) {
        previousEnd = cursor.valueEnd;
        continue;
      }
      // Take the member with the comma after it, or, for the last member, with the comma before it.
      let cutStart = cursor.keyStart;
      let cutEnd = skipSpace(text, cursor.valueEnd);
      if (text.charCodeAt(cutEnd) == COMMA) cutEnd = skipSpace(text, cutEnd + 1);
      else if (previousEnd >= 0) cutStart = previousEnd;
      else cutEnd = cursor.valueEnd;
      const rest = text.substring(this.start, cutStart) + text.substring(cutEnd, this.end);
      return new JsonValue(rest, 0, rest.length, JsonType.JSON);
    }
    return this;
  }

  /** Whether the value is present (gjson `Exists`): true for an explicit `null`, false for a missing value. */
  exists(): bool {
    return this.end > this.start;
  }

  /** Whether the value is an object. */
  isObject(): bool {
    return this.type == JsonType.JSON && this.text.charCodeAt(this.start) == OPEN_BRACE;
  }

  /** Whether the value is an array. */
  isArray(): bool {
    return this.type == JsonType.JSON && this.text.charCodeAt(this.start) == OPEN_BRACKET;
  }

  /** The JSON text of the value exactly as written in the source; "" when missing. */
  raw(): string {
    return this.text.substring(this.start, this.end);
  }

  /**
   * gjson `String`: a string's decoded text; `true`/`false`; a number as written when it is an integer, else in
   * shortest plain decimal (`1e3` → "1000"); an object or array as its raw JSON; "" for `null` and missing.
   */
  string(): string {
    if (this.type != JsonType.Number) return this.stringAsWritten();
    const raw = this.raw();
    return isInteger(raw) ? raw : formatFloat(parseNumber(raw));
  }

  /**
   * As `string()`, except that every number is its text as written (`1e3` stays "1e3"), which links no float
   * parsing or printing: for values that are names, such as `_rules_` entries and `_plugin_id_`.
   */
  stringAsWritten(): string {
    switch (this.type) {
      case JsonType.String: return this.decodedString();
      case JsonType.True: return "true";
      case JsonType.False: return "false";
      case JsonType.JSON:
      case JsonType.Number: return this.raw();
      default: return "";
    }
  }

  /**
   * gjson `Int`: a number truncated toward zero (integers exact on 64 bits); a string holding only an optional
   * '-' and digits; `true` → 1; anything else (other strings, `false`, `null`, missing, containers) → 0.
   */
  int(): i64 {
    switch (this.type) {
      case JsonType.Number: return numberToInt(this.raw());
      case JsonType.String: {
        const s = this.decodedString();
        return isInteger(s) ? integerValue(s) : 0;
      }
      case JsonType.True: return 1;
      default: return 0;
    }
  }

  /** gjson `Float`: a number; a string in JSON number syntax (else 0); `true` → 1; anything else → 0. */
  float(): f64 {
    switch (this.type) {
      case JsonType.Number: return parseNumber(this.raw());
      case JsonType.String: return parseNumberText(this.decodedString());
      case JsonType.True: return 1;
      default: return 0;
    }
  }

  /** gjson `Bool`: `true`; a non-zero number; the strings "true", "t", "1" in any case; anything else is false. */
  bool(): bool {
    switch (this.type) {
      case JsonType.True: return true;
      case JsonType.Number: return numberIsNonZero(this.raw());
      case JsonType.String: {
        const s = this.decodedString();
        return s == "1" || equalsIgnoringAsciiCase(s, "t") || equalsIgnoringAsciiCase(s, "true");
      }
      default: return false;
    }
  }

  /** The elements of an array; `[]` for `null` and missing; any other single value as a one-element array. */
  array(): JsonValue[] {
    const elements = new Array<JsonValue>();
    if (this.type == JsonType.Null) return elements;
    if (!this.isArray()) {
      elements.push(this);
      return elements;
    }
    const cursor = new ChildCursor(this.text, false, this.start);
    while (cursor.next()) elements.push(JsonValue.at(this.text, cursor.valueStart, cursor.valueEnd));
    return elements;
  }

  /** The members of an object by key, in source order (a repeated key keeps its first place, last value); else empty. */
  map(): Map<string, JsonValue> {
    const byKey = new Map<string, JsonValue>();
    const members = this.members();
    for (let i = 0; i < members.length; i++) byKey.set(members[i].key, members[i].value);
    return byKey;
  }

  /**
   * The members of an object in source order, a repeated key each time it is written (gjson `ForEach` over an
   * object); empty for anything else. Unlike `map()` it links no hashing.
   */
  members(): JsonMember[] {
    const members = new Array<JsonMember>();
    if (!this.isObject()) return members;
    const cursor = new ChildCursor(this.text, true, this.start);
    while (cursor.next()) {
      const key = unescapeString(this.text, cursor.keyStart, cursor.keyEnd);
      members.push(new JsonMember(key, JsonValue.at(this.text, cursor.valueStart, cursor.valueEnd)));
    }
    return members;
  }

  /** This value's `string()`, or `fallback` when it is missing or `null`. The idiom for defaults: `.get(p).stringOr(d)`. */
  stringOr(fallback: string): string {
    return this.isAbsent() ? fallback : this.string();
  }

  /** This value's `int()`, or `fallback` when it is missing or `null`. */
  intOr(fallback: i64): i64 {
    return this.isAbsent() ? fallback : this.int();
  }

  /** This value's `float()`, or `fallback` when it is missing or `null`. */
  floatOr(fallback: f64): f64 {
    return this.isAbsent() ? fallback : this.float();
  }

  /** This value's `bool()`, or `fallback` when it is missing or `null`. */
  boolOr(fallback: bool): bool {
    return this.isAbsent() ? fallback : this.bool();
  }

  /** The text of a string value (not the general `string()` conversion, so bool/int reads link no float code). */
  private decodedString(): string {
    return unescapeString(this.text, this.start, this.end);
  }

  private isAbsent(): bool {
    return this.type == JsonType.Null;
  }
}

/**
 * Whether `s` equals the lower-case ASCII word `lower` ignoring ASCII case. For the words Go's ParseBool knows this
 * is exactly `strings.ToLower(s) == lower` (no other character lower-cases to ASCII letters of these words),
 * without the Unicode case tables `toLowerCase` would link in (about 8 KB).
 */
function equalsIgnoringAsciiCase(s: string, lower: string): bool {
  if (s.length != lower.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) != lower.charCodeAt(i)) return false;
  }
  return true;
}
