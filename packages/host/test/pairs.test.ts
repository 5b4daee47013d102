import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PAIRS_MAX_COUNT, parsePairs, serializePairs } from "../src/abi/pairs.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("pairs codec", () => {
  it("serializes the ABI test vector {a: 1, b: 22}", () => {
    const bytes = serializePairs([["a", "1"], ["b", "22"]]);
    assert.equal(hex(bytes), "02000000" + "0100000001000000" + "0100000002000000" + "61003100" + "6200323200");
    assert.deepEqual(parsePairs(bytes), { pairs: [["a", "1"], ["b", "22"]] });
  });

  it("keeps duplicates, empty values and UTF-8", () => {
    const pairs = [["set-cookie", "a"], ["set-cookie", ""], ["x-名", "值"]] as const;
    assert.deepEqual(parsePairs(serializePairs([...pairs])).pairs, pairs);
  });

  it("reads an empty buffer and a lone NUL as an empty map without complaint", () => {
    assert.deepEqual(parsePairs(new Uint8Array(0)), { pairs: [] });
    assert.deepEqual(parsePairs(Uint8Array.of(0)), { pairs: [] });
    assert.equal(hex(serializePairs([])), "00000000");
  });

  it("turns every malformed buffer into an empty map, as cpp-host does, and says why", () => {
    const good = serializePairs([["a", "1"]]);
    const cases: Array<[string, Uint8Array]> = [
      ["short", Uint8Array.of(1, 0)],
      ["count", (() => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, PAIRS_MAX_COUNT + 1, true); return b; })()],
      ["size table", Uint8Array.of(2, 0, 0, 0, 1, 0, 0, 0)],
      ["overrun", good.subarray(0, good.length - 1)],
      ["terminator", Uint8Array.from(good, (b, i) => (i === good.length - 1 ? 0x41 : b))],
      ["trailing", Uint8Array.of(...good, 0)],
    ];
    for (const [what, bytes] of cases) {
      const parsed = parsePairs(bytes);
      assert.deepEqual(parsed.pairs, [], what);
      assert.ok(parsed.malformed !== undefined && parsed.malformed.length > 0, what);
    }
  });
});
