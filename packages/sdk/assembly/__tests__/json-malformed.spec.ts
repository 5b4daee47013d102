import { JsonValue } from "../json";

function errorOf(text: string): string {
  const r = JsonValue.parse(text);
  expect(r.ok).toBe(false, text);
  return r.error!;
}

describe("malformed JSON is an error value, never a trap", () => {
  it("reports empty input", () => {
    expect(errorOf("")).toBe("invalid JSON at byte 0: unexpected end of input");
    expect(errorOf("   ")).toBe("invalid JSON at byte 3: unexpected end of input");
  });

  it("reports truncated documents", () => {
    expect(errorOf('{"mockEnable":tru')).toBe("invalid JSON at byte 17: unexpected end of input");
    expect(errorOf('{"a":[1,2')).toBe("invalid JSON at byte 9: unexpected end of input");
    expect(errorOf('{"a":1')).toBe("invalid JSON at byte 6: unexpected end of input");
    expect(errorOf('{"a"')).toBe("invalid JSON at byte 4: expected ':' after an object key");
    expect(errorOf('{"a')).toBe("invalid JSON at byte 3: unterminated string");
    expect(errorOf("[1,")).toBe("invalid JSON at byte 3: unexpected end of input");
    expect(errorOf("-")).toBe("invalid JSON at byte 1: invalid number");
  });

  it("reports trailing garbage", () => {
    expect(errorOf("{} x")).toBe("invalid JSON at byte 3: unexpected data after the top-level value");
    expect(errorOf("1 2")).toBe("invalid JSON at byte 2: unexpected data after the top-level value");
    expect(errorOf("[1]]")).toBe("invalid JSON at byte 3: unexpected data after the top-level value");
  });

  it("reports bad escapes and control characters", () => {
    expect(errorOf('"\\x"')).toBe("invalid JSON at byte 1: invalid escape sequence");
    expect(errorOf('"\\u12G4"')).toBe("invalid JSON at byte 1: invalid \\u escape");
    expect(errorOf('"\\u12"')).toBe("invalid JSON at byte 1: invalid \\u escape");
    expect(errorOf('"a\nb"')).toBe("invalid JSON at byte 2: control character in string");
  });

  it("reports bad structure", () => {
    expect(errorOf("not json at all")).toBe("invalid JSON at byte 1: unexpected character 'o'");
    expect(errorOf("{a:1}")).toBe("invalid JSON at byte 1: expected a string key");
    expect(errorOf('{"a":1,}')).toBe("invalid JSON at byte 7: expected a string key");
    expect(errorOf("[1,]")).toBe("invalid JSON at byte 3: unexpected character ']'");
    expect(errorOf('{"a":1]')).toBe("invalid JSON at byte 6: expected ',' or '}'");
    expect(errorOf("[1 2]")).toBe("invalid JSON at byte 3: expected ',' or ']'");
    expect(errorOf("01")).toBe("invalid JSON at byte 1: unexpected data after the top-level value");
    expect(errorOf("1.")).toBe("invalid JSON at byte 2: invalid number");
    expect(errorOf("1e")).toBe("invalid JSON at byte 2: invalid number");
    expect(errorOf("NaN")).toBe("invalid JSON at byte 0: unexpected character 'N'");
    expect(errorOf("\u00a0{}")).toBe("invalid JSON at byte 0: unexpected character U+00a0");
  });

  it("counts the position in UTF-8 bytes", () => {
    // "é" is 2 bytes and "😀" 4 bytes in UTF-8, but 1 and 2 UTF-16 code units.
    expect(errorOf('{"é😀":x}')).toBe("invalid JSON at byte 10: unexpected character 'x'");
  });

  it("reports unclosed deep nesting", () => {
    expect(errorOf("[".repeat(100000))).toBe("invalid JSON at byte 100000: unexpected end of input");
    expect(errorOf('{"a":'.repeat(20000))).toBe("invalid JSON at byte 100000: unexpected end of input");
  });

  it("rejects every prefix of a valid document", () => {
    const doc = '{"a":[1,-2.5e3,"x\\u00e9\\n",true,false,null,{"b":{}}],"c":"d"}';
    for (let n = 0; n < doc.length; n++) expect(JsonValue.parse(doc.substring(0, n)).ok).toBe(false, doc.substring(0, n));
    expect(JsonValue.parse(doc).ok).toBe(true);
  });
});
