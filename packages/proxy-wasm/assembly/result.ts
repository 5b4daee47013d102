// What the typed host calls return: the host's status together with the value it produced.
import { Status } from "./types";

/** A host call's `status` and its `value` (meaningful only when `ok`). */
export class Result<T> {
  constructor(public status: Status, public value: T) {}

  /** Whether the host answered `Status.Ok`. */
  get ok(): bool {
    return this.status == Status.Ok;
  }
}

/** A host call that returns bytes: `value` is `null` unless `ok`; an empty value is an empty buffer. */
export class BytesResult extends Result<ArrayBuffer | null> {
  /** The value decoded from UTF-8, or `null` unless `ok`. */
  text(): string | null {
    const bytes = this.value;
    return bytes === null ? null : String.UTF8.decode(bytes);
  }
}
