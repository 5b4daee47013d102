/** Why a module could not be read, and the byte offset (from the start of the file) where that became clear. */
export class MalformedModuleError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at byte offset ${offset}`);
    this.name = "MalformedModuleError";
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A cursor over a window of a module's bytes. Every read names what it reads, so that running out of bytes
 * or meeting a bad encoding becomes a MalformedModuleError that says what was being read and where.
 */
export class ByteReader {
  offset: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.offset = start;
  }

  /** Whether the window is exhausted. */
  get atEnd(): boolean {
    return this.offset >= this.end;
  }

  /** Bytes left in the window. */
  get remaining(): number {
    return this.end - this.offset;
  }

  /** Reads one byte. */
  u8(what: string): number {
    if (this.offset >= this.end) throw this.endOfData(what);
    return this.bytes[this.offset++]!;
  }

  /** Reads an unsigned LEB128 integer that must fit in 32 bits (the encoding of counts, sizes and indices). */
  u32(what: string): number {
    const start = this.offset;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.u8(what);
      if (shift === 28 && byte > 0x0f) throw new MalformedModuleError(`${what} does not fit in 32 bits`, start);
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw new MalformedModuleError(`${what} is longer than 5 bytes`, start);
  }

  /** Skips an unsigned LEB128 integer of up to 64 bits (memory64 limits). */
  skipU64(what: string): void {
    const start = this.offset;
    for (let i = 0; i < 10; i++) if ((this.u8(what) & 0x80) === 0) return;
    throw new MalformedModuleError(`${what} is longer than 10 bytes`, start);
  }

  /** Takes the next `length` bytes as a reader of their own, after checking they are there. */
  window(length: number, what: string): ByteReader {
    if (length > this.remaining) {
      throw new MalformedModuleError(`${what} needs ${length} bytes but only ${this.remaining} remain`, this.offset);
    }
    const window = new ByteReader(this.bytes, this.offset, this.offset + length);
    this.offset += length;
    return window;
  }

  /** Reads a length-prefixed UTF-8 name. */
  name(what: string): string {
    const start = this.offset;
    const length = this.u32(`the length of ${what}`);
    const window = this.window(length, what);
    try {
      return utf8.decode(this.bytes.subarray(window.offset, window.end));
    } catch {
      throw new MalformedModuleError(`${what} is not valid UTF-8`, start);
    }
  }

  /** Fails unless the window was read to its end. */
  expectEnd(what: string): void {
    if (this.offset !== this.end) {
      throw new MalformedModuleError(`${what} has ${this.end - this.offset} unexpected trailing bytes`, this.offset);
    }
  }

  private endOfData(what: string): MalformedModuleError {
    return new MalformedModuleError(`unexpected end of data while reading ${what}`, this.offset);
  }
}
