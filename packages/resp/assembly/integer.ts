/** Writes `value` in decimal at `ptr` (as Go's `fmt.Sprint` does) and returns the number of bytes written. */
export function writeInteger(ptr: usize, value: i64): i32 {
  let magnitude = value < 0 ? 0 - <u64>value : <u64>value;
  let length = value < 0 ? 1 : 0;
  for (let rest = magnitude; rest >= 10; rest /= 10) length++;
  length++;
  if (value < 0) store<u8>(ptr, 0x2d);
  let at = ptr + <usize>length;
  do {
    store<u8>(--at, <u8>(0x30 + magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  return length;
}

/**
 * Parses `bytes` as Go's `strconv.ParseInt(s, 10, 64)` does, keeping the value Go resp keeps when it ignores the
 * error: an optional `+`/`-` and at least one decimal digit, nothing else; too large magnitudes clamp to the i64
 * range; every other input gives 0.
 */
export function parseGoInt(bytes: Uint8Array): i64 {
  const length = bytes.length;
  let i = 0;
  let negative = false;
  if (length > 0 && (bytes[0] == 0x2b || bytes[0] == 0x2d)) {
    negative = bytes[0] == 0x2d;
    i = 1;
  }
  if (i == length) return 0;
  const limit: u64 = negative ? 0x8000000000000000 : 0x7fffffffffffffff;
  let magnitude: u64 = 0;
  let clamped = false;
  for (; i < length; i++) {
    const digit = <u32>bytes[i] - 0x30;
    if (digit > 9) return 0;
    if (!clamped && magnitude > (limit - digit) / 10) clamped = true;
    if (!clamped) magnitude = magnitude * 10 + digit;
  }
  if (clamped) magnitude = limit;
  return negative ? <i64>(0 - magnitude) : <i64>magnitude;
}
