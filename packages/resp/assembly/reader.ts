import { RespType, RespValue } from "./value";

/** The longest bulk string accepted: 512 MiB, Redis's default `proto-max-bulk-len` and Go resp's limit. */
export const MAX_BULK_LENGTH = 512 * 1024 * 1024;
/** The most elements an array may announce: 1 Mi, Go resp's limit. */
export const MAX_ARRAY_LENGTH = 1024 * 1024;
/** The deepest nesting of arrays accepted; a top-level array is depth 1. */
export const MAX_DEPTH = 64;

/** What `ReplyReader.read()` found. */
export enum ReadStatus {
  /** A whole reply: see `reply` and `consumed`. */
  Reply,
  /** The bytes fed so far end inside a reply (or there are none): feed more. */
  NeedMore,
  /** The bytes are not RESP2: see `protocolError`. The reader stays in this state until `reset()`. */
  Malformed,
}

// Protocol errors about numbers and nesting, built once.
@lazy const BAD_INTEGER = "integer is not a 64-bit signed decimal";
@lazy const BAD_BULK_LENGTH = "bulk length is not -1 or 0.." + MAX_BULK_LENGTH.toString();
@lazy const BAD_ARRAY_LENGTH = "array length is not -1 or 0.." + MAX_ARRAY_LENGTH.toString();
@lazy const TOO_DEEP = "arrays nested deeper than " + MAX_DEPTH.toString();

// Results of scanning a line or a bulk payload, besides a position.
const NEED_MORE = -1;
const MALFORMED = -2;

/** An array being filled: the elements so far and how many are still to come. */
class OpenArray {
  readonly items: Array<RespValue> = [];
  constructor(public remaining: i32) {}
}

/**
 * An incremental RESP2 reply decoder. Feed it bytes in pieces of any size; each `read()` returns the next whole
 * reply, asks for more bytes, or reports malformed input. It never traps on bad input: every length is checked
 * against the bytes present and the limits above, and errors are values.
 *
 * Decoding resumes where the previous `read()` stopped, so every byte is parsed once. Replies keep views of the
 * bytes they were decoded from; the reader never overwrites bytes it has handed out.
 */
export class ReplyReader {
  /** The reply found by the last `read()` that returned `Reply`. */
  reply: RespValue | null = null;
  /** How many bytes that reply took, so several replies in one buffer can be told apart. */
  consumed: i32 = 0;
  /** What was wrong, once `read()` has returned `Malformed`. */
  protocolError: string | null = null;

  private data: ArrayBuffer = new ArrayBuffer(0);
  private end: i32 = 0; // bytes stored in `data`
  private position: i32 = 0; // the first byte not yet decoded
  private replyStart: i32 = 0; // where the reply being decoded began (negative once dropped from `data`)
  private open: Array<OpenArray> = [];
  private number: i64 = 0; // the number read by the last `readNumberLine`

  /** Bytes fed but not yet returned as part of a reply: 0 means the input ended between replies. */
  get pending(): i32 {
    return this.end - this.replyStart;
  }

  /** Adds `bytes` (copied) to the input. */
  feed(bytes: Uint8Array): void {
    const size = bytes.byteLength;
    if (this.end + size > this.data.byteLength) {
      // Move the undecoded bytes to a new buffer; replies decoded so far keep the old one alive.
      const undecoded = this.end - this.position;
      const data = new ArrayBuffer(max(undecoded + size, undecoded << 1));
      memory.copy(changetype<usize>(data), changetype<usize>(this.data) + <usize>this.position, undecoded);
      this.data = data;
      this.replyStart -= this.position;
      this.end = undecoded;
      this.position = 0;
    }
    memory.copy(changetype<usize>(this.data) + <usize>this.end, bytes.dataStart, size);
    this.end += size;
  }

  /** Forgets all input, any reply in progress and any protocol error. */
  reset(): void {
    this.reply = null;
    this.consumed = 0;
    this.protocolError = null;
    this.data = new ArrayBuffer(0);
    this.end = 0;
    this.position = 0;
    this.replyStart = 0;
    this.open = [];
  }

  /** Decodes the next reply from the input fed so far. */
  read(): ReadStatus {
    if (this.protocolError != null) return ReadStatus.Malformed;
    this.reply = null;
    while (this.position < this.end) {
      const type = this.byteAt(this.position);
      let value: RespValue;
      if (type == RespType.SimpleString || type == RespType.Error) {
        const lineEnd = this.findLineEnd(this.position + 1);
        if (lineEnd < 0) return this.stopped(lineEnd);
        value = RespValue.fromBytes(<RespType>type, this.view(this.position + 1, lineEnd));
        this.position = lineEnd + 2;
      } else if (type == RespType.Integer) {
        const next = this.readNumberLine(this.position + 1, true, i64.MAX_VALUE, BAD_INTEGER);
        if (next < 0) return this.stopped(next);
        value = RespValue.fromInteger(this.number);
        this.position = next;
      } else if (type == RespType.BulkString) {
        const next = this.readNumberLine(this.position + 1, false, MAX_BULK_LENGTH, BAD_BULK_LENGTH);
        if (next < 0) return this.stopped(next);
        if (this.number < 0) {
          value = RespValue.fromBytes(RespType.BulkString, null);
          this.position = next;
        } else {
          const payloadEnd = next + <i32>this.number;
          const status = this.expectCrlf(payloadEnd, "bulk string not followed by CRLF");
          if (status < 0) return this.stopped(status);
          value = RespValue.fromBytes(RespType.BulkString, this.view(next, payloadEnd));
          this.position = payloadEnd + 2;
        }
      } else if (type == RespType.Array) {
        const next = this.readNumberLine(this.position + 1, false, MAX_ARRAY_LENGTH, BAD_ARRAY_LENGTH);
        if (next < 0) return this.stopped(next);
        if (this.open.length == MAX_DEPTH) return this.stopped(this.fail(TOO_DEEP));
        this.position = next;
        if (this.number > 0) {
          this.open.push(new OpenArray(<i32>this.number));
          continue;
        }
        value = RespValue.fromArray(this.number < 0 ? null : new Array<RespValue>(0));
      } else {
        return this.stopped(this.fail("unknown reply type byte 0x" + (<u32>type).toString(16)));
      }
      // Place the value in the innermost open array, closing every array it completes.
      while (this.open.length > 0) {
        const innermost = this.open[this.open.length - 1];
        innermost.items.push(value);
        if (--innermost.remaining > 0) break;
        this.open.pop();
        value = RespValue.fromArray(innermost.items);
      }
      if (this.open.length == 0) {
        this.reply = value;
        this.consumed = this.position - this.replyStart;
        this.replyStart = this.position;
        return ReadStatus.Reply;
      }
    }
    return ReadStatus.NeedMore;
  }

  /**
   * Reads `<digits>\r\n` from `from` into `number`: an optional `-` then digits, at most `limit`. A signed line
   * (integer replies) takes `+` too; otherwise the only negative accepted is -1 (null). Returns the position after
   * the CRLF, NEED_MORE, or MALFORMED with `problem` as the protocol error.
   */
  private readNumberLine(from: i32, signed: bool, limit: i64, problem: string): i32 {
    let at = from;
    let negative = false;
    if (at < this.end && (this.byteAt(at) == 0x2d || (signed && this.byteAt(at) == 0x2b))) {
      negative = this.byteAt(at) == 0x2d;
      at++;
    }
    const digitsStart = at;
    // Accumulated as a negative number, so that i64.MIN_VALUE fits; a digit past `floor` fails at once.
    const floor = negative ? -limit - 1 : -limit;
    let value: i64 = 0;
    for (; at < this.end; at++) {
      const digit = <i64>this.byteAt(at) - 0x30;
      if (<u64>digit > 9) break;
      if (value < (floor + digit) / 10) return this.fail(problem);
      value = value * 10 - digit;
    }
    if (at == this.end) return NEED_MORE;
    if (at == digitsStart) return this.fail(problem);
    const status = this.expectCrlf(at, problem);
    if (status < 0) return status;
    if (!signed && negative && value != -1) return this.fail(problem);
    this.number = negative ? value : -value;
    return at + 2;
  }

  /** Finds the CRLF that ends the line starting at `from`: its position, NEED_MORE, or MALFORMED. */
  private findLineEnd(from: i32): i32 {
    for (let at = from; at < this.end; at++) {
      const c = this.byteAt(at);
      if (c == 0x0a) return this.fail("line feed without carriage return");
      if (c == 0x0d) {
        const status = this.expectCrlf(at, "carriage return without line feed");
        return status < 0 ? status : at;
      }
    }
    return NEED_MORE;
  }

  /** Checks for CRLF at `at`: 0, NEED_MORE, or MALFORMED with `problem`. */
  private expectCrlf(at: i32, problem: string): i32 {
    if (at < this.end && this.byteAt(at) != 0x0d) return this.fail(problem);
    if (at + 1 < this.end && this.byteAt(at + 1) != 0x0a) return this.fail(problem);
    return at + 1 < this.end ? 0 : NEED_MORE;
  }

  /** Records the protocol error; returns MALFORMED. */
  private fail(problem: string): i32 {
    this.protocolError = problem;
    return MALFORMED;
  }

  /** The status for a scan that stopped with NEED_MORE or MALFORMED. */
  private stopped(result: i32): ReadStatus {
    return result == NEED_MORE ? ReadStatus.NeedMore : ReadStatus.Malformed;
  }

  private byteAt(at: i32): u8 {
    return load<u8>(changetype<usize>(this.data) + <usize>at);
  }

  private view(from: i32, to: i32): Uint8Array {
    return Uint8Array.wrap(this.data, from, to - from);
  }
}
