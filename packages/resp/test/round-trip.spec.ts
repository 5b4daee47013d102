import { CommandWriter, ReadStatus, ReplyReader, RespType, RespValue } from "../assembly/index";
import { summary } from "./helpers";

/** xorshift32, seeded: the same values on every run. */
let state: u32 = 0x2545f491;
function below(n: u32): u32 {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state % n;
}

function randomBytes(length: i32): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = <u8>below(256);
  return bytes;
}

/** A random reply of any type, arrays nested up to `depth`. */
function randomValue(depth: i32): RespValue {
  switch (below(depth > 0 ? 7 : 6)) {
    case 0: return RespValue.fromBytes(RespType.SimpleString, Uint8Array.wrap(String.UTF8.encode("OK" + below(99).toString())));
    case 1: return RespValue.fromError("ERR " + below(99).toString());
    case 2: return RespValue.fromInteger(<i64>below(u32.MAX_VALUE) * (below(2) == 0 ? -1 : 1) << below(31));
    case 3: return RespValue.fromBytes(RespType.BulkString, randomBytes(<i32>below(40)));
    case 4: return RespValue.fromBytes(RespType.BulkString, null);
    case 5: return RespValue.fromArray(null);
    default: {
      const items = new Array<RespValue>();
      for (let n = below(5); n > 0; n--) items.push(randomValue(depth - 1));
      return RespValue.fromArray(items);
    }
  }
}

/** The RESP2 wire form of `value` (the encoding Redis uses for replies). */
function wireOf(value: RespValue, out: Array<u8>): void {
  const type = value.type;
  out.push(<u8>type);
  let head = "";
  if (type == RespType.Array) head = value.isNull() ? "-1" : value.array().length.toString();
  else if (type == RespType.BulkString) head = value.isNull() ? "-1" : value.bytes().length.toString();
  else if (type == RespType.Integer) head = value.integer().toString();
  else head = value.string();
  const text = Uint8Array.wrap(String.UTF8.encode(head + "\r\n"));
  for (let i = 0; i < text.length; i++) out.push(text[i]);
  if (type == RespType.BulkString && !value.isNull()) {
    const payload = value.bytes();
    for (let i = 0; i < payload.length; i++) out.push(payload[i]);
    out.push(0x0d);
    out.push(0x0a);
  }
  if (type == RespType.Array) {
    const items = value.array();
    for (let i = 0; i < items.length; i++) wireOf(items[i], out);
  }
}

function bytesFrom(out: Array<u8>): Uint8Array {
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out[i];
  return bytes;
}

describe("round trips", () => {
  it("decodes 2,000 random binary commands back to the arguments the writer was given", () => {
    const writer = new CommandWriter();
    for (let round = 0; round < 2000; round++) {
      const args = new Array<Uint8Array>();
      for (let n = below(6) + 1; n > 0; n--) args.push(randomBytes(<i32>below(30)));
      for (let i = 0; i < args.length; i++) writer.bytes(args[i]);
      const reader = new ReplyReader();
      reader.feed(Uint8Array.wrap(writer.finish()));
      expect(reader.read()).toBe(ReadStatus.Reply);
      expect(reader.pending).toBe(0);
      const items = reader.reply!.array();
      expect(items.length).toBe(args.length);
      for (let i = 0; i < args.length; i++) {
        expect(items[i].type).toBe(RespType.BulkString);
        const got = items[i].bytes();
        expect(got.length).toBe(args[i].length);
        for (let j = 0; j < got.length; j++) expect(got[j]).toBe(args[i][j]);
      }
    }
  });

  it("decodes 2,000 random reply trees, split at a random byte, to the values they were written from", () => {
    for (let round = 0; round < 2000; round++) {
      const value = randomValue(3);
      const out = new Array<u8>();
      wireOf(value, out);
      const wire = bytesFrom(out);
      const split = <i32>below(wire.length);
      const reader = new ReplyReader();
      reader.feed(wire.subarray(0, split));
      expect(reader.read()).toBe(ReadStatus.NeedMore);
      reader.feed(wire.subarray(split));
      expect(reader.read()).toBe(ReadStatus.Reply);
      expect(reader.consumed).toBe(wire.length);
      expect(summary(reader.reply!)).toBe(summary(value));
    }
  });
});
