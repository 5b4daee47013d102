// Values by key of any type, the AssemblyScript form of Go's `map[string]interface{}` behind
// `HttpContext.SetContext` and `PluginContext.SetContext`: each value is boxed with its static type, and a typed
// read gives the value only when it was stored with that type (Go's `value.(T)`).

/** A stored value; `Boxed<T>` says its type. */
abstract class Value {}

class Boxed<T> extends Value {
  constructor(public value: T) {
    super();
  }
}

/** Values by key; reads name the type they expect and get a default when the key is absent or typed otherwise. */
export class ContextValues {
  private values: Map<string, Value> | null = null;

  /** Stores `value` under `key`, replacing any previous value whatever its type. */
  set<T>(key: string, value: T): void {
    let values = this.values;
    if (values === null) this.values = values = new Map<string, Value>();
    values.set(key, new Boxed<T>(value));
  }

  /** Whether a value of any type is stored under `key`. */
  has(key: string): bool {
    const values = this.values;
    return values !== null && values.has(key);
  }

  /** Whether the value under `key` was stored as a `T`. */
  holds<T>(key: string): bool {
    const values = this.values;
    return values !== null && values.has(key) && values.get(key) instanceof Boxed<T>;
  }

  /** The value under `key` if it was stored as a `T`, else `defaultValue`. */
  get<T>(key: string, defaultValue: T): T {
    return this.holds<T>(key) ? changetype<Boxed<T>>(this.values!.get(key)).value : defaultValue;
  }

  /** An integer under `key` stored as `i64` or `i32` (a literal's default type), else `defaultValue`. */
  getInt(key: string, defaultValue: i64): i64 {
    if (this.holds<i32>(key)) return <i64>this.get<i32>(key, 0);
    return this.get<i64>(key, defaultValue);
  }

  /** Removes the value under `key`. */
  delete(key: string): void {
    const values = this.values;
    if (values !== null) values.delete(key);
  }
}
