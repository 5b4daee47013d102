import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PluginHost, formatLogRecord } from "../src/index.js";
import { FixturePlugin } from "./fixtures/plugins.js";
import { said, startPlugin } from "./helpers.js";

/** A plugin that logs each callback with its arguments. */
function tracingPlugin(): Uint8Array {
  const p = new FixturePlugin();
  const trace = (name: string, args: string[]) =>
    `(call $say ${p.str(name)}) ${args.map((a) => `(call $num (local.get ${a}))`).join(" ")}`;
  return p.build(`
    (func (export "proxy_on_context_create") (param $c i32) (param $p i32) ${trace("create", ["$c", "$p"])})
    (func (export "proxy_on_vm_start") (param $c i32) (param $n i32) (result i32) ${trace("vm_start", ["$c", "$n"])} (i32.const 1))
    (func (export "proxy_on_configure") (param $c i32) (param $n i32) (result i32) ${trace("configure", ["$c", "$n"])} (call $say_buffer (i32.const 7)) (i32.const 1))
    (func (export "proxy_on_request_headers") (param $c i32) (param $n i32) (param $e i32) (result i32) ${trace("request_headers", ["$c", "$n", "$e"])} (call $say_buffer (i32.const 7)) (i32.const 0))
    (func (export "proxy_on_request_body") (param $c i32) (param $n i32) (param $e i32) (result i32) ${trace("request_body", ["$c", "$n", "$e"])} (i32.const 0))
    (func (export "proxy_on_response_headers") (param $c i32) (param $n i32) (param $e i32) (result i32) ${trace("response_headers", ["$c", "$n", "$e"])} (i32.const 0))
    (func (export "proxy_on_response_body") (param $c i32) (param $n i32) (param $e i32) (result i32) ${trace("response_body", ["$c", "$n", "$e"])} (i32.const 0))
    (func (export "proxy_on_log") (param $c i32) ${trace("log", ["$c"])})
    (func (export "proxy_on_done") (param $c i32) (result i32) ${trace("done", ["$c"])} (i32.const 1))
    (func (export "proxy_on_delete") (param $c i32) ${trace("delete", ["$c"])})
  `);
}

describe("lifecycle", () => {
  it("starts the root context, then runs a stream in Envoy's order with on_log → on_done → on_delete", async () => {
    const host = await startPlugin(tracingPlugin(), { configuration: '{"a":1}', vmConfiguration: "vm" });
    assert.deepEqual(said(host.logs), ["create", "1", "0", "vm_start", "1", "2", "configure", "1", "7", '{"a":1}']);
    const response = await host.request(
      { method: "POST", path: "/p", body: "hello" },
      { upstream: () => ({ status: 201, body: "created" }) },
    );
    assert.equal(response.status, 201);
    assert.equal(response.text(), "created");
    assert.deepEqual(said(response.logs), [
      "create", "2", "1",
      // 4 pseudo-headers + x-request-id; the configuration buffer is gone after on_configure (NOT_FOUND = 1)
      "request_headers", "2", "5", "0", "1",
      "request_body", "2", "5", "1",
      "response_headers", "2", "1", "0",
      "response_body", "2", "7", "1",
      "log", "2", "done", "2", "delete", "2",
    ]);
    const second = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(second.logs).slice(0, 3), ["create", "3", "1"]);
    assert.equal(said(second.logs)[6], "1", "end_of_stream is set on headers of a request without body");
  });

  it("reports on_configure returning false as Envoy's failed start, with the plugin's own log lines", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (call $say ${p.str("bad config:")}) (call $say_buffer (i32.const 7)) (i32.const 0))`);
    const outcome = await PluginHost.load(wasm, { name: "cfg", configuration: "nope" });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok);
    assert.equal(outcome.error, "Failed to configure base Wasm plugin");
    assert.equal(outcome.host?.startError, "Failed to configure base Wasm plugin");
    assert.deepEqual(said(outcome.logs), ["bad config:", "nope"]);
    assert.ok(outcome.logs.some((r) => r.source === "host" && r.message.includes("Failed to configure base Wasm plugin")));
  });

  it("refuses what the loader refuses, as a value", async () => {
    const outcome = await PluginHost.load(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), { name: "empty" });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.host === undefined && outcome.error.length > 0);
  });

  it("formats log lines with Envoy's prefixes: plugin name for streams, root id and vm id for the root", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32) (call $say ${p.str("configured")}) (i32.const 1))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (call $say ${p.str("hello")}) (i32.const 0))`);
    const host = await startPlugin(wasm, { name: "hello-world" });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(host.logs[0]!.line, "wasm log  : configured");
    assert.equal(response.logs[0]!.line, "wasm log hello-world  : hello");
    assert.match(formatLogRecord(response.logs[0]!), /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\]\[info\]\[wasm\] wasm log hello-world  : hello$/);
    const rooted = await startPlugin(wasm, { name: "hw", rootId: "r", vmId: "v", logLevel: "warn" });
    assert.deepEqual(rooted.logs, [], "info lines are dropped below the configured level");
  });
});
