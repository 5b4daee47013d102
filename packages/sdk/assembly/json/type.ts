/**
 * The kind of a JSON value, numbered as gjson's `Type`: a missing value is `Null` with an empty raw text,
 * so `Null` alone does not tell "absent" from `null` — use `JsonValue.exists()`.
 */
export enum JsonType {
  Null = 0,
  False = 1,
  Number = 2,
  String = 3,
  True = 4,
  /** An object or an array. */
  JSON = 5,
}
