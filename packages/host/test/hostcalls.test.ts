import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ABI_VERSIONS, HOST_MODES, hostImports, MetricType, WasmResult } from "../src/index.js";
import { createImports } from "../src/hostcalls/index.js";
import { Metrics } from "../src/services/metrics.js";
import { SharedData } from "../src/services/shared-data.js";
import type { PluginVm } from "../src/vm/plugin-vm.js";
import { FixturePlugin } from "./fixtures/plugins.js";
import { said, startPlugin } from "./helpers.js";

describe("host function catalogue", () => {
  it("implements every function the loader's catalogue lists, for every ABI and mode", () => {
    const imports = createImports({ checkRestricted() {} } as unknown as PluginVm);
    for (const mode of HOST_MODES) {
      for (const abi of ABI_VERSIONS) {
        for (const { module, name } of hostImports(abi, mode)) {
          assert.equal(typeof imports[module]?.[name], "function", `${module}.${name} (${abi}, ${mode})`);
        }
      }
    }
  });
});

describe("properties", () => {
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
    // root context: no stream info ⇒ set_property NOT_FOUND (1)
    assert.deepEqual(said(host.logs), ["props", "1"]);
    const response = await host.request({
      method: "GET", path: "/a/b?x=1", authority: "h.example", requestId: "rid",
      headers: [["x-multi", "1"], ["x-multi", "2"]], routeName: "r1", clusterName: "outbound|80||svc",
    });
    assert.deepEqual(said(response.logs), [
      "0", "props", "root", "/a/b?x=1", "/a/b", "GET", "h.example", "1,2", "rid", "r1", "outbound|80||svc", "rid",
      "stored", "1", "3", String(2 * 65536),
    ]);
  });
});

describe("shared data, metrics and foreign functions", () => {
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

  it("numbers metric ids by type and applies Envoy's update rules", () => {
    const metrics = new Metrics();
    const counter = metrics.define(MetricType.Counter, "c")!;
    const gauge = metrics.define(MetricType.Gauge, "g")!;
    const histogram = metrics.define(MetricType.Histogram, "h")!;
    assert.deepEqual([counter, gauge, histogram, metrics.define(MetricType.Counter, "c")], [4, 5, 6, 8]);
    assert.equal(metrics.define(3, "x"), undefined);
    assert.equal(metrics.increment(counter, 0n), WasmResult.BadArgument);
    assert.equal(metrics.increment(counter, 2n), WasmResult.Ok);
    assert.equal(metrics.record(8, 3n), WasmResult.Ok, "record adds to a counter; both ids reach the same stat");
    assert.equal(metrics.get("c")?.value, 5n);
    assert.equal(metrics.increment(gauge, -4n), WasmResult.Ok);
    assert.equal(metrics.record(gauge, 9n), WasmResult.Ok);
    assert.equal(metrics.get("g", MetricType.Gauge)?.value, 9n);
    assert.equal(metrics.increment(histogram, 1n), WasmResult.BadArgument);
    assert.equal(metrics.record(histogram, 7n), WasmResult.Ok);
    assert.deepEqual(metrics.get("h", MetricType.Histogram)?.samples, [7n]);
    assert.equal(metrics.increment(99, 1n), WasmResult.NotFound);
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

describe("WASI", () => {
  it("logs fd_write to stdout at info and to stderr at error, one line per call", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(
      `(func (export "proxy_on_configure") (param i32 i32) (result i32)
        ${["out line\n", "err line\n"].map((text, i) => {
          const { ptr, len } = p.place(new TextEncoder().encode(text));
          return `(i32.store (i32.const 320) (i32.const ${ptr})) (i32.store (i32.const 324) (i32.const ${len}))
            (call $num (call $fd_write (i32.const ${i + 1}) (i32.const 320) (i32.const 1) (i32.const 328)))`;
        }).join("\n")}
        (call $num (call $fd_write (i32.const 3) (i32.const 320) (i32.const 1) (i32.const 328)))
        (i32.const 1))`,
      [`(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))`],
    );
    const host = await startPlugin(wasm);
    assert.deepEqual(host.logs.filter((r) => r.source === "plugin").map((r) => [r.level, r.message]), [
      [2, "out line"], [2, "0"], [4, "err line"], [2, "0"], [2, "8"],
    ]);
  });
});

describe("shared queues", () => {
  it("delivers on_queue_ready to the registering root context asynchronously, never inside enqueue", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_register_shared_queue ${p.str("jobs")} (i32.const 264)))
        (call $num (i32.load (i32.const 264)))
        (i32.const 1))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (call $num (call $proxy_resolve_shared_queue ${p.str("")} ${p.str("jobs")} (i32.const 264)))
        (call $num (call $proxy_enqueue_shared_queue (i32.load (i32.const 264)) ${p.str("job-1")}))
        (call $say ${p.str("enqueued")})
        (call $num (call $proxy_enqueue_shared_queue (i32.const 99) ${p.str("x")}))
        (i32.const 0))
      (func (export "proxy_on_queue_ready") (param $root i32) (param $token i32)
        (call $num (local.get $root)) (call $num (local.get $token))
        (call $num (call $proxy_dequeue_shared_queue (local.get $token) (i32.const 256) (i32.const 260)))
        (call $say_out)
        (call $num (call $proxy_dequeue_shared_queue (local.get $token) (i32.const 256) (i32.const 260))))`);
    const host = await startPlugin(wasm);
    await host.request({ method: "GET", path: "/" });
    await new Promise((resolve) => setImmediate(resolve));
    // token 1; NOT_FOUND (1) for an unknown token; EMPTY (7) once drained
    assert.deepEqual(said(host.logs), ["1", "0", "0", "enqueued", "1", "1", "1", "0", "job-1", "7"]);
  });
});
