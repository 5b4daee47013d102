import { JsonValue } from "../json";

function without(json: string, key: string): string {
  const r = JsonValue.parse(json);
  expect(r.ok).toBe(true, json);
  const rest = r.value.without(key);
  expect(JsonValue.parse(rest.raw()).ok).toBe(true, rest.raw());
  return rest.raw();
}

describe("JsonValue.without (removing _plugin_id_ at plugin start)", () => {
  it("removes a first, middle, last or only member", () => {
    expect(without('{"_plugin_id_":"p1","a":1}', "_plugin_id_")).toBe('{"a":1}');
    expect(without('{"a":1, "_plugin_id_":"p1", "b":2}', "_plugin_id_")).toBe('{"a":1, "b":2}');
    expect(without('{"a":1 , "_plugin_id_" : "p1" }', "_plugin_id_")).toBe('{"a":1}');
    expect(without('{ "_plugin_id_":"p1" }', "_plugin_id_")).toBe("{  }");
  });

  it("removes only the first of repeated keys", () => {
    expect(without('{"k":1,"k":2}', "k")).toBe('{"k":2}');
  });

  it("keeps the value when there is nothing to remove", () => {
    expect(without('{"a":{"_plugin_id_":1}}', "_plugin_id_")).toBe('{"a":{"_plugin_id_":1}}');
    expect(without("[1]", "a")).toBe("[1]");
    expect(JsonValue.missing().without("a").exists()).toBe(false);
  });

  it("leaves a value that reads like the original minus the key", () => {
    const config = JsonValue.parse('{"_plugin_id_":"p1","_rules_":[{"_match_route_":["r"]}]}').value;
    const id = config.get("_plugin_id_").string();
    const rest = config.without("_plugin_id_");
    expect(id).toBe("p1");
    expect(rest.map().size).toBe(1);
    expect(rest.get("_rules_.0._match_route_.0").string()).toBe("r");
  });
});
