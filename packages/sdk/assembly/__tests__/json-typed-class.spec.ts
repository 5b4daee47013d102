// The second config style: a json-as `@json` class, parsed only after the same validation pass, so invalid
// JSON is an error value here too instead of json-as's uncatchable abort.
import { JSON } from "json-as";
import { JsonValue } from "../json";

@json
class MockConfig {
  mockEnable: bool = false;
  name: string = "default-name";
  timeoutMs: i32 = 3000;
}

function parseMockConfig(text: string): MockConfig | null {
  if (!JsonValue.parse(text).ok) return null;
  return JSON.parse<MockConfig>(text);
}

describe("@json class behind the validation guard", () => {
  it("parses a valid config", () => {
    const config = parseMockConfig('{"mockEnable":true,"name":"demo","timeoutMs":150}')!;
    expect(config.mockEnable).toBe(true);
    expect(config.name).toBe("demo");
    expect(config.timeoutMs).toBe(150);
  });

  it("keeps class defaults for missing fields", () => {
    const config = parseMockConfig('{"mockEnable":true}')!;
    expect(config.name).toBe("default-name");
    expect(config.timeoutMs).toBe(3000);
  });

  it("rejects invalid JSON before json-as sees it", () => {
    const invalid = ['{"mockEnable":tru', "not json at all", "", '{"a":[1,2', "{} x"];
    for (let i = 0; i < invalid.length; i++) expect(parseMockConfig(invalid[i]) == null).toBe(true, invalid[i]);
  });
});
