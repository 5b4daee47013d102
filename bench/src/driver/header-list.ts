/** A header map as the lean driver keeps it: ordered pairs, names lower-cased, duplicates kept. */

/** One header. */
export type Header = [name: string, value: string];

/** An HTTP header map (request, response, or a callout's answer). */
export class HeaderList {
  constructor(readonly pairs: Header[]) {}

  /** A copy of `pairs` the plugin may change without touching the original. */
  static copyOf(pairs: ReadonlyArray<readonly [string, string]>): HeaderList {
    return new HeaderList(pairs.map(([name, value]): Header => [name, value]));
  }

  get size(): number {
    return this.pairs.length;
  }

  /** The first value of `name`. */
  get(name: string): string | undefined {
    const key = name.toLowerCase();
    for (const [k, v] of this.pairs) if (k === key) return v;
    return undefined;
  }

  /** Appends a value. */
  add(name: string, value: string): void {
    this.pairs.push([name.toLowerCase(), value]);
  }

  /** Replaces every value of `name` with one (appends when absent). */
  replace(name: string, value: string): void {
    this.remove(name);
    this.add(name, value);
  }

  /** Removes every value of `name`. */
  remove(name: string): void {
    const key = name.toLowerCase();
    for (let i = this.pairs.length - 1; i >= 0; i--) if (this.pairs[i]![0] === key) this.pairs.splice(i, 1);
  }

  /** Replaces the whole map. */
  replaceAll(pairs: ReadonlyArray<readonly [string, string]>): void {
    this.pairs.length = 0;
    for (const [name, value] of pairs) this.add(name, value);
  }
}
