import { ReadStatus, ReplyReader } from "../assembly/index";

/** xorshift32: a deterministic stream of pseudo-random numbers, the same on every run. */
class Prng {
  constructor(private state: u32) {}

  next(): u32 {
    let x = this.state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    this.state = x;
    return x;
  }

  below(n: u32): u32 {
    return this.next() % n;
  }
}

/** Bytes that steer the decoder into its branches: type bytes, digits, signs, CR, LF. */
const ALPHABET = Uint8Array.wrap(String.UTF8.encode("+-:$*\r\n0123456789-1"));

/** A random byte string: half the bytes from the RESP alphabet, half anything. */
function randomBytes(prng: Prng, length: i32): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    bytes[i] = prng.below(2) == 0 ? <u8>prng.next() : ALPHABET[prng.below(ALPHABET.length)];
  }
  return bytes;
}

/** Valid replies of every type, the seeds of mutated input. */
const CORPUS: string[] = [
  "+OK\r\n", "-ERR wrong\r\n", ":1700000000\r\n", ":-42\r\n", "$5\r\nhello\r\n", "$0\r\n\r\n", "$-1\r\n",
  "*0\r\n", "*-1\r\n", "*2\r\n$1\r\na\r\n:7\r\n", "*2\r\n*1\r\n+x\r\n*-1\r\n", "*3\r\n$-1\r\n-E\r\n$2\r\n\r\n\r\n",
];

/** One to three corpus replies in a row, then up to three bytes changed and maybe a cut: mostly near-valid input. */
function mutatedReplies(prng: Prng): Uint8Array {
  let text = "";
  for (let n = prng.below(3); n < 3; n++) text += CORPUS[prng.below(CORPUS.length)];
  const bytes = Uint8Array.wrap(String.UTF8.encode(text));
  for (let n = prng.below(4); n < 3; n++) {
    bytes[prng.below(bytes.length)] = prng.below(2) == 0 ? <u8>prng.next() : ALPHABET[prng.below(ALPHABET.length)];
  }
  return prng.below(4) == 0 ? bytes.subarray(0, <i32>prng.below(bytes.length)) : bytes;
}

describe("ReplyReader: fuzzed input", () => {
  it("decodes 100,000 random byte strings (half noise, half mutated replies) without a trap, in two pieces", () => {
    const prng = new Prng(0x9e3779b9);
    let replies = 0;
    let malformed = 0;
    let needMore = 0;
    for (let round = 0; round < 100_000; round++) {
      const wire = round % 2 == 0 ? randomBytes(prng, <i32>prng.below(64) + 1) : mutatedReplies(prng);
      const reader = new ReplyReader();
      const split = <i32>prng.below(wire.length + 1);
      reader.feed(wire.subarray(0, split));
      let status = reader.read();
      while (status == ReadStatus.Reply) status = reader.read();
      if (status == ReadStatus.NeedMore) {
        reader.feed(wire.subarray(split));
        status = reader.read();
      }
      while (status == ReadStatus.Reply) {
        replies++;
        expect(reader.consumed).toBeGreaterThan(0);
        status = reader.read();
      }
      if (status == ReadStatus.Malformed) {
        malformed++;
        expect(reader.protocolError).not.toBeNull();
      } else {
        needMore++;
      }
    }
    // The input reached every outcome.
    expect(replies).toBeGreaterThan(1000);
    expect(malformed).toBeGreaterThan(1000);
    expect(needMore).toBeGreaterThan(1000);
  });
});
