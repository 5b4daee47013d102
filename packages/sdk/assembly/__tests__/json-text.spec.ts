// JSON text the SDK writes and reads: Go-escaped strings, merged user attributes, the wrapper utils.
import { JsonValue } from "../json";
import { escapeJsonString, quoteJsonString } from "../json-text";
import { jsonTextOf, UserAttributes } from "../user-attributes";
import { getValueFromBody, marshalStr, unifySSEChunk, unmarshalStr } from "../utils";

describe("quoteJsonString", () => {
  it("escapes as Go's json.Marshal does, HTML characters included", () => {
    expect(quoteJsonString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteJsonString("line\nnext\ttab\r")).toBe('"line\\nnext\\ttab\\r"');
    expect(quoteJsonString("<a&b>")).toBe('"\\u003ca\\u0026b\\u003e"');
    expect(quoteJsonString("\x01")).toBe('"\\u0001"');
    expect(quoteJsonString("plain ü")).toBe('"plain ü"');
    expect(escapeJsonString("{\"k\":1}")).toBe('{\\"k\\":1}');
  });
});

describe("user attributes", () => {
  it("writes each value as JSON text", () => {
    expect(jsonTextOf("x<y")).toBe('"x\\u003cy"');
    expect(jsonTextOf(true)).toBe("true");
    expect(jsonTextOf<i64>(-12)).toBe("-12");
    expect(jsonTextOf(JsonValue.parse('{"k":[1]}').value)).toBe('{"k":[1]}');
  });

  it("merges into a previous object, own values winning, keys sorted", () => {
    const attributes = new UserAttributes();
    attributes.set("zeta", "1");
    attributes.set("alpha", '"new"');
    expect(attributes.mergeInto('{"alpha":"old","mid":true}')!).toBe('{"alpha":"new","mid":true,"zeta":1}');
    expect(attributes.mergeInto("")!).toBe('{"alpha":"new","zeta":1}');
  });

  it("refuses a previous value that is not a JSON object", () => {
    const attributes = new UserAttributes();
    expect(attributes.mergeInto("[1]") == null).toBe(true);
    expect(attributes.mergeInto("{broken") == null).toBe(true);
  });

  it("reads attributes back as JSON values, a missing one when absent", () => {
    const attributes = new UserAttributes();
    attributes.set("n", "3");
    expect(attributes.get("n").int()).toBe(3);
    expect(attributes.get("none").exists()).toBe(false);
    expect(attributes.all().size).toBe(1);
  });
});

describe("wrapper utils", () => {
  it("marshals and unmarshals string bodies as Go's MarshalStr/UnmarshalStr", () => {
    expect(marshalStr('{"a":"<b>"}')).toBe('{\\"a\\":\\"\\u003cb\\u003e\\"}');
    expect(unmarshalStr(marshalStr('{"a":"<b>"}'))).toBe('{"a":"<b>"}');
    expect(unmarshalStr('bad \\x escape')).toBe("");
  });

  it("reads the first existing path of a JSON body", () => {
    const body = String.UTF8.encode('{"choices":[{"delta":{"content":"hi"}}]}');
    expect(getValueFromBody(body, ["missing", "choices.0.delta.content"])!.string()).toBe("hi");
    expect(getValueFromBody(body, ["missing"]) == null).toBe(true);
    expect(getValueFromBody(String.UTF8.encode("{"), ["a"]) == null).toBe(true);
  });

  it("unifies SSE line endings: \\r\\n and lone \\r become \\n", () => {
    const unified = unifySSEChunk(String.UTF8.encode("data: a\r\n\r\ndata: b\rdata: c\n"));
    expect(String.UTF8.decode(unified)).toBe("data: a\n\ndata: b\ndata: c\n");
  });
});
