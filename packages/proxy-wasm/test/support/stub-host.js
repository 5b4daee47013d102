// A stub host: enough of proxy-wasm's host side to drive a compiled module from a test.

/**
 * Instantiates `bytes` and runs `_initialize`. Every import answers Ok except the `overrides`, each called as
 * `(host, ...args)`; `proxy_log` lines are kept in `host.logs` as [level, text]. `host.text(ptr, size)` reads
 * UTF-8 from the module's memory; `host.exports` are the module's exports.
 */
export function instantiate(bytes, overrides = {}) {
  const module = new WebAssembly.Module(bytes);
  const host = { logs: [] };
  const text = (ptr, size) => Buffer.from(host.exports.memory.buffer, ptr, size).toString("utf8");
  const env = {};
  for (const { name } of WebAssembly.Module.imports(module)) {
    env[name] = (...args) => (overrides[name] ? overrides[name](host, ...args) : 0);
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
export function hostReturns(host, value, dataSlot, sizeSlot) {
  const bytes = Buffer.from(value);
  const ptr = host.exports.malloc(bytes.length);
  new Uint8Array(host.exports.memory.buffer, ptr, bytes.length).set(bytes);
  const view = new DataView(host.exports.memory.buffer);
  view.setUint32(dataSlot, ptr, true);
  view.setUint32(sizeSlot, bytes.length, true);
  return 0;
}
