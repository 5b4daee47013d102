// The @json class config style through the host: the SDK's asconfig loads json-as's transform.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { buildPlugin, load } from "./build-plugin.js";

const fixture = fileURLToPath(new URL("./fixtures/typed-config", import.meta.url));
let wasm;

before(() => {
  wasm = buildPlugin(fixture);
});

async function answer(configuration) {
  const outcome = await load(wasm, "typed-config", configuration);
  assert.equal(outcome.ok, true, outcome.error);
  return outcome.host.request({ method: "GET", path: "/" });
}

describe("@json class config", () => {
  it("fills the fields the config names and keeps the class defaults for the others", async () => {
    const response = await answer('{"greeting": "hi", "status": 203}');
    assert.equal(response.status, 203);
    assert.deepEqual(JSON.parse(response.text()), { greeting: "hi", status: 203, enabled: false });
  });

  it("keeps every default without a config", async () => {
    assert.deepEqual(JSON.parse((await answer(undefined)).text()), { greeting: "hello", status: 200, enabled: false });
  });

  it("fails the start on invalid JSON before json-as sees it", async () => {
    const outcome = await load(wasm, "typed-config", '{"greeting": ');
    assert.equal(outcome.ok, false);
  });
});
