// Numbers as gjson reads and prints them: integers exactly on 64 bits, floats in Go's 'f' -1 format. Float text goes
// through @higress-ts/resp's exact ParseFloat/FormatFloat, the one float code a module links (RESP needs it, and the
// SDK depends on resp, not the reverse); AssemblyScript's parseFloat and toString are neither exact nor smaller.
import {
  GoFloatFormat, MAX_FIXED_FLOAT_LENGTH, parseGoFloat, writeGoFloat,
} from "@higress-ts/resp/assembly/index";
import { DOT, LOWER_E, MINUS, PLUS, UPPER_E, ZERO, isDigit } from "./chars";

/** The end of the JSON number (RFC 8259 grammar) starting at `i`, or `~index` of the first offending code unit. */
function scanNumber(text: string, i: i32): i32 {
  if (text.charCodeAt(i) == MINUS) i++;
  if (text.charCodeAt(i) == ZERO) i++;
  else if (isDigit(text.charCodeAt(i))) i = digitsEnd(text, i);
  else return ~i;
  if (text.charCodeAt(i) == DOT) {
    if (!isDigit(text.charCodeAt(i + 1))) return ~(i + 1);
    i = digitsEnd(text, i + 1);
  }
  const e = text.charCodeAt(i);
  if (e == LOWER_E || e == UPPER_E) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign == PLUS || sign == MINUS) i++;
    if (!isDigit(text.charCodeAt(i))) return ~i;
    i = digitsEnd(text, i);
  }
  return i;
}

function digitsEnd(text: string, i: i32): i32 {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** Whether `s` is an optional '-' and at least one digit, nothing else (gjson's `parseInt` accepts exactly this). */
export function isInteger(s: string): bool {
  const start = s.charCodeAt(0) == MINUS ? 1 : 0;
  return start < s.length && digitsEnd(s, start) == s.length;
}

/** The value of an `isInteger` text; like Go, it wraps around beyond 64 bits. */
export function integerValue(s: string): i64 {
  const negative = s.charCodeAt(0) == MINUS;
  let n: i64 = 0;
  for (let i = negative ? 1 : 0; i < s.length; i++) n = n * 10 + <i64>(s.charCodeAt(i) - ZERO);
  return negative ? -n : n;
}

/** The float of a string in JSON number syntax (a leading '+' allowed), else 0, as Go's ParseFloat error path. */
export function parseNumberText(s: string): f64 {
  const start = s.charCodeAt(0) == PLUS ? 1 : 0;
  return s.length > start && scanNumber(s, start) == s.length ? parseNumber(s.substring(start)) : 0;
}

/** The f64 of a valid JSON number text, correctly rounded (Go's `strconv.ParseFloat`). */
export function parseNumber(raw: string): f64 {
  return parseGoFloat(Uint8Array.wrap(String.UTF8.encode(raw)));
}

/**
 * Whether a valid JSON number text is non-zero as an f64 (gjson `Bool` of a number), decided on the text so
 * that reading a bool does not link the float parser in. Magnitudes below 1e-323 count as zero (Go rounds
 * those between 2.47e-324 and 1e-323 to the smallest subnormal instead).
 */
export function numberIsNonZero(raw: string): bool {
  let i = raw.charCodeAt(0) == MINUS ? 1 : 0;
  let power = 0; // the decimal power of the first non-zero digit, before the exponent
  let found = false;
  let integerDigits = digitsEnd(raw, i) - i;
  for (let k = 0; k < integerDigits && !found; k++) {
    if (raw.charCodeAt(i + k) != ZERO) {
      found = true;
      power = integerDigits - 1 - k;
    }
  }
  i += integerDigits;
  if (raw.charCodeAt(i) == DOT) {
    const fractionEnd = digitsEnd(raw, ++i);
    for (let k = i; k < fractionEnd && !found; k++) {
      if (raw.charCodeAt(k) != ZERO) {
        found = true;
        power = i - k - 1;
      }
    }
    i = fractionEnd;
  }
  if (!found) return false;
  return i == raw.length || power + exponentValue(raw, i + 1) >= -323;
}

/** The exponent written from `i` to the end of `raw` (`[+-]digits`), saturating at ±100,000. */
function exponentValue(raw: string, i: i32): i32 {
  const sign = raw.charCodeAt(i);
  if (sign == PLUS || sign == MINUS) i++;
  let value = 0;
  for (; i < raw.length && value < 100000; i++) value = value * 10 + raw.charCodeAt(i) - ZERO;
  return sign == MINUS ? -value : value;
}

/**
 * gjson's `Int` of a number text. An integer text is exact (gjson tries the float within ±2^53, then the digits,
 * which agree); other numbers are truncated toward zero, saturating where Go's conversion is platform-defined.
 */
export function numberToInt(raw: string): i64 {
  if (isInteger(raw)) return integerValue(raw);
  const value = parseNumber(raw);
  if (value >= 9223372036854775807.0) return i64.MAX_VALUE;
  if (value <= -9223372036854775808.0) return i64.MIN_VALUE;
  return <i64>value;
}

/** `value` printed like Go's `strconv.FormatFloat(value, 'f', -1, 64)`: shortest digits, never an exponent. */
export function formatFloat(value: f64): string {
  return String.UTF8.decodeUnsafe(formatted, writeGoFloat(formatted, value, GoFloatFormat.Fixed));
}

// The text of `formatFloat` before it becomes a string.
// @ts-ignore: decorator
@lazy const formatted = memory.data(MAX_FIXED_FLOAT_LENGTH);
