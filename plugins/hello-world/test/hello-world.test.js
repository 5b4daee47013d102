// hello-world's build/main.wasm in the local host (build it first: `pnpm build`).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { PluginHost } from "@higress-ts/host";

const wasm = readFileSync(new URL("../build/main.wasm", import.meta.url));

describe("hello-world", () => {
  for (const [label, configuration] of [["no config", undefined], ["{}", "{}"]]) {
    it(`with ${label}, answers every request with 200 hello world, detail hello-world`, async () => {
      const outcome = await PluginHost.load(wasm, { name: "hello-world", configuration });
      assert.equal(outcome.ok, true, outcome.ok ? "" : outcome.error);
      const response = await outcome.host.request({ method: "GET", path: "/anything" });
      assert.equal(response.status, 200);
      assert.equal(response.text(), "hello world");
      assert.equal(response.localReply?.details, "hello-world");
      assert.equal(response.upstreamRequest, undefined);
    });
  }

  it("logs no empty-config warning: it registers no parse function", async () => {
    const outcome = await PluginHost.load(wasm, { name: "hello-world" });
    const messages = outcome.logs.filter((r) => r.source === "plugin").map((r) => r.message);
    assert.deepEqual(messages, ["[hello-world] [nil] [nil] plugin start successfully"]);
  });

  it("fails to start on invalid JSON instead of trapping", async () => {
    const outcome = await PluginHost.load(wasm, { name: "hello-world", configuration: "{" });
    assert.equal(outcome.ok, false);
    assert.ok(outcome.logs.some((r) => r.message.includes("the plugin configuration is not a valid json")));
  });
});
