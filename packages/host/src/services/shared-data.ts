/** Shared key-value data with Envoy's compare-and-swap rules (`proxy_get/set_shared_data`). */
import { WasmResult } from "../abi/enums.js";

interface Entry {
  value: Uint8Array;
  cas: number;
}

/** One store per `vm_id`, surviving VM rebuilds as Envoy's process-wide store does. */
export class SharedData {
  private readonly entries = new Map<string, Entry>();
  private nextCas = 1;

  /** The value and its cas, if present. */
  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  /** `cas == 0` sets unconditionally; otherwise it must match the stored cas. Every set gets a fresh non-zero cas. */
  set(key: string, value: Uint8Array, cas: number): WasmResult {
    const entry = this.entries.get(key);
    if (cas !== 0 && entry !== undefined && entry.cas !== cas) return WasmResult.CasMismatch;
    this.entries.set(key, { value: value.slice(), cas: this.takeCas() });
    return WasmResult.Ok;
  }

  private takeCas(): number {
    const cas = this.nextCas;
    this.nextCas = this.nextCas >= 0xffffffff ? 1 : this.nextCas + 1;
    return cas;
  }
}
