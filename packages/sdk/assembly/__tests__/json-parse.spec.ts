import { JsonType, JsonValue } from "../json";

describe("JsonValue.parse", () => {
  it("accepts one value with whitespace around it", () => {
    const r = JsonValue.parse(' \n\t{"mockEnable": true}\r\n ');
    expect(r.ok).toBe(true);
    expect(r.error).toBeNull();
    expect(r.value.raw()).toBe('{"mockEnable": true}');
    expect(r.value.get("mockEnable").bool()).toBe(true);
  });

  it("accepts every kind of top-level value", () => {
    expect(JsonValue.parse("42").value.int()).toBe(42);
    expect(JsonValue.parse('"s"').value.string()).toBe("s");
    expect(JsonValue.parse("[]").value.isArray()).toBe(true);
    expect(JsonValue.parse("{}").value.isObject()).toBe(true);
    expect(JsonValue.parse("true").value.type).toBe(JsonType.True);
    expect(JsonValue.parse("false").value.type).toBe(JsonType.False);
    const nul = JsonValue.parse("null").value;
    expect(nul.type).toBe(JsonType.Null);
    expect(nul.exists()).toBe(true);
  });

  it("accepts the number grammar of RFC 8259", () => {
    const numbers = ["0", "-0", "10", "-1.5", "1e3", "1E+3", "2.5e-3", "123456789012345678901234567890"];
    for (let i = 0; i < numbers.length; i++) expect(JsonValue.parse(numbers[i]).ok).toBe(true, numbers[i]);
  });

  it("accepts every escape, including surrogate pairs and lone surrogates", () => {
    const r = JsonValue.parse('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\ud800"');
    expect(r.ok).toBe(true);
    expect(r.value.string()).toBe('"\\/\b\f\n\r\té😀\uFFFD');
  });

  it("accepts an unpaired surrogate code unit inside a string and rejects it outside", () => {
    const inside = JsonValue.parse('["\uD800x"]');
    expect(inside.ok).toBe(true);
    expect(inside.value.get("0").string()).toBe("\uD800x");
    expect(JsonValue.parse("[\uDC00]").error).toBe("invalid JSON at byte 1: unexpected byte 0xed");
  });

  it("validates 10000 levels of nesting without recursion", () => {
    const deep = "[".repeat(10000) + "]".repeat(10000);
    expect(JsonValue.parse(deep).ok).toBe(true);
    const deepObject = '{"a":'.repeat(5000) + "1" + "}".repeat(5000);
    const v = JsonValue.parse(deepObject).value;
    expect(v.get("a.a.a.a").isObject()).toBe(true);
  });

  it("gives a missing value with the error", () => {
    const r = JsonValue.parse("{");
    expect(r.ok).toBe(false);
    expect(r.value.exists()).toBe(false);
    expect(r.value.get("a").string()).toBe("");
  });
});
