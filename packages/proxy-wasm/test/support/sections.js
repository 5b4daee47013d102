// Reads what WebAssembly.Module does not tell: section ids and function signatures.
import assert from "node:assert/strict";

/** Section ids in order (id 8 is a start section, which would run before Envoy has a context). */
export function sectionIds(bytes) {
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
export function signatures(bytes) {
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
