// Compiled fixtures driven through a stub host: context dispatch, values returned through malloc, abort.
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "./support/build.js";
import { hostReturns, instantiate } from "./support/stub-host.js";

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

test("a root context without HTTP contexts creates TCP ones, and receives callout answers", async () => {
  const host = instantiate(await build("tcp"));
  const { exports } = host;
  exports.proxy_on_context_create(1, 0);
  exports.proxy_on_context_create(2, 1);
  assert.equal(exports.proxy_on_new_connection(2), 0);
  assert.equal(exports.proxy_on_downstream_data(2, 10, 0), 1);
  assert.equal(exports.proxy_on_downstream_data(2, 3, 1), 0);
  assert.equal(exports.proxy_on_request_headers(2, 3, 1), 0, "not an HTTP context: Continue");
  exports.proxy_on_http_call_response(1, 4, 0, 0, 0);
  exports.proxy_on_http_call_response(1, 8, 3, 10, 0);
  assert.deepEqual(host.logs, [[2, "callout 4 failed"], [2, "callout 8 answered"]]);
  assert.equal(exports.proxy_on_done(2), 1);
  assert.equal(exports.proxy_on_done(1), 0, "the root context's own answer");
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

test("memory stays flat over many requests (contexts collected, returned blocks freed)", async () => {
  const host = instantiate(await build("headers"), {
    proxy_get_header_map_value: (h, map, keyPtr, keySize, dataSlot, sizeSlot) =>
      hostReturns(h, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36", dataSlot, sizeSlot),
  });
  const { exports } = host;
  exports.proxy_on_context_create(1, 0);
  let next = 2;
  const requests = (count) => {
    for (let end = next + count; next < end; next++) {
      exports.proxy_on_context_create(next, 1);
      exports.proxy_on_request_headers(next, 8, 1);
      exports.proxy_on_log(next);
      exports.proxy_on_done(next);
      exports.proxy_on_delete(next);
    }
  };
  requests(2000);
  const bytes = exports.memory.buffer.byteLength;
  requests(50000);
  assert.equal(exports.memory.buffer.byteLength, bytes);
});
