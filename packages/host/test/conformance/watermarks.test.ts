/** §11 Stream semantics, "watermark modes" (reference §8.2, §8.4): back-pressure instead of 413/500. */
import assert from "node:assert/strict";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, it } from "node:test";
import { FixturePlugin } from "../fixtures/plugins.js";
import { startPlugin } from "../helpers.js";

/** Pauses in request headers with `status` and continues the stream from its first tick; passes bodies through. */
function pausingPlugin(abi: "0_2_1" | "0_2_100", status: number): Uint8Array {
  return new FixturePlugin(abi).build(`
    (global $stream (mut i32) (i32.const 0))
    (func (export "proxy_on_configure") (param i32 i32) (result i32) (drop (call $proxy_set_tick_period_milliseconds (i32.const 1000))) (i32.const 1))
    (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32) (global.set $stream (local.get $c)) (i32.const ${status}))
    (func (export "proxy_on_request_body") (param i32) (param $n i32) (param i32) (result i32) (call $num (local.get $n)) (i32.const 0))
    (func (export "proxy_on_tick") (param i32)
      (drop (call $proxy_set_effective_context (global.get $stream)))
      (drop (call $proxy_continue_stream (i32.const 0))))`);
}

/** A streamed body that counts how many chunks the host pulled from it. */
function countedBody(chunks: string[]): { body: AsyncIterable<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  async function* body() {
    for (const chunk of chunks) {
      pulled++;
      yield new TextEncoder().encode(chunk);
    }
  }
  return { body: body(), pulled: () => pulled };
}

describe("§11 Stream semantics: body buffering … watermark modes", () => {
  it("watermark modes: StopAllIterationAndWatermark buffers up to the limit, then stops reading the downstream instead of answering 413", async () => {
    const host = await startPlugin(pausingPlugin("0_2_1", 1), { bufferLimitBytes: 4 });
    const { body, pulled } = countedBody(["abc", "def", "ghi", "jkl"]);
    let reached = "";
    const pending = host.request({ method: "POST", path: "/", body }, { upstream: (req) => ((reached = new TextDecoder().decode(req.body)), { status: 200 }) });
    for (let i = 0; i < 10; i++) await nextTurn();
    assert.equal(pulled(), 2, "6 bytes buffered against a 4-byte limit: the downstream is read-disabled");
    assert.equal(host.tick(), true);
    const response = await pending;
    assert.equal(response.status, 200);
    assert.equal(reached, "abcdefghijkl");
    assert.equal(response.callbackResults[0]?.status, "StopAllIterationAndWatermark");
    assert.deepEqual(response.logs.filter((r) => r.source === "plugin").map((r) => r.message), ["6", "3", "3", "0"]);
    assert.deepEqual(
      response.callbackResults.slice(1, 5).map((r) => r.callback),
      ["proxy_on_request_body", "proxy_on_request_body", "proxy_on_request_body", "proxy_on_request_body"],
      "the buffered 6 bytes in one callback, then each chunk as it is read again, then the end",
    );
    assert.deepEqual(response.flowControl, { downstreamPausedReading: 1, downstreamResumedReading: 1, upstreamPausedReading: 0, upstreamResumedReading: 0 });
  });

  it("watermark modes: StopAllIterationAndBuffer over the same limit is 413 request_payload_too_large", async () => {
    const host = await startPlugin(pausingPlugin("0_2_100", 3), { bufferLimitBytes: 4 });
    const { body } = countedBody(["abc", "def"]);
    const response = await host.request({ method: "POST", path: "/", body });
    assert.equal(response.status, 413);
    assert.equal(response.details, "request_payload_too_large");
    assert.equal(response.flowControl.downstreamPausedReading, 0);
  });

  it("watermark modes: a body callback returning StopIterationAndWatermark read-disables the downstream until the plugin continues", async () => {
    const host = await startPlugin(
      new FixturePlugin().build(`
        (global $stream (mut i32) (i32.const 0))
        (func (export "proxy_on_configure") (param i32 i32) (result i32) (drop (call $proxy_set_tick_period_milliseconds (i32.const 1000))) (i32.const 1))
        (func (export "proxy_on_request_body") (param $c i32) (param i32 i32) (result i32) (global.set $stream (local.get $c)) (i32.const 2))
        (func (export "proxy_on_tick") (param i32)
          (drop (call $proxy_set_effective_context (global.get $stream)))
          (drop (call $proxy_continue_stream (i32.const 0))))`),
      { bufferLimitBytes: 4 },
    );
    const { body, pulled } = countedBody(["abc", "def", "gh"]);
    const pending = host.request({ method: "POST", path: "/", body }, { upstream: (req) => ({ status: 200, body: req.body }) });
    for (let i = 0; i < 10; i++) await nextTurn();
    assert.equal(pulled(), 2);
    host.tick();
    for (let i = 0; i < 10; i++) await nextTurn();
    host.tick();
    const response = await pending;
    assert.equal(response.text(), "abcdefgh");
    assert.equal(response.flowControl.downstreamPausedReading, 1);
    assert.equal(response.flowControl.downstreamResumedReading, 1);
  });
});
