// model-header's build/main.wasm (ABI 0.2.100) in the local host, which runs it as Higress would.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { headerValue, PluginHost } from "@higress-ts/host";

const wasm = readFileSync(new URL("../build/main.wasm", import.meta.url));

async function start(configuration) {
  const outcome = await PluginHost.load(wasm, { name: "model-header", configuration });
  assert.equal(outcome.ok, true, outcome.ok ? "" : outcome.error);
  return outcome.host;
}

const post = (body) => ({ method: "POST", path: "/v1/chat", headers: { "content-type": "application/json" }, body });

describe("model-header", () => {
  it("copies the body's model into x-model; the body goes upstream unchanged", async () => {
    const host = await start("{}");
    const response = await host.request(post('{"model": "qwen-max", "stream": false}'));
    assert.equal(response.status, 200);
    assert.equal(headerValue(response.upstreamRequest.headers, "x-model"), "qwen-max");
    assert.equal(Buffer.from(response.upstreamRequest.body).toString(), '{"model": "qwen-max", "stream": false}');
  });

  it("reads the whole body when it arrives in several chunks", async () => {
    const host = await start("{}");
    const response = await host.request(post(['{"mo', 'del": "gl', 'm-4"}']));
    assert.equal(headerValue(response.upstreamRequest.headers, "x-model"), "glm-4");
  });

  it("takes the path and the header name from the config", async () => {
    const host = await start('{"bodyPath": "meta.tenant", "headerName": "x-tenant"}');
    const response = await host.request(post('{"meta": {"tenant": "t-7"}}'));
    assert.equal(headerValue(response.upstreamRequest.headers, "x-tenant"), "t-7");
    assert.equal(headerValue(response.upstreamRequest.headers, "x-model"), undefined);
  });

  it("lets a request without a body through at once (StopIteration would hang it)", async () => {
    const host = await start("{}");
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 200);
    assert.equal(response.callbackResults[0]?.status, "Continue");
    assert.equal(headerValue(response.upstreamRequest.headers, "x-model"), undefined);
  });

  it("leaves a body without the field alone", async () => {
    const host = await start("{}");
    const response = await host.request(post('{"prompt": "hi"}'));
    assert.equal(headerValue(response.upstreamRequest.headers, "x-model"), undefined);
  });

  it("refuses to start with an empty header name, saying why", async () => {
    const outcome = await PluginHost.load(wasm, { name: "model-header", configuration: '{"headerName": ""}' });
    assert.equal(outcome.ok, false);
    assert.ok(outcome.logs.some((r) => r.message.includes("headerName must not be empty")));
  });
});
