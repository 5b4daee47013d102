import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModule } from "../src/loader/index.js";
import { plugin, PROXY_LOG_IMPORT } from "./fixtures/loader/modules.js";

describe("loadModule", () => {
  it("compiles a module the host would load", async () => {
    const result = await loadModule(plugin({ imports: [PROXY_LOG_IMPORT] }), { mode: "envoy" });
    assert.ok(result.ok);
    assert.deepEqual(WebAssembly.Module.imports(result.module), [{ module: "env", name: "proxy_log", kind: "function" }]);
    assert.equal(result.report.abi, "0.2.1");
  });

  it("does not compile a module the host would refuse, and says why", async () => {
    const result = await loadModule(plugin({ allocator: null }));
    assert.equal(result.ok, false);
    assert.equal("module" in result, false);
    assert.deepEqual(result.report.errors.map((e) => e.message), ["Wasm module is missing malloc function."]);
  });
});
