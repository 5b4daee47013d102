import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { serializePairs } from "../src/index.js";
import { FixturePlugin } from "./fixtures/plugins.js";
import { said, startPlugin } from "./helpers.js";

describe("header maps", () => {
  it("adds, replaces, removes and reads (lower-cased keys, first value) and the upstream sees the result", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_add_header_map_value (i32.const 0) ${p.str("X-Added")} ${p.str("1")}))
        (drop (call $proxy_replace_header_map_value (i32.const 0) ${p.str("x-dup")} ${p.str("one")}))
        (drop (call $proxy_remove_header_map_value (i32.const 0) ${p.str("X-Removed")}))
        (call $say_header (i32.const 0) ${p.str("X-MULTI")})
        (call $say_header (i32.const 0) ${p.str("x-absent")})
        (drop (call $proxy_get_header_map_size (i32.const 0) (i32.const 264)))
        (call $num (i32.load (i32.const 264)))
        (call $num (call $proxy_get_header_map_value (i32.const 8) ${p.str("k")} (i32.const 256) (i32.const 260)))
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    const response = await host.request(
      {
        method: "GET", path: "/h", authority: "example.com", requestId: "id-1",
        headers: [["x-multi", "first"], ["x-multi", "second"], ["x-dup", "a"], ["x-dup", "b"], ["x-removed", "gone"]],
      },
    );
    const size = (response.upstreamRequest?.headers ?? []).reduce((n, [k, v]) => n + k.length + v.length, 0);
    assert.deepEqual(said(response.logs), ["first", "1", String(size), "2"]);
    assert.deepEqual(response.upstreamRequest?.headers, [
      [":authority", "example.com"], [":path", "/h"], [":method", "GET"], [":scheme", "http"],
      ["x-multi", "first"], ["x-multi", "second"], ["x-request-id", "id-1"], ["x-added", "1"], ["x-dup", "one"],
    ]);
  });

  it("replaces a whole map with set_header_map_pairs, and a malformed buffer clears it with a warning", async () => {
    const p = new FixturePlugin();
    const good = p.bytes(serializePairs([[":status", "202"], ["X-Set", "yes"]]));
    const bad = p.bytes(Uint8Array.of(9, 0, 0, 0));
    const wasm = p.build(`
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_set_header_map_pairs (i32.const 2) ${good}))
        (i32.const 0))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_set_header_map_pairs (i32.const 0) ${bad}))
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "GET", path: "/" }, { upstream: () => ({ status: 200, headers: { a: "b" } }) });
    assert.equal(response.status, 202);
    assert.deepEqual(response.headers, [[":status", "202"], ["x-set", "yes"]]);
    assert.deepEqual(response.upstreamRequest?.headers, []);
    assert.ok(response.logs.some((r) => r.source === "host" && r.message.includes("malformed pairs")));
  });

  it("nulls request headers once their callback continued; on_log reads copies that refuse writes", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
        (call $say_header (i32.const 0) ${p.str(":path")})
        (call $num (call $proxy_add_header_map_value (i32.const 0) ${p.str("k")} ${p.str("v")}))
        (drop (call $proxy_get_header_map_pairs (i32.const 0) (i32.const 256) (i32.const 260)))
        (call $num (i32.load (i32.const 260)))
        (i32.const 0))
      (func (export "proxy_on_log") (param i32)
        (call $say_header (i32.const 0) ${p.str(":path")})
        (call $say_header (i32.const 2) ${p.str(":status")})
        (call $say_header (i32.const 1) ${p.str("t")})
        (call $num (call $proxy_replace_header_map_value (i32.const 0) ${p.str("k")} ${p.str("v")})))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "GET", path: "/window" }, { upstream: () => ({ status: 204 }) });
    // BAD_ARGUMENT (2) for reads and writes after Continue, an empty map for pairs;
    // in on_log: request path and status readable, request trailers NOT_FOUND (1), writes BAD_ARGUMENT (2)
    assert.deepEqual(said(response.logs), ["2", "2", "0", "/window", "204", "1", "2"]);
  });

  it("creates request trailers on demand in the last body callback", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_request_body") (param i32 i32) (param $eos i32) (result i32)
        (call $num (call $proxy_add_header_map_value (i32.const 1) ${p.str("x-trailer")} ${p.str("t")}))
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "POST", path: "/", body: ["a", "b"] });
    assert.deepEqual(said(response.logs), ["2", "0"], "BAD_ARGUMENT before the last chunk, OK in it");
    assert.deepEqual(response.upstreamRequest?.trailers, [["x-trailer", "t"]]);
    assert.equal(new TextDecoder().decode(response.upstreamRequest?.body), "ab");
  });
});
