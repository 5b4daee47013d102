// Compiles fixture plugins the way a plugin is built (its asconfig extends this package's, plus an ABI entry)
// and checks what Envoy checks at load time: imports, exports, start section.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, symlinkSync, mkdirSync, copyFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The `env` host functions cpp-host registers for ABI 0.2.1 (proxy-wasm-abi.md §3.1). */
const CPP_HOST_0_2_1 = new Set([
  "proxy_log", "proxy_get_status", "proxy_set_property", "proxy_get_property", "proxy_send_local_response",
  "proxy_get_shared_data", "proxy_set_shared_data", "proxy_register_shared_queue", "proxy_resolve_shared_queue",
  "proxy_dequeue_shared_queue", "proxy_enqueue_shared_queue", "proxy_get_header_map_value",
  "proxy_add_header_map_value", "proxy_replace_header_map_value", "proxy_remove_header_map_value",
  "proxy_get_header_map_pairs", "proxy_set_header_map_pairs", "proxy_get_header_map_size",
  "proxy_get_buffer_status", "proxy_get_buffer_bytes", "proxy_set_buffer_bytes", "proxy_http_call",
  "proxy_grpc_call", "proxy_grpc_stream", "proxy_grpc_close", "proxy_grpc_cancel", "proxy_grpc_send",
  "proxy_set_tick_period_milliseconds", "proxy_get_current_time_nanoseconds", "proxy_define_metric",
  "proxy_increment_metric", "proxy_record_metric", "proxy_get_metric", "proxy_set_effective_context",
  "proxy_done", "proxy_call_foreign_function", "proxy_continue_stream", "proxy_close_stream", "proxy_get_log_level",
]);
const HIGRESS_ONLY = new Set([
  "proxy_redis_init", "proxy_redis_call", "proxy_inject_encoded_data_to_filter_chain",
  "proxy_get_upstream_hosts", "proxy_set_upstream_override_host",
]);

/** Builds `fixture` in a throwaway plugin project whose node_modules links this package. */
async function build(fixture, abi = "v0_2_1") {
  const project = mkdtempSync(join(tmpdir(), "proxy-wasm-fixture-"));
  try {
    mkdirSync(join(project, "node_modules", "@higress-ts"), { recursive: true });
    symlinkSync(packageDir, join(project, "node_modules", "@higress-ts", "proxy-wasm"), "dir");
    mkdirSync(join(project, "assembly"));
    copyFileSync(join(packageDir, "test", "fixtures", `${fixture}.ts`), join(project, "assembly", "main.ts"));
    writeFileSync(join(project, "asconfig.json"), '{ "extends": "./node_modules/@higress-ts/proxy-wasm/asconfig.json" }');
    const entry = join(project, "node_modules", "@higress-ts", "proxy-wasm", "assembly", "abi", `${abi}.ts`);
    const { error, stderr } = await asc.main([
      "assembly/main.ts", entry, "--config", "asconfig.json", "--target", "release", "-o", "build/main.wasm",
      "--baseDir", project,
    ]);
    assert.equal(error, null, stderr.toString());
    return readFileSync(join(project, "build", "main.wasm"));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** Section ids in order (id 8 is a start section, which would run before Envoy has a context). */
function sectionIds(bytes) {
  const ids = [];
  let p = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do { byte = bytes[p++]; result |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    return result >>> 0;
  };
  while (p < bytes.length) {
    ids.push(bytes[p++]);
    const size = leb();
    p += size;
  }
  return ids;
}

/**
 * The wasm signatures of a module's imported and exported functions, as "(i32,i64)->i32" keyed by name,
 * read from the type, import, function and export sections (WebAssembly.Module gives no types).
 */
function signatures(bytes) {
  let p = 8;
  const u32 = () => {
    let result = 0, shift = 0, byte;
    do { byte = bytes[p++]; result |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    return result >>> 0;
  };
  const name = () => {
    const size = u32();
    const text = Buffer.from(bytes.subarray(p, p + size)).toString("utf8");
    p += size;
    return text;
  };
  const valueTypes = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64" };
  const types = [];
  const functionTypes = [];
  const imported = new Map();
  const exported = new Map();
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = u32();
    const end = p + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        p++; // 0x60
        const params = Array.from({ length: u32() }, () => valueTypes[bytes[p++]]);
        const results = Array.from({ length: u32() }, () => valueTypes[bytes[p++]]);
        types.push(`(${params.join(",")})->${results.length ? results.join(",") : "()"}`);
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        const module = name();
        const field = name();
        const kind = bytes[p++];
        assert.equal(kind, 0, `${module}.${field} is not a function import`);
        const type = types[u32()];
        imported.set(`${module}.${field}`, type);
        functionTypes.push(type);
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n--) functionTypes.push(types[u32()]);
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const field = name();
        const kind = bytes[p++];
        const index = u32();
        if (kind === 0) exported.set(field, functionTypes[index]);
      }
    }
    p = end;
  }
  return { imported, exported };
}

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
    assert.ok(CPP_HOST_0_2_1.has(field), `${name} is not registered by cpp-host for 0.2.1`);
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

/**
 * Instantiates `bytes` with every import stubbed to answer Ok, except the `overrides`; records `proxy_log` lines.
 * `host.memory()` and `host.exports` are set once instantiated.
 */
function instantiate(bytes, overrides = {}) {
  const module = new WebAssembly.Module(bytes);
  const host = { logs: [], calls: [] };
  const text = (ptr, size) => Buffer.from(host.exports.memory.buffer, ptr, size).toString("utf8");
  const env = {};
  for (const { name } of WebAssembly.Module.imports(module)) {
    env[name] = (...args) => {
      host.calls.push(name);
      return overrides[name] ? overrides[name](host, ...args) : 0;
    };
  }
  env.proxy_log = (level, ptr, size) => {
    host.logs.push([level, text(ptr, size)]);
    return 0;
  };
  host.text = text;
  host.exports = new WebAssembly.Instance(module, { env }).exports;
  host.exports._initialize();
  return host;
}

/** Returns `value` the way cpp-host does: through the module's malloc and two out-slots. */
function hostReturns(host, value, dataSlot, sizeSlot) {
  const bytes = Buffer.from(value);
  const ptr = host.exports.malloc(bytes.length);
  new Uint8Array(host.exports.memory.buffer, ptr, bytes.length).set(bytes);
  const view = new DataView(host.exports.memory.buffer);
  view.setUint32(dataSlot, ptr, true);
  view.setUint32(sizeSlot, bytes.length, true);
  return 0;
}

test("the dispatcher runs the only plugin's HTTP context, with values returned through malloc", async () => {
  const replaced = [];
  const host = instantiate(await build("headers"), {
    proxy_get_property: (h, pathPtr, pathSize, dataSlot, sizeSlot) => hostReturns(h, "some-root-id", dataSlot, sizeSlot),
    proxy_get_header_map_value: (h, map, keyPtr, keySize, dataSlot, sizeSlot) =>
      h.text(keyPtr, keySize) === "user-agent" ? hostReturns(h, "curl/8.0", dataSlot, sizeSlot) : 1,
    proxy_replace_header_map_value: (h, map, keyPtr, keySize, valuePtr, valueSize) => {
      replaced.push([map, h.text(keyPtr, keySize), h.text(valuePtr, valueSize)]);
      return 0;
    },
  });
  const { exports } = host;
  exports.proxy_on_context_create(1, 0);
  assert.equal(exports.proxy_on_vm_start(1, 0), 1);
  assert.equal(exports.proxy_on_configure(1, 0), 1);
  exports.proxy_on_context_create(2, 1);
  assert.equal(exports.proxy_on_request_headers(2, 5, 1), 0);
  assert.deepEqual(replaced, [[0, "x-agent", "curl/8.0"]]);
  exports.proxy_on_log(2);
  assert.equal(exports.proxy_on_done(2), 1);
  exports.proxy_on_delete(2);
  assert.equal(exports.proxy_on_request_headers(2, 5, 1), 0, "a deleted context answers Continue");
  assert.deepEqual(host.logs, []);
});

test("abort logs the message and location at critical through proxy_log, then traps", async () => {
  const host = instantiate(await build("abort"));
  host.exports.proxy_on_context_create(1, 0);
  assert.throws(() => host.exports.proxy_on_tick(1), WebAssembly.RuntimeError);
  assert.equal(host.logs.length, 1);
  const [level, line] = host.logs[0];
  assert.equal(level, 5);
  assert.match(line, /^abort: Index out of range at ~lib\/array\.ts:\d+:\d+$/);
});

test("a root id matching no plugin among several is logged, and the VM start then fails", async () => {
  const host = instantiate(await build("two-plugins"), {
    proxy_get_property: (h, pathPtr, pathSize, dataSlot, sizeSlot) => hostReturns(h, "gamma", dataSlot, sizeSlot),
  });
  host.exports.proxy_on_context_create(1, 0);
  assert.deepEqual(host.logs, [[5, "no root context registered for plugin_root_id gamma"]]);
  assert.equal(host.exports.proxy_on_vm_start(1, 0), 0);
});

/** proxy-wasm-abi.md §3.2 and §9.2: every host call and its wasm signature. */
const IMPORT_SIGNATURES = {
  proxy_log: "(i32,i32,i32)->i32",
  proxy_get_log_level: "(i32)->i32",
  proxy_get_current_time_nanoseconds: "(i32)->i32",
  proxy_set_tick_period_milliseconds: "(i32)->i32",
  proxy_get_property: "(i32,i32,i32,i32)->i32",
  proxy_set_property: "(i32,i32,i32,i32)->i32",
  proxy_get_header_map_value: "(i32,i32,i32,i32,i32)->i32",
  proxy_add_header_map_value: "(i32,i32,i32,i32,i32)->i32",
  proxy_replace_header_map_value: "(i32,i32,i32,i32,i32)->i32",
  proxy_remove_header_map_value: "(i32,i32,i32)->i32",
  proxy_get_header_map_pairs: "(i32,i32,i32)->i32",
  proxy_set_header_map_pairs: "(i32,i32,i32)->i32",
  proxy_get_header_map_size: "(i32,i32)->i32",
  proxy_get_buffer_bytes: "(i32,i32,i32,i32,i32)->i32",
  proxy_set_buffer_bytes: "(i32,i32,i32,i32,i32)->i32",
  proxy_get_buffer_status: "(i32,i32,i32)->i32",
  proxy_send_local_response: "(i32,i32,i32,i32,i32,i32,i32,i32)->i32",
  proxy_continue_stream: "(i32)->i32",
  proxy_close_stream: "(i32)->i32",
  proxy_http_call: "(i32,i32,i32,i32,i32,i32,i32,i32,i32,i32)->i32",
  proxy_grpc_call: "(i32,i32,i32,i32,i32,i32,i32,i32,i32,i32,i32,i32)->i32",
  proxy_grpc_stream: "(i32,i32,i32,i32,i32,i32,i32,i32,i32)->i32",
  proxy_grpc_send: "(i32,i32,i32,i32)->i32",
  proxy_grpc_cancel: "(i32)->i32",
  proxy_grpc_close: "(i32)->i32",
  proxy_get_status: "(i32,i32,i32)->i32",
  proxy_get_shared_data: "(i32,i32,i32,i32,i32)->i32",
  proxy_set_shared_data: "(i32,i32,i32,i32,i32)->i32",
  proxy_register_shared_queue: "(i32,i32,i32)->i32",
  proxy_resolve_shared_queue: "(i32,i32,i32,i32,i32)->i32",
  proxy_dequeue_shared_queue: "(i32,i32,i32)->i32",
  proxy_enqueue_shared_queue: "(i32,i32,i32)->i32",
  proxy_define_metric: "(i32,i32,i32,i32)->i32",
  proxy_increment_metric: "(i32,i64)->i32",
  proxy_record_metric: "(i32,i64)->i32",
  proxy_get_metric: "(i32,i32)->i32",
  proxy_set_effective_context: "(i32)->i32",
  proxy_done: "()->i32",
  proxy_call_foreign_function: "(i32,i32,i32,i32,i32,i32)->i32",
  proxy_redis_init: "(i32,i32,i32,i32,i32,i32,i32)->i32",
  proxy_redis_call: "(i32,i32,i32,i32,i32)->i32",
  proxy_inject_encoded_data_to_filter_chain: "(i32,i32,i32)->i32",
  proxy_get_upstream_hosts: "(i32,i32)->i32",
  proxy_set_upstream_override_host: "(i32,i32)->i32",
};

/** proxy-wasm-abi.md §4.1: every callback and its wasm signature. */
const EXPORT_SIGNATURES = {
  proxy_abi_version_0_2_1: "()->()",
  _initialize: "()->()",
  malloc: "(i32)->i32",
  proxy_on_memory_allocate: "(i32)->i32",
  proxy_on_context_create: "(i32,i32)->()",
  proxy_on_vm_start: "(i32,i32)->i32",
  proxy_validate_configuration: "(i32,i32)->i32",
  proxy_on_configure: "(i32,i32)->i32",
  proxy_on_tick: "(i32)->()",
  proxy_on_queue_ready: "(i32,i32)->()",
  proxy_on_foreign_function: "(i32,i32,i32)->()",
  proxy_on_new_connection: "(i32)->i32",
  proxy_on_downstream_data: "(i32,i32,i32)->i32",
  proxy_on_upstream_data: "(i32,i32,i32)->i32",
  proxy_on_downstream_connection_close: "(i32,i32)->()",
  proxy_on_upstream_connection_close: "(i32,i32)->()",
  proxy_on_request_headers: "(i32,i32,i32)->i32",
  proxy_on_request_body: "(i32,i32,i32)->i32",
  proxy_on_request_trailers: "(i32,i32)->i32",
  proxy_on_request_metadata: "(i32,i32)->i32",
  proxy_on_response_headers: "(i32,i32,i32)->i32",
  proxy_on_response_body: "(i32,i32,i32)->i32",
  proxy_on_response_trailers: "(i32,i32)->i32",
  proxy_on_response_metadata: "(i32,i32)->i32",
  proxy_on_http_call_response: "(i32,i32,i32,i32,i32)->()",
  proxy_on_grpc_receive_initial_metadata: "(i32,i32,i32)->()",
  proxy_on_grpc_receive: "(i32,i32,i32)->()",
  proxy_on_grpc_receive_trailing_metadata: "(i32,i32,i32)->()",
  proxy_on_grpc_close: "(i32,i32,i32)->()",
  proxy_on_redis_call_response: "(i32,i32,i32,i32)->()",
  proxy_on_done: "(i32)->i32",
  proxy_on_log: "(i32)->()",
  proxy_on_delete: "(i32)->()",
};

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
