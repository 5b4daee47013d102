// What Envoy checks when it loads a module, checked on fixture plugins built as a plugin is built.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EXPORT_SIGNATURES, HIGRESS_ONLY, IMPORT_SIGNATURES } from "./support/abi-tables.js";
import { build } from "./support/build.js";
import { sectionIds, signatures } from "./support/sections.js";

function imports(module) {
  return WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`);
}

test("a 0.2.1 plugin imports only cpp-host's 0.2.1 calls and no Higress extension", async () => {
  const module = new WebAssembly.Module(await build("headers"));
  const names = imports(module);
  assert.ok(names.length > 0);
  for (const name of names) {
    const [moduleName, field] = name.split(".");
    assert.equal(moduleName, "env", name);
    assert.ok(field in IMPORT_SIGNATURES && !HIGRESS_ONLY.has(field), `${name} is not registered by cpp-host for 0.2.1`);
  }
  assert.deepEqual(names.filter((n) => HIGRESS_ONLY.has(n.slice(4))), []);
});

test("the module has no start section", async () => {
  assert.equal(sectionIds(await build("headers")).includes(8), false);
});

test("a Higress extension is imported only by the plugin that uses it", async () => {
  const names = imports(new WebAssembly.Module(await build("redis")));
  assert.ok(names.includes("env.proxy_redis_call"));
  assert.deepEqual(names.filter((n) => HIGRESS_ONLY.has(n.slice(4))), ["env.proxy_redis_call"]);
});

test("the 0.2.100 entry exports only the 0.2.100 marker", async () => {
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(await build("headers", "v0_2_100")));
  const markers = exports.map((e) => e.name).filter((n) => n.startsWith("proxy_abi_version_"));
  assert.deepEqual(markers, ["proxy_abi_version_0_2_100"]);
});

test("every host call is imported with the signature cpp-host registers", async () => {
  const { imported } = signatures(await build("all-hostcalls"));
  const expected = Object.entries(IMPORT_SIGNATURES).map(([name, type]) => [`env.${name}`, type]);
  assert.deepEqual(new Map([...imported].sort()), new Map(expected.sort()));
});

test("the module exports its memory and exactly the marker, _initialize, the allocator and every callback", async () => {
  const bytes = await build("headers");
  const { exported } = signatures(bytes);
  assert.deepEqual(new Map([...exported].sort()), new Map(Object.entries(EXPORT_SIGNATURES).sort()));
  const memories = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).filter((e) => e.kind === "memory");
  assert.deepEqual(memories.map((e) => e.name), ["memory"]);
});
