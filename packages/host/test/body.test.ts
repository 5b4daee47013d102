import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FixturePlugin } from "./fixtures/plugins.js";
import { giveUpWhenStuck, said, startPlugin } from "./helpers.js";

/** Buffers the request body until end_of_stream (returns StopIterationAndBuffer), logging each cumulative size. */
function bufferingPlugin(): Uint8Array {
  const p = new FixturePlugin();
  return p.build(`
    (func (export "proxy_on_request_body") (param i32) (param $n i32) (param $eos i32) (result i32)
      (call $num (local.get $n))
      (if (i32.eqz (local.get $eos)) (then (return (i32.const 1))))
      (call $say_buffer (i32.const 0))
      (drop (call $proxy_set_buffer_bytes (i32.const 0) (i32.const 0) (i32.const 0) ${p.str(">")}))
      (drop (call $proxy_set_buffer_bytes (i32.const 0) (i32.const -1) (i32.const 0) ${p.str("<")}))
      (call $num (call $proxy_set_buffer_bytes (i32.const 0) (i32.const 2) (i32.const 1) ${p.str("!")}))
      (i32.const 0))
    (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
      (call $say_header (i32.const 2) ${p.str(":status")}) (i32.const 0))
    (func (export "proxy_on_response_body") (param i32) (param $n i32) (param $eos i32) (result i32)
      (call $say_buffer (i32.const 1))
      (call $num (call $proxy_set_buffer_bytes (i32.const 0) (i32.const 0) (i32.const 0) ${p.str("x")}))
      (i32.const 0))`);
}

describe("bodies", () => {
  it("buffers chunks with cumulative sizes and lets the plugin edit the whole body", async () => {
    const host = await startPlugin(bufferingPlugin());
    const response = await host.request(
      { method: "POST", path: "/", body: ["ab", "cd", "ef"] },
      { upstream: (req) => ({ status: 200, body: [req.body, "!"] }) },
    );
    // set_buffer_bytes in the middle of a body is BAD_ARGUMENT (2); the request body outside its callback is immutable
    assert.deepEqual(said(response.logs), ["2", "4", "6", "abcdef", "2", "200", ">abcdef<", "2", "!", "2"]);
    assert.equal(new TextDecoder().decode(response.upstreamRequest?.body), ">abcdef<");
    assert.deepEqual(response.callbackResults.map((r) => r.status), [
      "Continue", "StopIterationAndBuffer", "StopIterationAndBuffer", "Continue", "Continue", "Continue", "Continue",
    ]);
  });

  it("answers 413 when the buffered request body exceeds the buffer limit, without calling the VM for that chunk", async () => {
    const host = await startPlugin(bufferingPlugin(), { bufferLimitBytes: 5 });
    let reached = false;
    const response = await host.request(
      { method: "POST", path: "/", body: ["abc", "def"] },
      { upstream: () => ((reached = true), { status: 200 }) },
    );
    assert.equal(reached, false);
    assert.equal(response.status, 413);
    assert.equal(response.text(), "Payload Too Large");
    assert.equal(response.details, "request_payload_too_large");
    assert.equal(response.localReply?.source, "envoy");
    // the plugin saw the first chunk, then its own response callbacks ran on the 413
    assert.deepEqual(said(response.logs), ["3", "413", "Payload Too Large", "2"]);
  });

  it("answers 500 when a response body buffered behind held headers exceeds the limit", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32) (i32.const 1))
      (func (export "proxy_on_response_body") (param i32 i32 i32) (result i32) (i32.const 1))`);
    const host = await startPlugin(wasm, { allowOnHeadersStopIteration: true, bufferLimitBytes: 4 });
    const response = await host.request({ method: "GET", path: "/" }, { upstream: () => ({ status: 200, body: ["abc", "def"] }) });
    assert.equal(response.status, 500);
    assert.equal(response.details, "response_payload_too_large");
    assert.equal(response.callbackResults[1]?.status, "StopIteration");
  });

  it("lets Higress plugins raise the request buffer limit with set_decoder_buffer_limit", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_set_property ${p.str("set_decoder_buffer_limit")} ${p.str("100")})) (i32.const 0))
      (func (export "proxy_on_request_body") (param i32 i32) (param $eos i32) (result i32)
        (if (result i32) (local.get $eos) (then (i32.const 0)) (else (i32.const 1))))`);
    const host = await startPlugin(wasm, { bufferLimitBytes: 5 });
    const response = await host.request({ method: "POST", path: "/", body: ["abc", "def", "ghi"] });
    assert.equal(response.status, 200);
    assert.equal(new TextDecoder().decode(response.upstreamRequest?.body), "abcdefghi");
  });
});

describe("Higress 0.2.100 header statuses", () => {
  it("keeps StopIteration raw: headers are held while body callbacks run, and edited from the body callback", async () => {
    const p = new FixturePlugin("0_2_100");
    const wasm = p.build(`
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 1))
      (func (export "proxy_on_request_body") (param i32) (param $n i32) (param $eos i32) (result i32)
        (call $num (local.get $n))
        (call $num (call $proxy_replace_header_map_value (i32.const 0) ${p.str("x-body-seen")} ${p.str("yes")}))
        (if (result i32) (local.get $eos) (then (i32.const 0)) (else (i32.const 1))))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "POST", path: "/", body: ["ab", "cd"] });
    assert.equal(response.callbackResults[0]?.status, "StopIteration");
    assert.deepEqual(said(response.logs), ["2", "0", "4", "0"]);
    assert.deepEqual(response.upstreamRequest?.headers.at(-1), ["x-body-seen", "yes"]);
  });

  it("rewrites a 0.2.1 module's StopIteration to StopAllIterationAndWatermark", async () => {
    const p = new FixturePlugin("0_2_1");
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 1))`);
    const client = new AbortController();
    const host = await startPlugin(wasm, { printLogs: giveUpWhenStuck(client) });
    const response = await host.request({ method: "GET", path: "/" }, { signal: client.signal });
    assert.equal(response.callbackResults[0]?.status, "StopAllIterationAndWatermark");
    assert.equal(response.reset, "downstream_remote_disconnect");
  });
});
