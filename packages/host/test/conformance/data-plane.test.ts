/** §11 "Data-plane services", item by item (reference/proxy-wasm-abi.md §3.2, §5, §7, §8.6, §9). */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { WasmResult, serializePairs, startHttpbin, type LocalService } from "../../src/index.js";
import { PAIRS_MAX_COUNT, parsePairs } from "../../src/abi/pairs.js";
import { SharedData } from "../../src/services/shared-data.js";
import { FixturePlugin } from "../fixtures/plugins.js";
import { said, startPlugin } from "../helpers.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

let httpbin: LocalService;

before(async () => {
  httpbin = await startHttpbin();
});
after(async () => {
  await httpbin.stop();
});

describe("§11 Data-plane services: the property tree of §7 with the wasm.<name> filter-state fallback and Higress's legacy names", () => {
  it("serves request attributes, Wasm tokens, Higress names and filter state", async () => {
    const p = new FixturePlugin();
    const paths = [
      "plugin_name", "plugin_root_id", "request\0path", "request\0url_path", "request\0method", "request\0host",
      "request\0headers\0x-multi", "request\0id", "route_name", "xds\0cluster_name", "x_request_id", "custom",
      "request\0nothing", "",
    ];
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (call $say_property ${p.str("plugin_name")})
        (call $num (call $proxy_set_property ${p.str("custom")} ${p.str("v")}))
        (i32.const 1))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (call $num (call $proxy_set_property ${p.str("custom")} ${p.str("stored")}))
        ${paths.map((path) => `(call $say_property ${p.str(path)})`).join("\n")}
        (drop (call $proxy_get_property ${p.str("plugin_vm_memory")} (i32.const 256) (i32.const 260)))
        (call $num (i32.load (i32.load (i32.const 256))))
        (i32.const 0))`);
    const host = await startPlugin(wasm, { name: "props", rootId: "root" });
    // root context: no stream info ⇒ set_property NOT_FOUND (1); x_request_id is nobody's until set: NOT_FOUND
    assert.deepEqual(said(host.logs), ["props", "1"]);
    const response = await host.request({
      method: "GET", path: "/a/b?x=1", authority: "h.example", requestId: "rid",
      headers: [["x-multi", "1"], ["x-multi", "2"]], routeName: "r1", clusterName: "outbound|80||svc",
    });
    assert.deepEqual(said(response.logs), [
      "0", "props", "root", "/a/b?x=1", "/a/b", "GET", "h.example", "1,2", "rid", "r1", "outbound|80||svc", "1",
      "stored", "1", "3", String(2 * 65536),
    ]);
  });
});

describe("§11 Data-plane services: strict pairs parser that diagnoses instead of silently clearing; key lower-casing; first-value semantics", () => {
  it("serializes the ABI test vector {a: 1, b: 22}", () => {
    const bytes = serializePairs([["a", "1"], ["b", "22"]]);
    assert.equal(hex(bytes), "02000000" + "0100000001000000" + "0100000002000000" + "61003100" + "6200323200");
    assert.deepEqual(parsePairs(bytes), { pairs: [["a", "1"], ["b", "22"]] });
  });

  it("keeps duplicates, empty values and UTF-8", () => {
    const pairs = [["set-cookie", "a"], ["set-cookie", ""], ["x-名", "值"]] as const;
    assert.deepEqual(parsePairs(serializePairs([...pairs])).pairs, pairs);
  });

  it("reads an empty buffer and a lone NUL as an empty map without complaint", () => {
    assert.deepEqual(parsePairs(new Uint8Array(0)), { pairs: [] });
    assert.deepEqual(parsePairs(Uint8Array.of(0)), { pairs: [] });
    assert.equal(hex(serializePairs([])), "00000000");
  });

  it("turns every malformed buffer into an empty map, as cpp-host does, and says why", () => {
    const good = serializePairs([["a", "1"]]);
    const cases: Array<[string, Uint8Array]> = [
      ["short", Uint8Array.of(1, 0)],
      ["count", (() => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, PAIRS_MAX_COUNT + 1, true); return b; })()],
      ["size table", Uint8Array.of(2, 0, 0, 0, 1, 0, 0, 0)],
      ["overrun", good.subarray(0, good.length - 1)],
      ["terminator", Uint8Array.from(good, (b, i) => (i === good.length - 1 ? 0x41 : b))],
      ["trailing", Uint8Array.of(...good, 0)],
    ];
    for (const [what, bytes] of cases) {
      const parsed = parsePairs(bytes);
      assert.deepEqual(parsed.pairs, [], what);
      assert.ok(parsed.malformed !== undefined && parsed.malformed.length > 0, what);
    }
  });

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
    const host = await startPlugin(wasm, { strict: false });
    const response = await host.request({ method: "GET", path: "/" }, { upstream: () => ({ status: 200, headers: { a: "b" } }) });
    assert.equal(response.status, 202);
    assert.deepEqual(response.headers, [[":status", "202"], ["x-set", "yes"]]);
    assert.deepEqual(response.upstreamRequest?.headers, []);
    assert.ok(response.logs.some((r) => r.source === "host" && r.message.includes("malformed pairs")));
    assert.deepEqual(response.violations.map((v) => v.kind), ["malformed_pairs"]);
  });
});

describe("§11 Data-plane services: HTTP callout router: validate the cluster and :method/:path/:authority; answers (and the router's 504) on the root context", () => {
  const HTTPBIN = "outbound|80||httpbin.dns";

  /**
   * A plugin that, on request headers, makes five calls (an unknown cluster, one without endpoints, httpbin's
   * token, a cluster a test function answers, httpbin slower than the call's 300 ms), logs each dispatch status
   * and pauses (unless it named the host by a `host` header, which no call survives); on each answer it logs
   * token, header count, :status, x-token and proxy_get_status, and the last answer (token 16) resumes the stream.
   */
  function calloutPlugin(authority: "authority" | "host" = "authority"): Uint8Array {
    const p = new FixturePlugin();
    const headers = (path: string) => p.bytes(serializePairs([
      [":method", "GET"], [":path", path], [authority === "authority" ? ":authority" : "host", "httpbin.test"],
    ]));
    const getStatus = `(import "env" "proxy_get_status" (func $proxy_get_status (param i32 i32 i32) (result i32)))`;
    return p.build(`
      (global $stream (mut i32) (i32.const 0))
      (func $call (param $cluster i32) (param $n i32) (param $h i32) (param $hn i32) (param $timeout i32)
        (call $num (call $proxy_http_call (local.get $cluster) (local.get $n) (local.get $h) (local.get $hn)
          ${p.str("")} ${p.str("")} (local.get $timeout) (i32.const 264))))
      (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32)
        (global.set $stream (local.get $c))
        (call $call ${p.str("outbound|80||nowhere.dns")} ${headers("/get")} (i32.const 0))
        (call $call ${p.str("outbound|80||empty.dns")} ${headers("/get")} (i32.const 0))
        (call $call ${p.str(HTTPBIN)} ${headers("/response-headers?x-token=abc")} (i32.const 0))
        (call $call ${p.str("outbound|80||fake.dns")} ${headers("/")} (i32.const 0))
        (call $call ${p.str(HTTPBIN)} ${headers("/delay/3")} (i32.const 300))
        (i32.const ${authority === "authority" ? 1 : 0}))
      (func (export "proxy_on_http_call_response") (param $root i32) (param $token i32) (param $h i32) (param $b i32) (param $t i32)
        (call $num (local.get $token)) (call $num (local.get $h))
        (call $say_header (i32.const 6) ${p.str(":status")})
        (call $say_header (i32.const 6) ${p.str("x-token")})
        (drop (call $proxy_get_status (i32.const 264) (i32.const 256) (i32.const 260)))
        (call $num (i32.load (i32.const 264)))
        (if (i32.eq (local.get $token) (i32.const 16)) (then
          (drop (call $proxy_set_effective_context (global.get $stream)))
          (drop (call $proxy_continue_stream (i32.const 0))))))`, [getStatus]);
  }

  it("sends to the cluster's endpoint and answers on the root context; unknown is BAD_ARGUMENT, empty INTERNAL_FAILURE; test functions come first", async () => {
    const host = await startPlugin(calloutPlugin(), {
      upstreams: [
        { name: HTTPBIN, endpoints: [{ host: httpbin.hostname, port: httpbin.port }] },
        { name: "outbound|80||empty.dns", endpoints: [] },
        { name: "outbound|80||fake.dns", endpoints: [{ host: "127.0.0.1", port: 9 }] },
      ],
      clusters: { "outbound|80||fake.dns": () => ({ headers: [[":status", "418"]] }) },
    });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 200);
    const logged = said(response.logs);
    // Dispatch: BAD_ARGUMENT (2, no token), INTERNAL_FAILURE (10, token 4 spent), then three calls sent (OK).
    assert.deepEqual(logged.slice(0, 5), ["2", "10", "0", "0", "0"]);
    // Answers as they arrive (token, header count, :status, x-token or 1 for NOT_FOUND, status code): the test
    // function's 418 and httpbin's token (either first), then the router's 504 for the call slower than its 300 ms.
    const answers = [logged.slice(5, 10), logged.slice(10, 15)].sort((a, b) => Number(a[0]) - Number(b[0]));
    assert.deepEqual(answers[0]!.filter((_, i) => i !== 1), ["8", "200", "abc", "0"]);
    assert.deepEqual(answers[1], ["12", "1", "418", "1", "0"]);
    assert.deepEqual(logged.slice(15), ["16", "3", "504", "1", "0"]);
    assert.deepEqual(host.services.calloutLog.http.map((c) => c.accepted), [false, false, true, true, true]);
  });

  it("refuses a call whose host is a `host` header instead of :authority, as Envoy does", async () => {
    const host = await startPlugin(calloutPlugin("host"), {
      upstreams: [{ name: HTTPBIN, endpoints: [{ host: httpbin.hostname, port: httpbin.port }] }],
    });
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["2", "2", "2", "2", "2"]);
    assert.equal(host.services.calloutLog.http.filter((c) => c.accepted).length, 0);
  });
});

describe("§11 Data-plane services: Redis, gRPC, shared data with CAS rules, shared queues, metrics with Envoy semantics, foreign functions", () => {
  it("follows Envoy's CAS rules", () => {
    const data = new SharedData();
    const bytes = new TextEncoder().encode("v");
    assert.equal(data.set("k", bytes, 0), WasmResult.Ok);
    const cas = data.get("k")!.cas;
    assert.notEqual(cas, 0);
    assert.equal(data.set("k", bytes, cas + 1), WasmResult.CasMismatch);
    assert.equal(data.set("k", bytes, cas), WasmResult.Ok);
    assert.equal(data.set("k", bytes, 0), WasmResult.Ok, "cas 0 is unconditional");
    assert.equal(data.set("new", bytes, 42), WasmResult.Ok, "a cas on an absent key is not checked");
  });

  it("reaches metrics, shared data and foreign functions from the plugin", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_define_metric (i32.const 0) ${p.str("requests")} (i32.const 264)))
        (call $num (call $proxy_increment_metric (i32.load (i32.const 264)) (i64.const 1)))
        (call $num (call $proxy_set_shared_data ${p.str("k")} ${p.str("v1")} (i32.const 0)))
        (call $num (call $proxy_get_shared_data ${p.str("k")} (i32.const 256) (i32.const 260) (i32.const 268)))
        (call $say_out)
        (call $num (call $proxy_call_foreign_function ${p.str("missing")} ${p.str("")} (i32.const 256) (i32.const 260)))
        (call $num (call $proxy_call_foreign_function ${p.str("reverse")} ${p.str("abc")} (i32.const 256) (i32.const 260)))
        (call $say_out)
        (i32.const 0))`);
    const host = await startPlugin(wasm, { foreignFunctions: { reverse: (args) => Uint8Array.from(args).reverse() } });
    const response = await host.request({ method: "GET", path: "/" });
    await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["0", "0", "0", "v1", "1", "0", "cba"]);
    assert.equal(host.services.metrics.get("requests")?.value, 2n);
  });
});
