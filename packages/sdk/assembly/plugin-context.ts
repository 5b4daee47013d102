// Go's `PluginContext`: what a plugin keeps per configuration in one VM, across requests.
import { RootContext } from "@higress-ts/proxy-wasm/assembly";
import { ContextValues } from "./context-values";
import { randomUuid, takeLease } from "./leader";

/**
 * The plugin (root) context: one per plugin configuration in each VM. Handlers reach it as
 * `HttpContext.plugin`; parsers given with `parseConfigWithContext` and the `prePluginStartOrReload` hook get it.
 */
export class PluginContext extends RootContext {
  private values: ContextValues = new ContextValues();
  private ruleLevelConfigIsolation: bool = false;
  private leader: bool = false;
  private vmID: string = "";

  /** Stores a per-plugin value; it lives across the requests of this VM. */
  setContext<T>(key: string, value: T): void {
    this.values.set<T>(key, value);
  }

  /** The per-plugin value under `key` if it was stored as a `T`, else `defaultValue`. */
  getContext<T>(key: string, defaultValue: T): T {
    return this.values.get<T>(key, defaultValue);
  }

  /** Whether a per-plugin value is stored under `key`. */
  hasContext(key: string): bool {
    return this.values.has(key);
  }

  /**
   * From now on a rule that fails to parse no longer fails the plugin: its last good config is used, or it is
   * skipped. Call it before the config is parsed, in `prePluginStartOrReload` (Go also allows a
   * `ParseConfigWithContext` parser; here that takes effect only from the next start).
   */
  enableRuleLevelConfigIsolation(): void {
    this.ruleLevelConfigIsolation = true;
  }

  /** Whether rule-level config isolation is on. */
  isRuleLevelConfigIsolation(): bool {
    return this.ruleLevelConfigIsolation;
  }

  /** The plugin's fingerprint; always "" (the Go wrapper never sets it either). */
  getFingerPrint(): string {
    return "";
  }

  /** Takes or renews the leader lease in shared data (every VM of the plugin competes; one wins for 60 s). */
  doLeaderElection(): void {
    if (this.vmID.length == 0) this.vmID = randomUuid();
    this.leader = takeLease(this.getFingerPrint(), this.vmID);
  }

  /** Whether this VM won the last `doLeaderElection`. */
  isLeader(): bool {
    return this.leader;
  }
}
