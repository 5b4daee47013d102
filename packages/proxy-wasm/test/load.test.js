// What Envoy and Higress check when they load a module, asked of the host's loader on fixture plugins built as a
// plugin is built. The loader holds cpp-host's catalogue of host calls and callbacks, per ABI and per host.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ALLOCATOR_SIGNATURE, ALLOCATORS, ENTRY_POINTS, formatSignature, HIGRESS_HOST_CALLS, hostImports, inspectModule,
  moduleCallbacks,
} from "@higress-ts/host";
import { build } from "./support/build.js";

const names = (entries) => entries.map((e) => `${e.module ? `${e.module}.` : ""}${e.name}`);
const typed = (entries) => new Map(entries.map((e) => [e.name, formatSignature(e.signature)]));

test("a 0.2.1 plugin loads in Envoy and in Higress: malloc, no start section, no warning", async () => {
  const bytes = await build("headers");
  for (const mode of ["envoy", "higress"]) {
    const report = inspectModule(bytes, { mode });
    assert.deepEqual(report.errors, [], mode);
    assert.deepEqual(report.warnings, [], mode);
    assert.equal(report.abi, "0.2.1");
    assert.equal(report.allocator, "malloc");
    assert.equal(report.hasStartSection, false);
  }
});

test("a 0.2.1 plugin imports only the calls it makes, plus proxy_log (aborts and the dispatcher log through it)", async () => {
  const report = inspectModule(await build("headers"), { mode: "envoy" });
  assert.deepEqual(names(report.imports).sort(), [
    "env.proxy_get_header_map_value", "env.proxy_get_property", "env.proxy_log", "env.proxy_replace_header_map_value",
  ]);
});

test("a Higress extension is imported only by the plugin that uses it, which Envoy refuses and Higress loads", async () => {
  const bytes = await build("redis");
  const envoy = inspectModule(bytes, { mode: "envoy" });
  assert.deepEqual(names(envoy.imports).filter((n) => HIGRESS_HOST_CALLS.includes(n.slice(4))), ["env.proxy_redis_call"]);
  assert.deepEqual(envoy.errors.map((e) => e.message), [
    "Failed to load Wasm module due to a missing import: env.proxy_redis_call",
  ]);
  assert.deepEqual(inspectModule(bytes, { mode: "higress" }).errors, []);
});

test("the 0.2.100 entry exports only the 0.2.100 marker: Higress loads it, Envoy knows no such ABI", async () => {
  const bytes = await build("headers", "v0_2_100");
  const higress = inspectModule(bytes, { mode: "higress" });
  assert.deepEqual(higress.errors, []);
  assert.equal(higress.abi, "0.2.100");
  assert.deepEqual(higress.exports.map((e) => e.name).filter((n) => n.startsWith("proxy_abi_version_")), [
    "proxy_abi_version_0_2_100",
  ]);
  const envoy = inspectModule(bytes, { mode: "envoy" });
  assert.deepEqual(envoy.errors.map((e) => e.code), ["unknown-abi"]);
});

test("every host call is imported with the signature cpp-host registers for 0.2.1 in Higress", async () => {
  const report = inspectModule(await build("all-hostcalls"), { mode: "higress" });
  assert.deepEqual(report.errors, []);
  const proxyCalls = hostImports("0.2.1", "higress").filter((i) => i.module === "env" && i.name.startsWith("proxy_"));
  assert.equal(proxyCalls.length, 44);
  assert.deepEqual(typed(report.imports), typed(proxyCalls));
});

test("the module exports its memory and exactly the marker, _initialize, the allocators and every callback", async () => {
  const report = inspectModule(await build("headers"), { mode: "higress" });
  const functions = report.exports.filter((e) => e.kind === "function");
  // Every proxy_* callback the host looks up (not Envoy's own envoy_on_* ones).
  const callbacks = [...moduleCallbacks("0.2.1", "higress")].filter(([name]) => name.startsWith("proxy_"));
  const expected = [
    { name: "proxy_abi_version_0_2_1", signature: { params: [], results: [] } },
    { name: "_initialize", signature: ENTRY_POINTS._initialize },
    ...ALLOCATORS.map((name) => ({ name, signature: ALLOCATOR_SIGNATURE })),
    ...callbacks.map(([name, signature]) => ({ name, signature })),
  ];
  assert.deepEqual(typed(functions), typed(expected));
  assert.deepEqual(report.exports.filter((e) => e.kind !== "function").map((e) => [e.kind, e.name]), [["memory", "memory"]]);
});
