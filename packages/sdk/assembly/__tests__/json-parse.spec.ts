import { JsonValue } from "../json";

describe("JsonValue.parse", () => {
  it("parses a config object", () => {
    const r = JsonValue.parse('{"mockEnable": true}');
    expect(r.ok).toBe(true);
    expect(r.value.get("mockEnable").bool()).toBe(true);
  });
});
