/** §11 "Stream semantics", item by item (reference/proxy-wasm-abi.md). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FixturePlugin } from "../fixtures/plugins.js";
import { giveUpWhenStuck, startPlugin } from "../helpers.js";

const MiB = 1024 * 1024;

describe("§11 stream semantics", () => {
  describe("the return-value tables of §2.3, including the 0.2.x StopIteration rewrite and raw 0.2.100 statuses", () => {
    const pausingHeaders = `(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 1))
      (func (export "proxy_on_request_body") (param i32 i32 i32) (result i32) (i32.const 0))`;

    it("0.2.100: StopIteration on a body-less request holds it (no body callback will come): still pending when the client gives up", async () => {
      const client = new AbortController();
      const host = await startPlugin(new FixturePlugin("0_2_100").build(pausingHeaders), { printLogs: giveUpWhenStuck(client) });
      let upstreamReached = false;
      const response = await host.request(
        { method: "GET", path: "/" },
        { signal: client.signal, upstream: () => ((upstreamReached = true), { status: 200 }) },
      );
      assert.equal(response.callbackResults[0]?.status, "StopIteration");
      assert.equal(response.reset, "downstream_remote_disconnect");
      assert.equal(upstreamReached, false);
      assert.deepEqual(response.callbackResults.map((r) => r.callback), ["proxy_on_request_headers"]);
    });

    it("0.2.1: the same return is rewritten to StopAllIterationAndWatermark, which Envoy's filter manager also holds", async () => {
      const client = new AbortController();
      const host = await startPlugin(new FixturePlugin("0_2_1").build(pausingHeaders), { printLogs: giveUpWhenStuck(client) });
      const response = await host.request({ method: "GET", path: "/" }, { signal: client.signal });
      assert.equal(response.callbackResults[0]?.status, "StopAllIterationAndWatermark");
      assert.equal(response.reset, "downstream_remote_disconnect");
    });

    it("0.2.100: StopIteration with a body lets body callbacks run and a Continue from the body releases the request", async () => {
      const host = await startPlugin(new FixturePlugin("0_2_100").build(pausingHeaders));
      const response = await host.request({ method: "POST", path: "/", body: "x" });
      assert.deepEqual(response.callbackResults.slice(0, 2).map((r) => r.status), ["StopIteration", "Continue"]);
      assert.equal(new TextDecoder().decode(response.upstreamRequest?.body), "x");
    });

    it("the stream idle timeout (HCM stream_idle_timeout) answers a held stream with 408 stream_idle_timeout", async () => {
      const host = await startPlugin(new FixturePlugin("0_2_100").build(pausingHeaders), { streamIdleTimeoutMs: 10 });
      const response = await host.request({ method: "GET", path: "/" });
      assert.equal(response.status, 408);
      assert.equal(response.details, "stream_idle_timeout");
    });
  });

  describe("body buffering with cumulative body_size; buffer limit → 413 Payload Too Large / request_payload_too_large", () => {
    it("a 2 MiB request body against a 1 MiB buffer limit, buffered by the plugin, is answered 413 before reaching the upstream", async () => {
      const p = new FixturePlugin();
      const wasm = p.build(`(func (export "proxy_on_request_body") (param i32 i32) (param $eos i32) (result i32)
        (if (result i32) (local.get $eos) (then (i32.const 0)) (else (i32.const 1))))`);
      const host = await startPlugin(wasm, { bufferLimitBytes: MiB });
      const half = new Uint8Array(MiB).fill(97);
      const response = await host.request({ method: "POST", path: "/upload", body: [half, half] });
      assert.equal(response.status, 413);
      assert.equal(response.details, "request_payload_too_large");
      assert.equal(response.text(), "Payload Too Large");
      assert.equal(response.localReply?.source, "envoy");
      assert.equal(response.upstreamRequest, undefined);
    });
  });
});
