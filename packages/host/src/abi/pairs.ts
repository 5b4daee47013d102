/** The proxy-wasm "pairs" serialization of header maps (reference §5), parsed with cpp-host's limits. */

/** Header or metadata entries in order; keys and values are UTF-8 text. */
export type HeaderPairs = Array<readonly [string, string]>;

/** cpp-host `PROXY_WASM_HOST_PAIRS_MAX_BYTES`. */
export const PAIRS_MAX_BYTES = 1024 * 1024;
/** cpp-host `PROXY_WASM_HOST_PAIRS_MAX_COUNT`. */
export const PAIRS_MAX_COUNT = 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Serializes pairs: u32 N, N × (u32 key length, u32 value length), then each key and value NUL-terminated. */
export function serializePairs(pairs: HeaderPairs): Uint8Array {
  const encoded = pairs.map(([k, v]) => [encoder.encode(k), encoder.encode(v)] as const);
  const size = encoded.reduce((sum, [k, v]) => sum + 8 + k.length + 1 + v.length + 1, 4);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, encoded.length, true);
  let pos = 4;
  for (const [k, v] of encoded) {
    view.setUint32(pos, k.length, true);
    view.setUint32(pos + 4, v.length, true);
    pos += 8;
  }
  for (const [k, v] of encoded) {
    out.set(k, pos);
    pos += k.length + 1;
    out.set(v, pos);
    pos += v.length + 1;
  }
  return out;
}

/**
 * The result of parsing pairs. cpp-host turns every malformed buffer into an empty list without a
 * word; `malformed` says why, so the host can behave as Envoy (empty) and still tell the author.
 */
export type PairsParse = { pairs: HeaderPairs; malformed?: string };

/** Parses pairs exactly as strictly as cpp-host `PairsUtil::toPairs`; an empty buffer (or a lone `0x00`) is an empty map. */
export function parsePairs(data: Uint8Array): PairsParse {
  if (data.length === 0 || (data.length === 1 && data[0] === 0)) return { pairs: [] };
  const fail = (malformed: string): PairsParse => ({ pairs: [], malformed });
  if (data.length > PAIRS_MAX_BYTES) return fail(`size ${data.length} exceeds ${PAIRS_MAX_BYTES} bytes`);
  if (data.length < 4) return fail(`size ${data.length} is shorter than the 4-byte count`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getUint32(0, true);
  if (count > PAIRS_MAX_COUNT) return fail(`count ${count} exceeds ${PAIRS_MAX_COUNT}`);
  if (4 + count * 8 > data.length) return fail(`size table of ${count} pairs overruns the buffer`);
  const pairs: Array<readonly [string, string]> = [];
  let pos = 4 + count * 8;
  const take = (length: number): string | undefined => {
    if (pos + length + 1 > data.length) return undefined;
    if (data[pos + length] !== 0) return undefined;
    const text = decoder.decode(data.subarray(pos, pos + length));
    pos += length + 1;
    return text;
  };
  for (let i = 0; i < count; i++) {
    const key = take(view.getUint32(4 + i * 8, true));
    if (key === undefined) return fail(`key ${i} overruns the buffer or lacks its NUL terminator`);
    const value = take(view.getUint32(8 + i * 8, true));
    if (value === undefined) return fail(`value ${i} overruns the buffer or lacks its NUL terminator`);
    pairs.push([key, value]);
  }
  if (pos !== data.length) return fail(`${data.length - pos} trailing bytes after ${count} pairs`);
  return { pairs };
}
