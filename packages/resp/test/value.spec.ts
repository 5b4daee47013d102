import { RespType, RespValue } from "../assembly/index";
import { bytesOf, readOne } from "./helpers";

function reply(wire: string): RespValue {
  return readOne(wire).reply!;
}

describe("RespValue accessors", () => {
  it("error() is the text of error replies only", () => {
    expect(reply("-WRONGTYPE Operation against a key\r\n").error()).toBe("WRONGTYPE Operation against a key");
    expect(reply("+OK\r\n").error()).toBeNull();
    expect(reply("$3\r\nERR\r\n").error()).toBeNull();
    expect(RespValue.fromError("cannot connect to redis cluster").error()).toBe("cannot connect to redis cluster");
  });

  it("integer() parses text as Go's strconv.ParseInt and ignores its errors", () => {
    expect(reply(":-12\r\n").integer()).toBe(-12);
    expect(reply("$2\r\n42\r\n").integer()).toBe(42);
    expect(reply("+-7\r\n").integer()).toBe(-7);
    expect(reply("$2\r\n+5\r\n").integer()).toBe(5);
    expect(reply("$3\r\n1.5\r\n").integer()).toBe(0);
    expect(reply("$3\r\n 12\r\n").integer()).toBe(0);
    expect(reply("$1\r\n-\r\n").integer()).toBe(0);
    expect(reply("+OK\r\n").integer()).toBe(0);
    expect(reply("$20\r\n99999999999999999999\r\n").integer()).toBe(i64.MAX_VALUE);
    expect(reply("$20\r\n-9999999999999999999\r\n").integer()).toBe(i64.MIN_VALUE);
    expect(reply("$-1\r\n").integer()).toBe(0);
    expect(reply("*1\r\n:5\r\n").integer()).toBe(0);
  });

  it("float() parses text as Go's strconv.ParseFloat, correctly rounded", () => {
    expect(reply(":3\r\n").float()).toBe(3.0);
    expect(reply("$4\r\n10.5\r\n").float()).toBe(10.5);
    expect(reply("$19\r\n0.30000000000000004\r\n").float()).toBe(0.30000000000000004);
    expect(reply("$21\r\n9.110394214413614e+49\r\n").float()).toBe(9.110394214413614e49);
    expect(reply("$23\r\n2.2250738585072011e-308\r\n").float()).toBe(2.225073858507201e-308);
    expect(reply("$6\r\n5e-324\r\n").float()).toBe(5e-324);
    expect(reply("$6\r\n1e-400\r\n").float()).toBe(0);
    expect(reply("$5\r\n1e400\r\n").float()).toBe(Infinity);
    expect(reply("$2\r\n1.\r\n").float()).toBe(1.0);
    expect(reply("$2\r\n.5\r\n").float()).toBe(0.5);
    expect(reply("$4\r\n-inf\r\n").float()).toBe(-Infinity);
    expect(reply("$8\r\nInfinity\r\n").float()).toBe(Infinity);
    expect(isNaN(reply("$3\r\nNaN\r\n").float())).toBe(true);
    expect(reply("$4\r\n+nan\r\n").float()).toBe(0);
    expect(reply("$5\r\n1_000\r\n").float()).toBe(0);
    expect(reply("$4\r\n0x10\r\n").float()).toBe(0);
    expect(reply("$2\r\n1e\r\n").float()).toBe(0);
    expect(reply("$-1\r\n").float()).toBe(0);
  });

  it("bool() is integer() != 0", () => {
    expect(reply(":1\r\n").bool()).toBe(true);
    expect(reply(":0\r\n").bool()).toBe(false);
    expect(reply("$1\r\n1\r\n").bool()).toBe(true);
    expect(reply("+OK\r\n").bool()).toBe(false);
    expect(reply("$-1\r\n").bool()).toBe(false);
  });

  it("string() renders every type as Go resp does", () => {
    expect(reply("+PONG\r\n").string()).toBe("PONG");
    expect(reply("$7\r\ncafé 1\r\n").string()).toBe("café 1");
    expect(reply(":-5\r\n").string()).toBe("-5");
    expect(reply("$-1\r\n").string()).toBe("");
    expect(reply("*-1\r\n").string()).toBe("[]");
    expect(reply("*3\r\n$1\r\na\r\n:1\r\n*2\r\n$1\r\nb\r\n$-1\r\n").string()).toBe("[a 1 [b ]]");
  });

  it("bytes() views the received payload, or encodes string()", () => {
    const value = reply("$3\r\nabc\r\n");
    expect(value.bytes().length).toBe(3);
    expect(value.bytes()[2]).toBe(0x63);
    expect(String.UTF8.decode(reply(":123\r\n").bytes().slice().buffer)).toBe("123");
    expect(reply("$-1\r\n").bytes().length).toBe(0);
    expect(reply("$0\r\n\r\n").bytes().length).toBe(0);
  });

  it("array() holds the elements; empty for null arrays and other types", () => {
    const items = reply("*2\r\n$1\r\nk\r\n:9\r\n").array();
    expect(items.length).toBe(2);
    expect(items[0].string()).toBe("k");
    expect(items[1].integer()).toBe(9);
    expect(reply("*-1\r\n").array().length).toBe(0);
    expect(reply("+OK\r\n").array().length).toBe(0);
  });

  it("isNull() is true for the null bulk string and the null array only", () => {
    expect(reply("$-1\r\n").isNull()).toBe(true);
    expect(reply("*-1\r\n").isNull()).toBe(true);
    expect(reply("$0\r\n\r\n").isNull()).toBe(false);
    expect(reply("*0\r\n").isNull()).toBe(false);
    expect(reply("+\r\n").isNull()).toBe(false);
  });

  it("the factories build the values the reader would", () => {
    expect(RespValue.fromInteger(7).string()).toBe("7");
    expect(RespValue.fromBytes(RespType.SimpleString, bytesOf("OK")).string()).toBe("OK");
    expect(RespValue.fromBytes(RespType.BulkString, null).isNull()).toBe(true);
    expect(RespValue.fromArray([RespValue.fromInteger(1)]).string()).toBe("[1]");
    expect(RespValue.fromArray(null).isNull()).toBe(true);
  });
});
