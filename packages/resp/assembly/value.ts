import { parseGoInt } from "./integer";
import { parseGoFloat } from "./float-parse";

/** The RESP2 reply types, valued by their wire type byte, like Go resp's `Type`. */
export enum RespType {
  /** `+OK\r\n` */
  SimpleString = 0x2b,
  /** `-ERR message\r\n` */
  Error = 0x2d,
  /** `:42\r\n` */
  Integer = 0x3a,
  /** `$5\r\nhello\r\n`, or the null bulk string `$-1\r\n` */
  BulkString = 0x24,
  /** `*2\r\n...`, or the null array `*-1\r\n` */
  Array = 0x2a,
}

/**
 * One decoded RESP2 reply, with the accessors of Go's `resp.Value` (tidwall/resp, which Higress's Go SDK hands to
 * Redis callbacks). Text payloads stay as a view of the received bytes until an accessor asks for a string.
 */
export class RespValue {
  private constructor(
    /** The reply type. */
    readonly type: RespType,
    private readonly text: Uint8Array | null,
    private readonly number: i64,
    private readonly items: Array<RespValue> | null,
  ) {}

  /** A simple string, error or bulk string over `bytes` (not copied); `null` makes a null bulk string. */
  static fromBytes(type: RespType, bytes: Uint8Array | null): RespValue {
    return new RespValue(type, bytes, 0, null);
  }

  /** An error reply with the UTF-8 of `message`, like Go's `resp.ErrorValue`. */
  static fromError(message: string): RespValue {
    return new RespValue(RespType.Error, Uint8Array.wrap(String.UTF8.encode(message)), 0, null);
  }

  /** An integer reply. */
  static fromInteger(value: i64): RespValue {
    return new RespValue(RespType.Integer, null, value, null);
  }

  /** An array reply over `items` (not copied); `null` makes a null array. */
  static fromArray(items: Array<RespValue> | null): RespValue {
    return new RespValue(RespType.Array, null, 0, items);
  }

  /** The error text of an error reply; `null` for every other type. */
  error(): string | null {
    return this.type == RespType.Error ? this.string() : null;
  }

  /** True for the null bulk string (`$-1`) and the null array (`*-1`). */
  isNull(): bool {
    if (this.type == RespType.BulkString) return this.text == null;
    return this.type == RespType.Array && this.items == null;
  }

  /**
   * The integer of an integer reply. Other text is parsed as Go's `strconv.ParseInt(s, 10, 64)`: an optional sign
   * and decimal digits, clamped to the i64 range when too large; anything else, null and arrays give 0.
   */
  integer(): i64 {
    if (this.type == RespType.Integer) return this.number;
    const text = this.text;
    return text ? parseGoInt(text) : 0;
  }

  /**
   * The integer reply as f64. Other text is parsed as Go's `strconv.ParseFloat(s, 64)` in decimal: `1.5`, `-2e10`,
   * `.5`, `inf`/`infinity` with an optional sign, `nan` (any case); correctly rounded, overflow gives ±Infinity.
   * Anything else (including Go's hexadecimal and `_`-separated forms), null and arrays give 0.
   */
  float(): f64 {
    if (this.type == RespType.Integer) return <f64>this.number;
    const text = this.text;
    return text ? parseGoFloat(text) : 0;
  }

  /** `integer() != 0`, as Go resp: `:1` and `$1` are true, `+OK` is false. */
  bool(): bool {
    return this.integer() != 0;
  }

  /**
   * The payload as a string, decoded from UTF-8: the text of simple strings, errors and bulk strings; the decimal
   * of an integer; "" for the null bulk string; for arrays Go's `%v` of the elements, e.g. `[a 1 [b c]]`, and `[]`
   * for the null array.
   */
  string(): string {
    const text = this.text;
    if (text) return String.UTF8.decodeUnsafe(text.dataStart, text.byteLength);
    if (this.type == RespType.Integer) return this.number.toString();
    const items = this.items;
    if (!items) return this.type == RespType.Array ? "[]" : "";
    let joined = "[";
    for (let i = 0; i < items.length; i++) {
      if (i > 0) joined += " ";
      joined += items[i].string();
    }
    return joined + "]";
  }

  /**
   * The payload bytes: a view of the received bytes (not a copy) for simple strings, errors and bulk strings;
   * the UTF-8 of `string()` for integers and arrays; empty for the null bulk string (Go returns nil there).
   */
  bytes(): Uint8Array {
    const text = this.text;
    if (text) return text;
    if (this.type == RespType.BulkString) return new Uint8Array(0);
    return Uint8Array.wrap(String.UTF8.encode(this.string()));
  }

  /** The elements of an array reply; empty for the null array and every other type (Go returns nil there). */
  array(): Array<RespValue> {
    const items = this.items;
    return items ? items : new Array<RespValue>(0);
  }
}
