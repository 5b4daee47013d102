// Which root context a new plugin gets: factories registered per root id. Pure (no host calls).
import { RootContext } from "./contexts/root";

/** Builds a plugin's root context for a context id. A plain function: AssemblyScript has no closures. */
export type RootContextFactory = (contextId: u32) => RootContext;

class Registration {
  constructor(public rootId: ArrayBuffer, public factory: RootContextFactory, public next: Registration | null) {}
}

/**
 * The root context factories of a module, by root id (Envoy `root_id`; Istio/Higress set it to the plugin
 * name). Root ids are kept and compared as UTF-8 bytes, as the host's `plugin_root_id` property gives them.
 * A module registers a handful of plugins at most, so a list serves.
 */
export class RootContextRegistry {
  private first: Registration | null = null;

  /** Registers `factory` for `rootId`; a later registration for the same id replaces it. */
  register(rootId: string, factory: RootContextFactory): void {
    const id = String.UTF8.encode(rootId);
    const registration = this.find(id);
    if (registration === null) this.first = new Registration(id, factory, this.first);
    else registration.factory = factory;
  }

  /**
   * The factory for `rootId`. When no factory has that id (Higress may leave it empty) and exactly one plugin
   * is registered, that one; otherwise null.
   */
  select(rootId: ArrayBuffer): RootContextFactory | null {
    const registration = this.find(rootId);
    if (registration !== null) return registration.factory;
    const first = this.first;
    return first !== null && first.next === null ? first.factory : null;
  }

  private find(rootId: ArrayBuffer): Registration | null {
    const size = rootId.byteLength;
    let registration = this.first;
    while (registration !== null) {
      const id = registration.rootId;
      if (id.byteLength == size && memory.compare(changetype<usize>(id), changetype<usize>(rootId), size) == 0) break;
      registration = registration.next;
    }
    return registration;
  }
}
