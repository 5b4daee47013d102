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
  return s.length > start && scanNumber(s, start) == s.length ? parseNumber(s.substring(start)) : 0;
}

// Powers of ten that are exact in an f64.
// @ts-ignore: decorator
@lazy const POW10: StaticArray<f64> = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
const MAX_EXACT_MANTISSA: u64 = 1 << 53;

/**
 * The f64 of a valid JSON number text. Correctly rounded when the digits form an integer below 2^53 and the
 * decimal exponent is within ±22 (Clinger's fast path: one exact operand, one rounding) — which covers config
 * values; other texts go to the standard library's `parseFloat`, which can be one ulp off.
 */
export function parseNumber(raw: string): f64 {
  const negative = raw.charCodeAt(0) == MINUS;
  let i = negative ? 1 : 0;
  let mantissa: u64 = 0;
  let digits = 0;
  let exponent = 0;
  let c = raw.charCodeAt(i);
  for (; isDigit(c); c = raw.charCodeAt(++i), digits++) mantissa = mantissa * 10 + <u64>(c - ZERO);
  if (c == DOT) {
    for (c = raw.charCodeAt(++i); isDigit(c); c = raw.charCodeAt(++i), digits++, exponent--) {
      mantissa = mantissa * 10 + <u64>(c - ZERO);
    }
  }
  if (c == LOWER_E || c == UPPER_E) {
    const written = raw.substring(i + 1);
    if (written.length > 5) return parseFloat(raw);
    exponent += I32.parseInt(written);
  }
  if (digits > 19 || mantissa > MAX_EXACT_MANTISSA || exponent < -22 || exponent > 22) return parseFloat(raw);
  const magnitude = exponent >= 0 ? <f64>mantissa * POW10[exponent] : <f64>mantissa / POW10[-exponent];
  return negative ? -magnitude : magnitude;
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
  if (i == raw.length) return true;
  const written = raw.substring(i + 1);
  if (written.length > 5) return written.charCodeAt(0) != MINUS;
  return power + I32.parseInt(written) >= -323;
}

/**
 * gjson's `Int` of a number text. An integer text is exact (gjson tries the float within ±2^53, then the digits,
 * which agree); other numbers are truncated toward zero, saturating where Go's conversion is platform-defined.
 */
export function numberToInt(raw: string): i64 {
  if (isInteger(raw)) return integerValue(raw);
  const value = parseNumber(raw);
  if (isNaN(value)) return 0;
  if (value >= 9223372036854775807.0) return i64.MAX_VALUE;
  if (value <= -9223372036854775808.0) return i64.MIN_VALUE;
  return <i64>value;
}

/**
 * `value` printed like Go's `strconv.FormatFloat(value, 'f', -1, 64)`: never an exponent. The digits are the
 * standard library's (Grisu2), which for rare values prints 17 digits where Go prints the shortest form
 * (1.25e22 → "12499999999999999000000", Go "12500000000000000000000").
 */
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
