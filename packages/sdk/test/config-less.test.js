// A plugin without a parse function (the route-call fixture registers none) links no JSON reader and no rule
// matcher: its configuration must be valid JSON, serves every request as is, and may not carry _rules_.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { buildPlugin, load, pluginMessages } from "./build-plugin.js";

const fixture = fileURLToPath(new URL("./fixtures/route-call", import.meta.url));
let wasm;

before(() => {
  wasm = buildPlugin(fixture, "0.2.100");
});

describe("a plugin without a parse function", () => {
  it("starts with any JSON configuration, without the empty-config warning", async () => {
    for (const configuration of [undefined, "{}", '{"_plugin_id_": "p-1", "anything": [1, 2]}']) {
      const outcome = await load(wasm, "route-call", configuration);
      assert.equal(outcome.ok, true, outcome.error);
      assert.deepEqual(pluginMessages(outcome.logs), ["[route-call] [nil] [nil] plugin start successfully"]);
    }
  });

  it("fails to start on invalid JSON, saying where", async () => {
    const outcome = await load(wasm, "route-call", '{"a": tru}');
    assert.equal(outcome.ok, false);
    assert.deepEqual(pluginMessages(outcome.logs),
      ["[route-call] [nil] [nil] the plugin configuration is not a valid json: invalid JSON at byte 9: unexpected character '}'"]);
  });

  it("fails to start when the configuration has _rules_, which need a parse function", async () => {
    const outcome = await load(wasm, "route-call", '{"_rules_" : [{"_match_route_": ["r1"]}]}');
    assert.equal(outcome.ok, false);
    assert.deepEqual(pluginMessages(outcome.logs), ["[route-call] [nil] [nil] _rules_ need a parse function (parseConfig)"]);
  });

  it("takes a string value \"_rules_\" for what it is", async () => {
    const outcome = await load(wasm, "route-call", '{"note": "_rules_", "list": ["_rules_"]}');
    assert.equal(outcome.ok, true, outcome.error);
  });
});
