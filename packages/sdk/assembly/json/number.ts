// Numbers as gjson reads and prints them: integers exactly on 64 bits, floats in Go's 'f' -1 format.
import { DOT, LOWER_E, MINUS, PLUS, UPPER_E, ZERO, isDigit } from "./chars";

/** The end of the JSON number (RFC 8259 grammar) starting at `i`, or `~index` of the first offending code unit. */
export function scanNumber(text: string, i: i32): i32 {
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
  return s.length > start && scanNumber(s, start) == s.length ? parseFloat(s.substring(start)) : 0;
}

const MAX_SAFE_INTEGER: f64 = 9007199254740991;

/** gjson's integer of a number: exact float within ±2^53, else the integer text, else a saturating conversion. */
export function numberToInt(raw: string, value: f64): i64 {
  if (value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER) return <i64>value;
  if (isInteger(raw)) return integerValue(raw);
  if (isNaN(value)) return 0;
  if (value >= 9223372036854775807.0) return i64.MAX_VALUE;
  if (value <= -9223372036854775808.0) return i64.MIN_VALUE;
  return <i64>value;
}

/** `value` printed like Go's `strconv.FormatFloat(value, 'f', -1, 64)`: shortest digits, never an exponent. */
export function formatFloat(value: f64): string {
  if (isNaN(value)) return "NaN";
  if (!isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  const shortest = value.toString();
  const e = shortest.indexOf("e");
  if (e < 0) return shortest.endsWith(".0") ? shortest.substring(0, shortest.length - 2) : shortest;
  const negative = shortest.charCodeAt(0) == MINUS;
  const mantissa = shortest.substring(negative ? 1 : 0, e);
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
  const pointAt = (dot < 0 ? mantissa.length : dot) + I32.parseInt(shortest.substring(e + 1));
  let plain: string;
  if (pointAt <= 0) plain = "0." + "0".repeat(-pointAt) + digits;
  else if (pointAt >= digits.length) plain = digits + "0".repeat(pointAt - digits.length);
  else plain = digits.substring(0, pointAt) + "." + digits.substring(pointAt);
  return negative ? "-" + plain : plain;
}
