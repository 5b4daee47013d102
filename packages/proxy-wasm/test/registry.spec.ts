import { RootContext } from "../assembly/contexts/root";
import { RootContextRegistry } from "../assembly/registry";

class PluginA extends RootContext {}
class PluginB extends RootContext {}

function pluginA(contextId: u32): RootContext {
  return new PluginA(contextId);
}

function pluginB(contextId: u32): RootContext {
  return new PluginB(contextId);
}

function rootId(text: string): ArrayBuffer {
  return String.UTF8.encode(text);
}

/** Which plugin `registry` builds for `id`: "A", "B" or "none". */
function built(registry: RootContextRegistry, id: string): string {
  const factory = registry.select(rootId(id));
  if (factory === null) return "none";
  const root = factory(7);
  expect(root.id).toBe(7);
  return root instanceof PluginA ? "A" : "B";
}

describe("RootContextRegistry", () => {
  it("selects nothing when no plugin is registered", () => {
    expect(built(new RootContextRegistry(), "")).toBe("none");
  });

  it("selects the factory registered for the root id", () => {
    const registry = new RootContextRegistry();
    registry.register("a", pluginA);
    registry.register("b", pluginB);
    expect(built(registry, "a")).toBe("A");
    expect(built(registry, "b")).toBe("B");
  });

  it("falls back to the only plugin when the root id is empty", () => {
    const registry = new RootContextRegistry();
    registry.register("b", pluginB);
    expect(built(registry, "")).toBe("B");
  });

  it("falls back to the only plugin when the root id is unknown", () => {
    const registry = new RootContextRegistry();
    registry.register("", pluginA);
    expect(built(registry, "my-plugin")).toBe("A");
  });

  it("selects nothing for an unknown root id among several plugins", () => {
    const registry = new RootContextRegistry();
    registry.register("a", pluginA);
    registry.register("b", pluginB);
    expect(built(registry, "c")).toBe("none");
    expect(built(registry, "")).toBe("none");
  });

  it("compares root ids exactly, byte for byte", () => {
    const registry = new RootContextRegistry();
    registry.register("a", pluginA);
    registry.register("ab", pluginB);
    expect(built(registry, "ab")).toBe("B");
    expect(built(registry, "a")).toBe("A");
    expect(built(registry, "A")).toBe("none");
  });

  it("lets a later registration replace one with the same root id", () => {
    const registry = new RootContextRegistry();
    registry.register("a", pluginA);
    registry.register("other", pluginA);
    registry.register("a", pluginB);
    expect(built(registry, "a")).toBe("B");
    expect(built(registry, "other")).toBe("A");
  });
});
