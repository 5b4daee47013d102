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
    expect(errorOf('{"a"')).toBe("invalid JSON at byte 4: unexpected end of input");
    expect(errorOf('{"a')).toBe("invalid JSON at byte 3: unexpected end of input");
    expect(errorOf("[1,")).toBe("invalid JSON at byte 3: unexpected end of input");
    expect(errorOf("-")).toBe("invalid JSON at byte 1: unexpected end of input");
  });

  it("reports trailing garbage", () => {
    expect(errorOf("{} x")).toBe("invalid JSON at byte 3: unexpected character 'x'");
    expect(errorOf("1 2")).toBe("invalid JSON at byte 2: unexpected character '2'");
    expect(errorOf("[1]]")).toBe("invalid JSON at byte 3: unexpected character ']'");
  });

  it("reports bad escapes and control characters at the byte that breaks them", () => {
    expect(errorOf('"\\x"')).toBe("invalid JSON at byte 2: unexpected character 'x'");
    expect(errorOf('"\\u12G4"')).toBe("invalid JSON at byte 5: unexpected character 'G'");
    expect(errorOf('"\\u12"')).toBe("invalid JSON at byte 5: unexpected character '\"'");
    expect(errorOf('"a\nb"')).toBe("invalid JSON at byte 2: unexpected byte 0x0a");
  });

  it("reports bad structure", () => {
    expect(errorOf("not json at all")).toBe("invalid JSON at byte 1: unexpected character 'o'");
    expect(errorOf("{a:1}")).toBe("invalid JSON at byte 1: unexpected character 'a'");
    expect(errorOf('{"a":1,}')).toBe("invalid JSON at byte 7: unexpected character '}'");
    expect(errorOf("[1,]")).toBe("invalid JSON at byte 3: unexpected character ']'");
    expect(errorOf('{"a":1]')).toBe("invalid JSON at byte 6: unexpected character ']'");
    expect(errorOf("[1 2]")).toBe("invalid JSON at byte 3: unexpected character '2'");
    expect(errorOf("01")).toBe("invalid JSON at byte 1: unexpected character '1'");
    expect(errorOf("1.")).toBe("invalid JSON at byte 2: unexpected end of input");
    expect(errorOf("1e")).toBe("invalid JSON at byte 2: unexpected end of input");
    expect(errorOf("NaN")).toBe("invalid JSON at byte 0: unexpected character 'N'");
    expect(errorOf("\u00a0{}")).toBe("invalid JSON at byte 0: unexpected byte 0xc2");
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
