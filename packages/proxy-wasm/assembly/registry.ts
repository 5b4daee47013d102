// Which root context a new plugin gets: factories registered per root id. Pure (no host calls).
import { RootContext } from "./contexts/root";

/** Builds a plugin's root context for a context id. A plain function: AssemblyScript has no closures. */
export type RootContextFactory = (contextId: u32) => RootContext;

class Registration {
  constructor(public rootId: ArrayBuffer, public factory: RootContextFactory) {}
}

/**
 * The root context factories of a module, by root id (Envoy `root_id`; Istio/Higress set it to the plugin
 * name). Root ids are kept and compared as UTF-8 bytes, as the host's `plugin_root_id` property gives them.
 */
export class RootContextRegistry {
  private registrations: Registration[] = [];

  /** Registers `factory` for `rootId`; a later registration for the same id replaces it. */
  register(rootId: string, factory: RootContextFactory): void {
    const id = String.UTF8.encode(rootId);
    const index = this.indexOf(id);
    if (index < 0) this.registrations.push(new Registration(id, factory));
    else unchecked(this.registrations[index]).factory = factory;
  }

  /**
   * The factory for `rootId`. When no factory has that id (Higress may leave it empty) and exactly one plugin
   * is registered, that one; otherwise null.
   */
  select(rootId: ArrayBuffer): RootContextFactory | null {
    const index = this.indexOf(rootId);
    if (index >= 0) return unchecked(this.registrations[index]).factory;
    return this.registrations.length == 1 ? unchecked(this.registrations[0]).factory : null;
  }

  private indexOf(rootId: ArrayBuffer): i32 {
    const size = rootId.byteLength;
    for (let i = 0, n = this.registrations.length; i < n; i++) {
      const id = unchecked(this.registrations[i]).rootId;
      if (id.byteLength == size && memory.compare(changetype<usize>(id), changetype<usize>(rootId), size) == 0) {
        return i;
      }
    }
    return -1;
  }
}
