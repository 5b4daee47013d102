import { serializePropertyPath } from "../assembly/serde/path";

function text(buffer: ArrayBuffer): string {
  return String.UTF8.decode(buffer);
}

describe("serializePropertyPath", () => {
  it("joins segments with NUL and adds no trailing NUL", () => {
    const encoded = serializePropertyPath(["request", "headers", "user-agent"]);
    expect(encoded.byteLength).toBe(26);
    expect(text(encoded)).toBe("request\0headers\0user-agent");
  });

  it("writes a single segment as is", () => {
    expect(text(serializePropertyPath(["plugin_root_id"]))).toBe("plugin_root_id");
  });

  it("writes no bytes for an empty path", () => {
    expect(serializePropertyPath([]).byteLength).toBe(0);
  });

  it("encodes segments as UTF-8", () => {
    const encoded = serializePropertyPath(["metadata", "clé"]);
    expect(encoded.byteLength).toBe(13);
    expect(text(encoded)).toBe("metadata\0clé");
  });

  it("keeps empty segments", () => {
    expect(text(serializePropertyPath(["a", "", "b"]))).toBe("a\0\0b");
  });
});
