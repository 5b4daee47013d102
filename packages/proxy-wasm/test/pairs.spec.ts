import { deserializePairs, Pair, serializePairs } from "../assembly/serde/pairs";

/** Bytes of the ABI reference's test vector {"a": "1", "b": "22"} (§5.1). */
function vector(): ArrayBuffer {
  const bytes: u8[] = [
    0x02, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
    0x61, 0x00, 0x31, 0x00,
    0x62, 0x00, 0x32, 0x32, 0x00,
  ];
  return bufferOf(bytes);
}

function bufferOf(bytes: u8[]): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes.length);
  const view = Uint8Array.wrap(buffer);
  for (let i = 0; i < bytes.length; i++) view[i] = bytes[i];
  return buffer;
}

function bytesOf(buffer: ArrayBuffer): u8[] {
  const view = Uint8Array.wrap(buffer);
  const bytes = new Array<u8>(view.length);
  for (let i = 0; i < view.length; i++) bytes[i] = view[i];
  return bytes;
}

/** Whether parsing gives the malformed-input answer (as-pect cannot reflect arrays of classes). */
function isMalformed(buffer: ArrayBuffer): bool {
  return deserializePairs(buffer) === null;
}

/** The vector with one byte changed. */
function vectorWith(index: i32, value: u8): ArrayBuffer {
  const bytes = bytesOf(vector());
  bytes[index] = value;
  return bufferOf(bytes);
}

describe("serializePairs", () => {
  it("writes the reference test vector byte for byte", () => {
    const encoded = serializePairs([Pair.of("a", "1"), Pair.of("b", "22")]);
    expect(bytesOf(encoded)).toStrictEqual(bytesOf(vector()));
  });

  it("sends an empty map as zero bytes", () => {
    expect(serializePairs([]).byteLength).toBe(0);
  });

  it("keeps empty values and multi-byte UTF-8", () => {
    const encoded = serializePairs([Pair.of("x-empty", ""), Pair.of("x-name", "héllo wörld")]);
    const pairs = deserializePairs(encoded)!;
    expect(pairs.length).toBe(2);
    expect(pairs[0].keyText()).toBe("x-empty");
    expect(pairs[0].valueText()).toBe("");
    expect(pairs[1].keyText()).toBe("x-name");
    expect(pairs[1].valueText()).toBe("héllo wörld");
  });

  it("keeps duplicate keys in order", () => {
    const pairs = deserializePairs(serializePairs([Pair.of("k", "1"), Pair.of("k", "2")]))!;
    expect(pairs[0].valueText()).toBe("1");
    expect(pairs[1].valueText()).toBe("2");
  });
});

describe("deserializePairs", () => {
  it("reads the reference test vector", () => {
    const pairs = deserializePairs(vector())!;
    expect(pairs.length).toBe(2);
    expect(pairs[0].keyText()).toBe("a");
    expect(pairs[0].valueText()).toBe("1");
    expect(pairs[1].keyText()).toBe("b");
    expect(pairs[1].valueText()).toBe("22");
  });

  it("reads zero bytes as an empty map", () => {
    expect(deserializePairs(new ArrayBuffer(0))!.length).toBe(0);
  });

  it("reads a zero count as an empty map", () => {
    expect(deserializePairs(bufferOf([0, 0, 0, 0]))!.length).toBe(0);
  });

  it("rejects a header shorter than the count", () => {
    expect(isMalformed(bufferOf([2, 0, 0]))).toBe(true);
  });

  it("rejects a count the size table cannot hold", () => {
    expect(isMalformed(vectorWith(0, 200))).toBe(true);
    expect(isMalformed(bufferOf([0xff, 0xff, 0xff, 0xff]))).toBe(true);
  });

  it("rejects a length running past the end", () => {
    expect(isMalformed(vectorWith(16, 9))).toBe(true);
    expect(isMalformed(vectorWith(7, 0x80))).toBe(true);
  });

  it("rejects a missing NUL terminator", () => {
    expect(isMalformed(vectorWith(21, 0x20))).toBe(true);
    expect(isMalformed(vectorWith(28, 0x20))).toBe(true);
  });

  it("rejects trailing bytes", () => {
    const bytes = bytesOf(vector());
    bytes.push(0);
    expect(isMalformed(bufferOf(bytes))).toBe(true);
  });

  it("rejects a truncated buffer", () => {
    const bytes = bytesOf(vector());
    bytes.pop();
    expect(isMalformed(bufferOf(bytes))).toBe(true);
  });
});
