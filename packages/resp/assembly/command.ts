import { writeInteger } from "./integer";
import { MAX_FLOAT_LENGTH, writeGoFloat } from "./float-format";

// Room for a number argument, formatted before its `$<length>` header can be written (floats are the longest).
// @ts-ignore: decorator
@lazy const scratch = memory.data(MAX_FLOAT_LENGTH);

/**
 * Builds one Redis command as a RESP array of bulk strings (`*<n>\r\n` then `$<len>\r\n<bytes>\r\n` per argument),
 * the way Higress's Go SDK sends every command. Arguments are written straight into one growing buffer; `finish()`
 * yields the command and leaves the writer empty for the next one, keeping its capacity.
 *
 *     const command = new CommandWriter().string("set").string(key).int(1).finish();
 */
export class CommandWriter {
  private body: ArrayBuffer;
  private length: i32 = 0;
  private count: i32 = 0;

  /** A writer whose buffer starts at `capacity` bytes and doubles as needed. */
  constructor(capacity: i32 = 64) {
    this.body = new ArrayBuffer(max(capacity, 16));
  }

  /** Appends `value` encoded as UTF-8 (lone surrogates as WTF-8), without an intermediate copy. */
  string(value: string): this {
    const size = String.UTF8.byteLength(value);
    const at = this.header(size);
    String.UTF8.encodeUnsafe(changetype<usize>(value), value.length, at);
    return this.trailer(size);
  }

  /** Appends the bytes of `value` as they are. */
  bytes(value: Uint8Array): this {
    return this.raw(value.dataStart, value.byteLength);
  }

  /** Appends the bytes of `value` as they are. */
  buffer(value: ArrayBuffer): this {
    return this.raw(changetype<usize>(value), value.byteLength);
  }

  /** Appends `value` in decimal, as Go's `fmt.Sprint(int)`: `42`, `-7`. */
  int(value: i64): this {
    return this.raw(scratch, writeInteger(scratch, value));
  }

  /** Appends `value` as Go's `fmt.Sprint(float64)`: `1.5`, `0.1`, `1e+06`, `1.5e-07`, `+Inf`, `NaN`. */
  float(value: f64): this {
    return this.raw(scratch, writeGoFloat(scratch, value));
  }

  /** The command: the array header and every argument so far, in a new buffer. The writer is then empty. */
  finish(): ArrayBuffer {
    const headerLength = 3 + decimalLength(this.count);
    const command = new ArrayBuffer(headerLength + this.length);
    const at = changetype<usize>(command);
    store<u8>(at, 0x2a); // '*'
    writeInteger(at + 1, this.count);
    store<u16>(at + <usize>headerLength - 2, 0x0a0d); // CRLF
    memory.copy(at + <usize>headerLength, changetype<usize>(this.body), this.length);
    this.length = 0;
    this.count = 0;
    return command;
  }

  private raw(ptr: usize, size: i32): this {
    memory.copy(this.header(size), ptr, size);
    return this.trailer(size);
  }

  /** Writes `$<size>\r\n`, making room for the payload and its CRLF; returns where the payload goes. */
  private header(size: i32): usize {
    this.reserve(size + 5 + decimalLength(size));
    let at = changetype<usize>(this.body) + <usize>this.length;
    store<u8>(at++, 0x24); // '$'
    at += writeInteger(at, size);
    store<u16>(at, 0x0a0d);
    at += 2;
    this.length = <i32>(at - changetype<usize>(this.body));
    return at;
  }

  /** Ends the payload of `size` bytes written after the header with CRLF. */
  private trailer(size: i32): this {
    this.length += size;
    store<u16>(changetype<usize>(this.body) + <usize>this.length, 0x0a0d);
    this.length += 2;
    this.count++;
    return this;
  }

  private reserve(extra: i32): void {
    const needed = this.length + extra;
    const capacity = this.body.byteLength;
    if (needed <= capacity) return;
    const grown = new ArrayBuffer(max(needed, capacity << 1));
    memory.copy(changetype<usize>(grown), changetype<usize>(this.body), this.length);
    this.body = grown;
  }
}

/** The number of decimal digits of the non-negative `value`. */
function decimalLength(value: i32): i32 {
  let length = 1;
  while (value >= 10) {
    value /= 10;
    length++;
  }
  return length;
}
