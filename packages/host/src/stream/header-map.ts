/** An Envoy header map: lower-cased keys, ordered entries, pseudo-headers first, duplicates allowed. */
import type { HeaderPairs } from "../abi/pairs.js";

const encoder = new TextEncoder();

/** Header entries with Envoy's `HeaderMapImpl` semantics for the operations proxy-wasm exposes. */
export class HeaderMap {
  private entries: Array<[string, string]> = [];

  constructor(pairs: HeaderPairs = []) {
    for (const [k, v] of pairs) this.add(k, v);
  }

  /** Number of entries, pseudo-headers included (what `num_headers` counts). */
  get size(): number {
    return this.entries.length;
  }

  /** Envoy `byteSize()`: the sum of key and value bytes. */
  get byteSize(): number {
    return this.entries.reduce((n, [k, v]) => n + encoder.encode(k).length + encoder.encode(v).length, 0);
  }

  /** The first value of `key` (Envoy returns only the first), if any. */
  get(key: string): string | undefined {
    const k = key.toLowerCase();
    return this.entries.find(([name]) => name === k)?.[1];
  }

  /** Every value of `key`, in order. */
  getAll(key: string): string[] {
    const k = key.toLowerCase();
    return this.entries.filter(([name]) => name === k).map(([, v]) => v);
  }

  /** Envoy `addCopy`: another entry, pseudo-headers kept ahead of regular ones. */
  add(key: string, value: string): void {
    const k = key.toLowerCase();
    if (k.startsWith(":")) {
      const firstRegular = this.entries.findIndex(([name]) => !name.startsWith(":"));
      this.entries.splice(firstRegular < 0 ? this.entries.length : firstRegular, 0, [k, value]);
    } else {
      this.entries.push([k, value]);
    }
  }

  /** Envoy `setCopy` (with `http_set_copy_replace_all_headers`): remove every entry of `key`, then add one. */
  set(key: string, value: string): void {
    this.remove(key);
    this.add(key, value);
  }

  /** Removes every entry of `key`. */
  remove(key: string): void {
    const k = key.toLowerCase();
    this.entries = this.entries.filter(([name]) => name !== k);
  }

  /** Replaces all entries (proxy_set_header_map_pairs: clear, then add each). */
  replaceAll(pairs: HeaderPairs): void {
    this.entries = [];
    for (const [k, v] of pairs) this.add(k, v);
  }

  /** The entries as pairs, in order. */
  pairs(): HeaderPairs {
    return this.entries.map(([k, v]) => [k, v] as const);
  }
}
