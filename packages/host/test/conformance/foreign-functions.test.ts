/** §11 Data-plane services: foreign functions as Envoy (`foreign.cc`) and Higress register them (reference §3.2). */
import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, it } from "node:test";
import { deflateSync } from "node:zlib";
import { FixturePlugin } from "../fixtures/plugins.js";
import { said, startPlugin } from "../helpers.js";

/** A protobuf message of string/bytes fields (wire type 2) and small varints (wire type 0). */
function proto(fields: Array<[number, string | Uint8Array | number]>): Uint8Array {
  const out: number[] = [];
  for (const [field, value] of fields) {
    if (typeof value === "number") out.push(field << 3, value);
    else {
      const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
      out.push((field << 3) | 2);
      for (let n = bytes.length; ; n >>= 7) {
        out.push(n > 0x7f ? (n & 0x7f) | 0x80 : n);
        if (n <= 0x7f) break;
      }
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

/** Calls `name` with `args` and logs the status, then the result bytes as text. */
function call(p: FixturePlugin, name: string, args: Uint8Array): string {
  return `(call $num (call $proxy_call_foreign_function ${p.str(name)} ${p.bytes(args)} (i32.const 256) (i32.const 260))) (call $say_out)`;
}

const text = "hello hello hello hello";

describe("§11 Data-plane services: foreign functions (clear_route_cache, compress/uncompress, declare_property, set_envoy_filter_state …)", () => {
  it("foreign functions: compress gives zlib's compress() bytes and uncompress reverses them; garbage is SERIALIZATION_FAILURE", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      (call $num (call $proxy_call_foreign_function ${p.str("compress")} ${p.str(text)} (i32.const 256) (i32.const 260)))
      (call $num (i32.load (i32.const 260)))
      (call $num (call $proxy_call_foreign_function ${p.str("uncompress")} (i32.load (i32.const 256)) (i32.load (i32.const 260)) (i32.const 256) (i32.const 260)))
      (call $say_out)
      (call $num (call $proxy_call_foreign_function ${p.str("uncompress")} ${p.str("not zlib")} (i32.const 256) (i32.const 260)))
      (i32.const 0))`);
    const host = await startPlugin(wasm);
    const logs = said((await host.request({ method: "GET", path: "/" })).logs);
    assert.deepEqual(logs, ["0", String(deflateSync(text).length), "0", text, "3"]);
  });

  it("foreign functions: declare_property from the root context makes wasm.<name> read-only after its first set; a second declaration is BAD_ARGUMENT", async () => {
    const p = new FixturePlugin();
    const declaration = proto([[1, "token"], [2, 1], [3, 1]]);
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        ${call(p, "declare_property", declaration)} ${call(p, "declare_property", declaration)} (i32.const 1))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (call $num (call $proxy_set_property ${p.str("token")} ${p.str("first")}))
        (call $num (call $proxy_set_property ${p.str("token")} ${p.str("second")}))
        (call $say_property ${p.str("token")})
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    assert.deepEqual(said(host.logs), ["0", "", "2", ""], "OK with no result, then BAD_ARGUMENT");
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["0", "2", "first"]);
  });

  it("foreign functions: declare_property on a stream context is OK but ignored by Envoy (a violation)", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      ${call(p, "declare_property", proto([[1, "late"], [2, 1]]))}
      (call $num (call $proxy_set_property ${p.str("late")} ${p.str("a")}))
      (call $num (call $proxy_set_property ${p.str("late")} ${p.str("b")}))
      (i32.const 0))`);
    const host = await startPlugin(wasm, { strict: false });
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["0", "", "0", "0"]);
    assert.deepEqual(response.violations.map((v) => v.kind), ["ignored_by_envoy"]);
  });

  it("foreign functions: set_envoy_filter_state stores well-known objects; an unknown key is NOT_FOUND, a bad value BAD_ARGUMENT", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      ${call(p, "set_envoy_filter_state", proto([[1, "envoy.tcp_proxy.cluster"], [2, "backend"]]))}
      ${call(p, "set_envoy_filter_state", proto([[1, "my.key"], [2, "x"]]))}
      ${call(p, "set_envoy_filter_state", proto([[1, "envoy.network.transport_socket.original_dst_address"], [2, "nowhere"]]))}
      (i32.const 0))`);
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["0", "", "1", "", "2", ""]);
    assert.deepEqual([...response.envoyFilterState], [["envoy.tcp_proxy.cluster", "backend"]]);
  });

  it("foreign functions: verify_signature answers a VerifySignatureResult; both or neither key forms are BAD_ARGUMENT", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const signature = sign("sha256", Buffer.from("signed text"), privateKey);
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      ${call(p, "verify_signature", proto([[1, "sha256"], [3, signature], [4, "signed text"], [5, pem]]))}
      ${call(p, "verify_signature", proto([[1, "sha256"], [3, signature], [4, "other text"], [5, pem]]))}
      ${call(p, "verify_signature", proto([[1, "sha256"], [3, signature], [4, "signed text"]]))}
      (i32.const 0))`);
    const host = await startPlugin(wasm);
    const logs = said((await host.request({ method: "GET", path: "/" })).logs);
    assert.deepEqual(logs.slice(0, 2), ["0", "\u0008\u0001"], "result: true, no error");
    assert.equal(logs[2], "0");
    assert.match(logs[3]!, /^\u0012.Failed to verify digest/s, "result false (omitted), error set");
    assert.equal(logs[4], "2");
  });

  it("foreign functions: Higress's get_log_level answers the logger level in Higress mode, NOT_FOUND in Envoy mode; CEL is unsupported locally", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      (call $num (call $proxy_call_foreign_function ${p.str("get_log_level")} ${p.str("")} (i32.const 256) (i32.const 260)))
      (call $num (i32.load (i32.load (i32.const 256))))
      (call $num (call $proxy_call_foreign_function ${p.str("expr_create")} ${p.str("1 + 1")} (i32.const 0) (i32.const 0)))
      (i32.const 0))`);
    const higress = await startPlugin(wasm, { logLevel: "debug", strict: false });
    const response = await higress.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["0", "1", "1"]);
    assert.deepEqual(response.violations.map((v) => v.kind), ["unsupported_by_local_host"]);
    const envoy = await startPlugin(wasm, { mode: "envoy", strict: false });
    assert.equal(said((await envoy.request({ method: "GET", path: "/" })).logs)[0], "1");
  });

  it("foreign functions: the test's own functions come first, even over Envoy's names", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      ${call(p, "compress", new TextEncoder().encode("abc"))} (i32.const 0))`);
    const host = await startPlugin(wasm, { foreignFunctions: { compress: (args) => Uint8Array.from(args).reverse() } });
    assert.deepEqual(said((await host.request({ method: "GET", path: "/" })).logs), ["0", "cba"]);
  });
});
