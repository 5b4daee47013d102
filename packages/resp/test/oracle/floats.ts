// Go's float text as the node:test suite sees it: the exact writer and reader behind strings, compiled with asc's
// ESM bindings so that test/float-oracle.test.js can hold them against V8's own exact conversions.
import { GoFloatFormat, MAX_FIXED_FLOAT_LENGTH, writeGoFloat } from "../../assembly/float-format";
import { parseGoFloat } from "../../assembly/float-parse";

const buffer = memory.data(MAX_FIXED_FLOAT_LENGTH);

/** `value` as Go's `strconv.FormatFloat(value, fixed ? 'f' : 'g', -1, 64)`. */
export function format(value: f64, fixed: bool): string {
  const length = writeGoFloat(buffer, value, fixed ? GoFloatFormat.Fixed : GoFloatFormat.General);
  return String.UTF8.decodeUnsafe(buffer, length);
}

/** `text` as Go's `strconv.ParseFloat(text, 64)`, 0 where Go reports an error. */
export function parse(text: string): f64 {
  return parseGoFloat(Uint8Array.wrap(String.UTF8.encode(text)));
}
