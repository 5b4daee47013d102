import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ABI_VERSIONS, HIGRESS_HOST_CALLS, HOST_MODES, WASI_FUNCTIONS, WASI_MODULES, hostImports, moduleCallbacks,
} from "../src/loader/index.js";

const names = (abi: (typeof ABI_VERSIONS)[number], mode: (typeof HOST_MODES)[number]) =>
  new Set(hostImports(abi, mode).map((f) => `${f.module}.${f.name}`));

describe("host import catalogue", () => {
  it("has the 45 WASI functions of FOR_ALL_WASI_FUNCTIONS under both module names", () => {
    assert.equal(WASI_FUNCTIONS.size, 45);
    assert.equal(WASI_FUNCTIONS.has("proc_raise"), false);
    for (const abi of ["0.2.1", "0.2.100"] as const) {
      const all = names(abi, "higress");
      for (const module of WASI_MODULES) for (const name of WASI_FUNCTIONS.keys()) assert.ok(all.has(`${module}.${name}`));
    }
  });

  it("registers each function once, every ABI-specific call only for its versions", () => {
    for (const mode of HOST_MODES) {
      for (const abi of ABI_VERSIONS) {
        const list = hostImports(abi, mode);
        assert.equal(new Set(list.map((f) => `${f.module}.${f.name}`)).size, list.length);
      }
    }
    const v010 = names("0.1.0", "envoy");
    const v021 = names("0.2.1", "envoy");
    assert.ok(v010.has("env.proxy_get_configuration") && !v021.has("env.proxy_get_configuration"));
    assert.ok(!v010.has("env.proxy_continue_stream") && v021.has("env.proxy_continue_stream"));
    assert.ok(!names("0.2.0", "envoy").has("env.proxy_get_log_level") && v021.has("env.proxy_get_log_level"));
  });

  it("has the env extras in every mode: pthread_equal, emscripten_notify_memory_growth, envoy_resolve_dns", () => {
    for (const mode of HOST_MODES) {
      const all = names("0.2.1", mode);
      for (const name of ["pthread_equal", "emscripten_notify_memory_growth", "envoy_resolve_dns"]) assert.ok(all.has(`env.${name}`));
    }
  });

  it("adds Higress's five calls only in Higress mode and only for 0.2.1 and 0.2.100", () => {
    assert.deepEqual(HIGRESS_HOST_CALLS, [
      "proxy_redis_init", "proxy_redis_call", "proxy_inject_encoded_data_to_filter_chain",
      "proxy_set_upstream_override_host", "proxy_get_upstream_hosts",
    ]);
    const registered = (abi: (typeof ABI_VERSIONS)[number], mode: (typeof HOST_MODES)[number]) =>
      HIGRESS_HOST_CALLS.filter((name) => names(abi, mode).has(`env.${name}`)).length;
    assert.equal(registered("0.2.1", "higress"), 5);
    assert.equal(registered("0.2.100", "higress"), 5);
    assert.equal(registered("0.2.0", "higress"), 0);
    assert.equal(registered("0.2.1", "envoy"), 0);
  });

  it("is the same apart from Higress's calls in both modes, and empty for 0.2.100 in Envoy mode", () => {
    const higressOnly = [...names("0.2.1", "higress")].filter((n) => !names("0.2.1", "envoy").has(n));
    assert.deepEqual(higressOnly, HIGRESS_HOST_CALLS.map((n) => `env.${n}`));
    assert.deepEqual(hostImports("0.2.100", "envoy"), []);
    // 3 env extras + 36 common proxy_* calls + 3 for 0.2.1 + 45 WASI functions twice.
    assert.equal(names("0.2.1", "envoy").size, 3 + 36 + 3 + 90);
  });
});

describe("module callbacks", () => {
  it("takes two-argument header callbacks in 0.1.0 and three from 0.2.0", () => {
    assert.deepEqual(moduleCallbacks("0.1.0", "envoy").get("proxy_on_request_headers")?.params, ["i32", "i32"]);
    assert.deepEqual(moduleCallbacks("0.2.1", "envoy").get("proxy_on_response_headers")?.params, ["i32", "i32", "i32"]);
    assert.equal(moduleCallbacks("0.1.0", "envoy").has("proxy_on_foreign_function"), false);
    assert.equal(moduleCallbacks("0.2.0", "envoy").has("proxy_on_foreign_function"), true);
  });

  it("looks up proxy_on_redis_call_response only in Higress mode", () => {
    assert.equal(moduleCallbacks("0.2.1", "envoy").has("proxy_on_redis_call_response"), false);
    assert.equal(moduleCallbacks("0.2.100", "higress").has("proxy_on_redis_call_response"), true);
  });
});
