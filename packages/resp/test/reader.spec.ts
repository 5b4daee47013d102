import { MAX_DEPTH, ReadStatus, ReplyReader, RespType } from "../assembly/index";
import { bytesOf, decoded, summary } from "./helpers";

// Replies of every type, each with its one-line summary.
const REPLIES: string[] = [
  "+OK\r\n", "-ERR unknown command 'foo'\r\n", ":0\r\n", ":-42\r\n", ":9223372036854775807\r\n",
  ":-9223372036854775808\r\n", "$5\r\nhello\r\n", "$0\r\n\r\n", "$-1\r\n", "$4\r\na\r\nb\r\n", "*0\r\n", "*-1\r\n",
  "*3\r\n$3\r\nfoo\r\n$-1\r\n:7\r\n", "*2\r\n*2\r\n+a\r\n:1\r\n*1\r\n*-1\r\n", "*1\r\n*1\r\n*1\r\n$1\r\nx\r\n",
];
const SUMMARIES: string[] = [
  "+OK", "-ERR unknown command 'foo'", ":0", ":-42", ":9223372036854775807", ":-9223372036854775808", "$hello",
  "$", "$nil", "$a\\r\\nb", "*[]", "*nil", "*[$foo,$nil,:7]", "*[*[+a,:1],*[*nil]]", "*[*[*[$x]]]",
];

describe("ReplyReader: reply types", () => {
  it("decodes every RESP2 reply type", () => {
    for (let i = 0; i < REPLIES.length; i++) expect(decoded(REPLIES[i])).toBe(SUMMARIES[i], REPLIES[i]);
  });

  it("reports the type byte and nulls", () => {
    const reader = new ReplyReader();
    reader.feed(bytesOf("$-1\r\n*-1\r\n*0\r\n$0\r\n\r\n"));
    expect(reader.read()).toBe(ReadStatus.Reply);
    expect(reader.reply!.type).toBe(RespType.BulkString);
    expect(reader.reply!.isNull()).toBe(true);
    expect(reader.read()).toBe(ReadStatus.Reply);
    expect(reader.reply!.type).toBe(RespType.Array);
    expect(reader.reply!.isNull()).toBe(true);
    expect(reader.read()).toBe(ReadStatus.Reply);
    expect(reader.reply!.isNull()).toBe(false);
    expect(reader.read()).toBe(ReadStatus.Reply);
    expect(reader.reply!.isNull()).toBe(false);
  });

  it("keeps binary bulk payloads byte for byte", () => {
    const reader = new ReplyReader();
    const wire = new Uint8Array(9);
    wire.set(bytesOf("$3\r\n"));
    wire[4] = 0x00;
    wire[5] = 0xff;
    wire[6] = 0x0a;
    wire.set(bytesOf("\r\n"), 7);
    reader.feed(wire);
    expect(reader.read()).toBe(ReadStatus.Reply);
    const payload = reader.reply!.bytes();
    expect(payload.length).toBe(3);
    expect(payload[0]).toBe(0x00);
    expect(payload[1]).toBe(0xff);
    expect(payload[2]).toBe(0x0a);
  });
});

describe("ReplyReader: pieces and sequences", () => {
  it("asks for more at every split point, then decodes the same reply", () => {
    for (let r = 0; r < REPLIES.length; r++) {
      const wire = bytesOf(REPLIES[r]);
      for (let split = 0; split < wire.length; split++) {
        const reader = new ReplyReader();
        reader.feed(wire.subarray(0, split));
        expect(reader.read()).toBe(ReadStatus.NeedMore, REPLIES[r] + " split at " + split.toString());
        reader.feed(wire.subarray(split));
        expect(reader.read()).toBe(ReadStatus.Reply);
        expect(summary(reader.reply!)).toBe(SUMMARIES[r]);
        expect(reader.consumed).toBe(wire.length);
        expect(reader.pending).toBe(0);
      }
    }
  });

  it("decodes a reply fed one byte at a time", () => {
    const wire = bytesOf("*3\r\n$5\r\nhello\r\n*2\r\n:1\r\n-ERR x\r\n+OK\r\n");
    const reader = new ReplyReader();
    for (let i = 0; i < wire.length - 1; i++) {
      reader.feed(wire.subarray(i, i + 1));
      expect(reader.read()).toBe(ReadStatus.NeedMore);
    }
    reader.feed(wire.subarray(wire.length - 1));
    expect(reader.read()).toBe(ReadStatus.Reply);
    expect(summary(reader.reply!)).toBe("*[$hello,*[:1,-ERR x],+OK]");
  });

  it("reads several replies from one buffer in turn, each with its size", () => {
    let all = "";
    for (let i = 0; i < REPLIES.length; i++) all += REPLIES[i];
    const reader = new ReplyReader();
    reader.feed(bytesOf(all));
    for (let i = 0; i < REPLIES.length; i++) {
      expect(reader.read()).toBe(ReadStatus.Reply);
      expect(summary(reader.reply!)).toBe(SUMMARIES[i]);
      expect(reader.consumed).toBe(String.UTF8.byteLength(REPLIES[i]));
    }
    expect(reader.read()).toBe(ReadStatus.NeedMore);
    expect(reader.pending).toBe(0);
  });

  it("tells a partial reply from no input through pending", () => {
    const reader = new ReplyReader();
    expect(reader.read()).toBe(ReadStatus.NeedMore);
    expect(reader.pending).toBe(0);
    reader.feed(bytesOf(":1\r\n*2\r\n:1"));
    expect(reader.read()).toBe(ReadStatus.Reply);
    expect(reader.read()).toBe(ReadStatus.NeedMore);
    expect(reader.pending).toBe(6);
  });

  it("keeps earlier replies intact while later input moves to a bigger buffer", () => {
    const reader = new ReplyReader();
    reader.feed(bytesOf("$5\r\nfirst\r\n$6\r\nsec"));
    expect(reader.read()).toBe(ReadStatus.Reply);
    const first = reader.reply!;
    reader.feed(bytesOf("ond\r\n+third and then some longer text to force a new buffer\r\n"));
    expect(reader.read()).toBe(ReadStatus.Reply);
    expect(reader.reply!.string()).toBe("second");
    expect(reader.read()).toBe(ReadStatus.Reply);
    expect(reader.reply!.string()).toBe("third and then some longer text to force a new buffer");
    expect(first.string()).toBe("first");
  });

  it("starts over after reset()", () => {
    const reader = new ReplyReader();
    reader.feed(bytesOf("?\r\n"));
    expect(reader.read()).toBe(ReadStatus.Malformed);
    reader.reset();
    expect(reader.protocolError).toBeNull();
    reader.feed(bytesOf("+OK\r\n"));
    expect(reader.read()).toBe(ReadStatus.Reply);
    expect(reader.reply!.string()).toBe("OK");
  });
});

describe("ReplyReader: malformed input", () => {
  it("rejects an unknown type byte", () => {
    expect(decoded("!oops\r\n")).toBe("Malformed: unknown reply type byte 0x21");
    expect(decoded("*1\r\nhello\r\n")).toBe("Malformed: unknown reply type byte 0x68");
  });

  it("rejects bad lengths", () => {
    const bulk = "Malformed: bulk length is not -1 or 0..536870912";
    const array = "Malformed: array length is not -1 or 0..1048576";
    expect(decoded("$abc\r\n")).toBe(bulk);
    expect(decoded("$\r\n")).toBe(bulk);
    expect(decoded("$-\r\n")).toBe(bulk);
    expect(decoded("$+5\r\nhello\r\n")).toBe(bulk);
    expect(decoded("$-2\r\n")).toBe(bulk);
    expect(decoded("$-0\r\n")).toBe(bulk);
    expect(decoded("$5x\r\n")).toBe(bulk);
    expect(decoded("*-5\r\n")).toBe(array);
    expect(decoded("*1.5\r\n")).toBe(array);
  });

  it("rejects huge lengths as soon as the digits exceed the limit", () => {
    expect(decoded("$536870912\r\n")).toBe("NeedMore");
    expect(decoded("$536870913")).toBe("Malformed: bulk length is not -1 or 0..536870912");
    expect(decoded("$99999999999999999999999999")).toBe("Malformed: bulk length is not -1 or 0..536870912");
    expect(decoded("*1048577\r\n")).toBe("Malformed: array length is not -1 or 0..1048576");
  });

  it("rejects integers that are not signed 64-bit decimals", () => {
    const problem = "Malformed: integer is not a 64-bit signed decimal";
    expect(decoded(":\r\n")).toBe(problem);
    expect(decoded(":12a\r\n")).toBe(problem);
    expect(decoded(":9223372036854775808\r\n")).toBe(problem);
    expect(decoded(":-9223372036854775809\r\n")).toBe(problem);
    expect(decoded(":+5\r\n")).toBe(":5");
  });

  it("rejects a missing or broken CRLF", () => {
    expect(decoded("+OK\n")).toBe("Malformed: line feed without carriage return");
    expect(decoded("+OK\rX")).toBe("Malformed: carriage return without line feed");
    expect(decoded(":1\n")).toBe("Malformed: integer is not a 64-bit signed decimal");
    expect(decoded("$3\r\nabcd\r\n")).toBe("Malformed: bulk string not followed by CRLF");
    expect(decoded("$3\r\nabc\rX")).toBe("Malformed: bulk string not followed by CRLF");
    expect(decoded("$3\nabc\r\n")).toBe("Malformed: bulk length is not -1 or 0..536870912");
  });

  it("rejects arrays nested deeper than MAX_DEPTH, and accepts MAX_DEPTH", () => {
    let deepest = "";
    for (let i = 0; i < MAX_DEPTH; i++) deepest += "*1\r\n";
    expect(decoded(deepest + ":1\r\n").startsWith("*[*[")).toBe(true);
    expect(decoded(deepest + "*0\r\n")).toBe("Malformed: arrays nested deeper than 64");
    expect(decoded(deepest + "*1\r\n:1\r\n")).toBe("Malformed: arrays nested deeper than 64");
  });

  it("stays malformed until reset", () => {
    const reader = new ReplyReader();
    reader.feed(bytesOf("$x\r\n"));
    expect(reader.read()).toBe(ReadStatus.Malformed);
    reader.feed(bytesOf("+OK\r\n"));
    expect(reader.read()).toBe(ReadStatus.Malformed);
    expect(reader.reply == null).toBe(true);
  });

  it("never traps on arbitrary bytes", () => {
    let seed: u32 = 12345;
    const alphabet = bytesOf("+-:$*\r\n0123456789-1xyz");
    let replies = 0;
    for (let round = 0; round < 2000; round++) {
      const wire = new Uint8Array(<i32>(round % 40) + 1);
      for (let i = 0; i < wire.length; i++) {
        seed = seed * 1103515245 + 12345;
        wire[i] = (seed >> 16) % 3 == 0 ? <u8>(seed >> 8) : alphabet[(seed >> 16) % alphabet.length];
      }
      const reader = new ReplyReader();
      reader.feed(wire);
      let status = reader.read();
      while (status == ReadStatus.Reply) {
        replies++;
        expect(reader.consumed).toBeGreaterThan(0);
        status = reader.read();
      }
      if (status == ReadStatus.Malformed) expect(reader.protocolError).not.toBeNull();
    }
    expect(replies).toBeGreaterThan(0);
  });
});
