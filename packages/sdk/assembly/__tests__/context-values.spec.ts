// Per-request and per-plugin values: Go's map[string]interface{} with typed reads.
import { ContextValues } from "../context-values";

describe("ContextValues", () => {
  it("gives a value back with the type it was stored with", () => {
    const values = new ContextValues();
    values.set("name", "alice");
    values.set<bool>("flag", true);
    values.set<i64>("count", 42);
    expect(values.get<string>("name", "none")).toBe("alice");
    expect(values.get<bool>("flag", false)).toBe(true);
    expect(values.get<i64>("count", 0)).toBe(42);
  });

  it("gives the default for an absent key or a value stored with another type", () => {
    const values = new ContextValues();
    values.set("name", "alice");
    expect(values.get<string>("missing", "none")).toBe("none");
    expect(values.get<bool>("name", false)).toBe(false);
    expect(values.has("name")).toBe(true);
    expect(values.has("missing")).toBe(false);
  });

  it("reads integers stored as i32 (a literal's type) or i64", () => {
    const values = new ContextValues();
    values.set("small", 7);
    values.set<i64>("big", 1 << 40);
    values.set<f64>("float", 1.5);
    expect(values.getInt("small", -1)).toBe(7);
    expect(values.getInt("big", -1)).toBe(1 << 40);
    expect(values.getInt("float", -1)).toBe(-1);
  });

  it("replaces a value whatever its type, and deletes", () => {
    const values = new ContextValues();
    values.set("k", 1);
    values.set("k", "now a string");
    expect(values.getInt("k", -1)).toBe(-1);
    expect(values.get<string>("k", "")).toBe("now a string");
    values.delete("k");
    expect(values.has("k")).toBe(false);
  });
});
