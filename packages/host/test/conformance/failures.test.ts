/** §11 "Trap handling" and the gRPC item of "Data-plane services" (reference/proxy-wasm-abi.md). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FixturePlugin } from "../fixtures/plugins.js";
import { assemble } from "../fixtures/loader/modules.js";
import { startPlugin } from "../helpers.js";

/** A plugin that leaks a page of memory per request, with a 4-page cap; AS-style, it traps when growth fails. */
const LEAKING_PLUGIN = assemble(`(module
  (memory (export "memory") 1 4)
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "malloc") (param i32) (result i32) (i32.const 1024))
  (func $grow (export "leak_one_page")
    (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable)))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (call $grow) (i32.const 0)))`, { names: true });

describe("§11 trap handling", () => {
  it("trap handling: a plugin that exhausts its memory traps, that stream fails closed with 503 wasm_fail_stream, the VM is restarted and the next request is served", async () => {
    const host = await startPlugin(LEAKING_PLUGIN, { recoveryGuardMs: 0 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await host.request({ method: "GET", path: "/" })).status);
    assert.deepEqual(statuses, [200, 200, 200], "three pages fit under the cap");
    const failed = await host.request({ method: "GET", path: "/" });
    assert.equal(failed.status, 503);
    assert.equal(failed.details, "wasm_fail_stream");
    assert.ok(failed.logs.some((r) => r.source === "host" && /Function: proxy_on_request_headers failed: .*unreachable/.test(r.message)));
    const next = await host.request({ method: "GET", path: "/" });
    assert.equal(next.status, 200, "the rebuilt VM starts with its initial memory");
    assert.ok(host.logs.some((r) => r.source === "host" && r.message.includes("rebuilding")));
  });

  it("trap handling: fail open skips the failed plugin instead", async () => {
    const host = await startPlugin(LEAKING_PLUGIN, { failOpen: true, mode: "envoy" });
    for (let i = 0; i < 3; i++) await host.request({ method: "GET", path: "/" });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 200);
    assert.ok(host.failure?.includes("unreachable"), "Envoy mode keeps the VM failed");
  });
});

describe("§11 data-plane services: gRPC", () => {
  it("gRPC calls are answered as unavailable: PARSE_FAILURE (Envoy's unknown cluster at dispatch) with a clear log", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(
      `(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (call $num (call $proxy_grpc_call ${p.str("grpc-cluster")} ${p.str("pkg.Greeter")} ${p.str("SayHello")}
          ${p.str("")} ${p.str("msg")} (i32.const 1000) (i32.const 264)))
        (i32.const 0))`,
      [`(import "env" "proxy_grpc_call" (func $proxy_grpc_call (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))`],
    );
    const host = await startPlugin(wasm);
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(response.logs.filter((r) => r.source === "plugin").map((r) => r.message), ["4"]);
    assert.ok(response.logs.some((r) => r.source === "host" && r.message.includes("gRPC is unavailable in the local host")));
    assert.deepEqual(host.services.calloutLog.grpc, [{ service: "grpc-cluster", serviceName: "pkg.Greeter", method: "SayHello" }]);
  });
});
