/**
 * A strict reader over a parsed YAML document: every field a caller does not take is an error naming its
 * path, as Envoy's proto validation rejects unknown fields instead of ignoring them.
 */

/** What is wrong with an envoy.yaml, and where (e.g. `static_resources.clusters[0].type`). */
export class EnvoyConfigError extends Error {
  constructor(
    /** The field's path in the document. */
    readonly path: string,
    /** What is wrong with it. */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

type Mapping = Readonly<Record<string, unknown>>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One YAML mapping being read; `finish()` refuses whatever was not read. */
export class FieldReader {
  private readonly taken = new Set<string>();

  private constructor(
    /** Where this mapping sits in the document. */
    readonly path: string,
    private readonly value: Mapping,
  ) {}

  /** Reads `value` as a mapping at `path`. */
  static of(path: string, value: unknown): FieldReader {
    if (!isMapping(value)) throw new EnvoyConfigError(path, "must be a mapping");
    return new FieldReader(path, value);
  }

  /** The path of a child field. */
  at(key: string): string {
    return this.path === "" ? key : `${this.path}.${key}`;
  }

  /** Whether the field is present (and not null). */
  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  /** The raw value of a field, marked as read. */
  raw(key: string): unknown {
    this.taken.add(key);
    const value = this.value[key];
    return value === null ? undefined : value;
  }

  /** A child mapping; `undefined` when absent. */
  optionalObject(key: string): FieldReader | undefined {
    const value = this.raw(key);
    return value === undefined ? undefined : FieldReader.of(this.at(key), value);
  }

  /** A required child mapping. */
  object(key: string): FieldReader {
    return this.optionalObject(key) ?? this.missing(key);
  }

  /** A list of mappings (empty when absent). */
  objects(key: string): FieldReader[] {
    return this.list(key).map((item, i) => FieldReader.of(`${this.at(key)}[${i}]`, item));
  }

  /** A list of strings (empty when absent). */
  strings(key: string): string[] {
    return this.list(key).map((item, i) => {
      if (typeof item !== "string") throw new EnvoyConfigError(`${this.at(key)}[${i}]`, "must be a string");
      return item;
    });
  }

  /** A free-form mapping of strings (e.g. `key_values`); empty when absent. */
  stringMap(key: string): Record<string, string> {
    const map = this.optionalObject(key);
    const result: Record<string, string> = {};
    for (const name of map?.keys() ?? []) result[name] = map!.string(name);
    return result;
  }

  /** The field names of this mapping. */
  keys(): string[] {
    return Object.keys(this.value);
  }

  /** A string field; `undefined` when absent. */
  optionalString(key: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw new EnvoyConfigError(this.at(key), "must be a string");
    return value;
  }

  /** A required string field. */
  string(key: string): string {
    return this.optionalString(key) ?? this.missing(key);
  }

  /** A string field that must be one of `allowed`. */
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.optionalString(key) ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new EnvoyConfigError(this.at(key), `"${value}" is not supported here (supported: ${allowed.join(", ")})`);
    }
    return value as T;
  }

  /** A non-negative integer field (YAML number or decimal string, as protobuf JSON allows). */
  optionalInteger(key: string): number | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
      throw new EnvoyConfigError(this.at(key), "must be a non-negative integer");
    }
    return n;
  }

  /** A boolean field. */
  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") throw new EnvoyConfigError(this.at(key), "must be true or false");
    return value;
  }

  /** A `google.protobuf.Duration` in its JSON form (`"30s"`, `"0.25s"`), in milliseconds. */
  optionalDurationMs(key: string): number | undefined {
    const value = this.optionalString(key);
    if (value === undefined) return undefined;
    const match = /^(\d+(?:\.\d{1,9})?)s$/.exec(value);
    if (match === null) throw new EnvoyConfigError(this.at(key), `"${value}" is not a duration such as "30s" or "0.5s"`);
    return Math.round(Number(match[1]) * 1000);
  }

  /** Refuses every field that was not read. */
  finish(): void {
    for (const key of Object.keys(this.value)) {
      if (!this.taken.has(key)) throw new EnvoyConfigError(this.at(key), "unknown or unsupported field");
    }
  }

  /** Fails for a required field that is absent. */
  missing(key: string): never {
    throw new EnvoyConfigError(this.at(key), "is required");
  }

  private list(key: string): unknown[] {
    const value = this.raw(key);
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new EnvoyConfigError(this.at(key), "must be a list");
    return value;
  }
}
