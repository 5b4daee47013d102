// mock-enable's build/main.wasm in the local host (build it first: `pnpm build`), driven per configuration.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { headerValue, PluginHost } from "@higress-ts/host";

const wasm = readFileSync(new URL("../build/main.wasm", import.meta.url));

/** Starts the plugin with `configuration` (undefined: none) and asserts that it started. */
async function start(configuration) {
  const outcome = await PluginHost.load(wasm, { name: "mock-enable", configuration });
  assert.equal(outcome.ok, true, outcome.ok ? "" : outcome.error);
  return outcome;
}

const pluginMessages = (logs) => logs.filter((r) => r.source === "plugin").map((r) => r.message);

/** Sends one request; whether it was mocked, and what the upstream saw of the `hello` header. */
async function send(host, request = {}) {
  const response = await host.request({ method: "GET", path: "/", ...request });
  const mocked = response.localReply !== undefined;
  const hello = response.upstreamRequest ? headerValue(response.upstreamRequest.headers, "hello") : undefined;
  return { response, mocked, hello };
}

describe("plain configs", () => {
  it("with no config, starts (warning that the config is empty) and adds hello: world", async () => {
    const { host, logs } = await start(undefined);
    assert.ok(pluginMessages(logs).includes("[mock-enable] [nil] [nil] config is empty, but has ParseConfigFunc"));
    const { mocked, hello } = await send(host);
    assert.equal(mocked, false);
    assert.equal(hello, "world");
  });

  it("with {}, adds hello: world", async () => {
    const { host, logs } = await start("{}");
    assert.ok(pluginMessages(logs).includes("[mock-enable] [nil] [nil] plugin start successfully"));
    const { mocked, hello } = await send(host);
    assert.equal(mocked, false);
    assert.equal(hello, "world");
  });

  it("with mockEnable true, answers 200 hello world", async () => {
    const { host } = await start('{"mockEnable": true}');
    const { response, mocked } = await send(host);
    assert.equal(mocked, true);
    assert.equal(response.status, 200);
    assert.equal(response.text(), "hello world");
  });

  it("with mockEnable false, lets the request through with hello: world", async () => {
    const { host } = await start('{"mockEnable": false}');
    const { response, mocked, hello } = await send(host);
    assert.equal(mocked, false);
    assert.equal(response.status, 200);
    assert.equal(hello, "world");
  });

  it("prints the _plugin_id_ in its log lines and does not treat it as config", async () => {
    const { host, logs } = await start('{"_plugin_id_": "p-42", "mockEnable": true}');
    assert.ok(pluginMessages(logs).includes("[mock-enable] [p-42] [nil] plugin start successfully"));
    assert.equal((await send(host)).mocked, true);
  });
});

describe("_rules_", () => {
  const rules = JSON.stringify({
    _rules_: [
      { _match_route_: ["mock-route"], mockEnable: true },
      { _match_domain_: ["*.mock.example.com"], mockEnable: true },
    ],
  });

  it("mocks the matching route", async () => {
    const { host } = await start(rules);
    assert.equal((await send(host, { routeName: "mock-route" })).mocked, true);
  });

  it("mocks the matching domain, port stripped", async () => {
    const { host } = await start(rules);
    assert.equal((await send(host, { authority: "api.mock.example.com:8080" })).mocked, true);
  });

  it("is off for requests no rule matches (no global config): no mock, no header", async () => {
    const { host } = await start(rules);
    const { mocked, hello } = await send(host, { routeName: "other-route", authority: "mock.example.com" });
    assert.equal(mocked, false);
    assert.equal(hello, undefined);
  });

  it("uses the global config where no rule matches when there is one", async () => {
    const config = { mockEnable: false, _rules_: [{ _match_route_: ["r1"], mockEnable: true }] };
    const { host } = await start(JSON.stringify(config));
    assert.equal((await send(host, { routeName: "r1" })).mocked, true);
    const other = await send(host, { routeName: "r2" });
    assert.equal(other.mocked, false);
    assert.equal(other.hello, "world");
  });

  it("fails to start on a rule without a match condition, saying so", async () => {
    const outcome = await PluginHost.load(wasm, {
      name: "mock-enable",
      configuration: '{"_rules_": [{"mockEnable": true}]}',
    });
    assert.equal(outcome.ok, false);
    const reason = "parse rule config failed: there is at least one of  '_match_route_'";
    assert.ok(pluginMessages(outcome.logs).some((m) => m.includes(reason)));
  });
});

describe("bad configs", () => {
  it("fails to start on invalid JSON, with a log line naming the problem, never a trap", async () => {
    const outcome = await PluginHost.load(wasm, { name: "mock-enable", configuration: '{"mockEnable": tru' });
    assert.equal(outcome.ok, false);
    const messages = pluginMessages(outcome.logs);
    assert.ok(
      messages.some((m) => /the plugin configuration is not a valid json: invalid JSON at byte \d+/.test(m)),
      messages.join("\n"),
    );
    assert.ok(!outcome.logs.some((r) => r.message.includes("abort")));
  });

  it("reads wrong types as gjson does: a string \"yes\" is false, the number 1 is true", async () => {
    assert.equal((await send((await start('{"mockEnable": "yes"}')).host)).mocked, false);
    assert.equal((await send((await start('{"mockEnable": "true"}')).host)).mocked, true);
    assert.equal((await send((await start('{"mockEnable": 1}')).host)).mocked, true);
    assert.equal((await send((await start('{"mockEnable": {"on": true}}')).host)).mocked, false);
  });

  it("takes an array config as Go does: no keys, so it is the global config, without mockEnable", async () => {
    const { host } = await start('[{"mockEnable": true}]');
    const { mocked, hello } = await send(host);
    assert.equal(mocked, false);
    assert.equal(hello, "world");
  });
});
