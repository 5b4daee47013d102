// Go's ParseFloat, exact. The one decimal-to-binary float reader of the SDK: RESP replies use it, and so does the
// SDK's JSON reader (@higress-ts/sdk json/number.ts), which depends on this package; resp depends on nothing.
import { BIGNAT_BYTES, BigNat } from "./bignat";

/** Significant digits kept; enough to decide every rounding (a double's halfway points need at most 767). */
const MAX_DIGITS = 800;
// The digits and the bignum limbs; @lazy, so a module that never reads a float reserves none of them.
// @ts-ignore: decorator
@lazy const digits = memory.data(MAX_DIGITS);
// @ts-ignore: decorator
@lazy const valueLimbs = memory.data(BIGNAT_BYTES);
// @ts-ignore: decorator
@lazy const scaledLimbs = memory.data(BIGNAT_BYTES);
// @ts-ignore: decorator
@lazy const midpointLimbs = memory.data(BIGNAT_BYTES);
const MAX_FINITE_BITS: u64 = 0x7fefffffffffffff;

/**
 * Parses `bytes` as Go's `strconv.ParseFloat(s, 64)` does for decimal input, keeping the value Go resp keeps when
 * it ignores the error: `[+-]digits[.digits][(e|E)[+-]digits]` (`1.`, `.5` too), `inf`/`infinity` with an optional
 * sign and `nan` in any case; correctly rounded to nearest-even, ±Infinity on overflow; every other input gives 0.
 */
export function parseGoFloat(bytes: Uint8Array): f64 {
  // Every index read is tested against `length` first, so the reads are `unchecked` (no bounds test linked).
  const length = bytes.length;
  let i = 0;
  let negative = false;
  if (length > 0 && (unchecked(bytes[0]) == 0x2b || unchecked(bytes[0]) == 0x2d)) {
    negative = unchecked(bytes[0]) == 0x2d;
    i = 1;
  }
  if (spells(bytes, i, "inf") || spells(bytes, i, "infinity")) return negative ? -Infinity : Infinity;
  if (i == 0 && spells(bytes, 0, "nan")) return NaN;

  // value = 0.d1d2...dn × 10^point, plus `truncated` when nonzero digits beyond MAX_DIGITS were dropped
  let count = 0;
  let point = 0;
  let truncated = false;
  let sawDigit = false;
  let sawDot = false;
  for (; i < length; i++) {
    const c = unchecked(bytes[i]);
    if (c == 0x2e && !sawDot) {
      sawDot = true;
      continue;
    }
    if (<u32>c - 0x30 > 9) break;
    sawDigit = true;
    if (count == 0 && c == 0x30) {
      if (sawDot) point--;
      continue;
    }
    if (!sawDot) point++;
    if (count < MAX_DIGITS) store<u8>(digits + count++, c);
    else if (c != 0x30) truncated = true;
  }
  if (!sawDigit) return 0;
  if (i < length && (unchecked(bytes[i]) | 0x20) == 0x65) {
    i++;
    let exponentNegative = false;
    const sign = i < length ? unchecked(bytes[i]) : 0;
    if (sign == 0x2b || sign == 0x2d) {
      exponentNegative = sign == 0x2d;
      i++;
    }
    if (i == length) return 0;
    let exponent = 0;
    for (; i < length; i++) {
      const digit = <u32>unchecked(bytes[i]) - 0x30;
      if (digit > 9) return 0;
      if (exponent < 100000) exponent = exponent * 10 + digit;
    }
    point += exponentNegative ? -exponent : exponent;
  }
  if (i < length) return 0;
  const magnitude = count == 0 ? 0 : nearest(count, point - count, truncated);
  return negative ? -magnitude : magnitude;
}

/** True when `bytes` from `from` to its end spell the lower-case ASCII `word`, in any case. */
function spells(bytes: Uint8Array, from: i32, word: string): bool {
  if (bytes.length - from != word.length) return false;
  for (let i = 0; i < word.length; i++) {
    if ((unchecked(bytes[from + i]) | 0x20) != word.charCodeAt(i)) return false;
  }
  return true;
}

/** The double nearest to D × 10^exponent, D the `count` digits at `digits` (plus a sticky tail if `truncated`). */
function nearest(count: i32, exponent: i32, truncated: bool): f64 {
  if (count + exponent > 310) return Infinity;
  if (count + exponent < -324) return 0;
  const used = min(count, 19);
  const guess = scaleByPowerOfTen(<f64>leadingDigits(used), exponent + count - used);
  // Exact operands, one rounding (Clinger's fast path).
  if (count <= 15 && !truncated && exponent >= -22 && exponent <= 22) return guess;
  // The guess is within a few units in the last place: exact comparisons against the halfway points around it.
  let bits = min(reinterpret<u64>(guess), MAX_FINITE_BITS + 1);
  const value = new BigNat(valueLimbs).setDigits(digits, count);
  while (bits <= MAX_FINITE_BITS) {
    const side = compareToMidpointAbove(value, exponent, truncated, bits);
    if (side < 0 || (side == 0 && (bits & 1) == 0)) break;
    bits++;
  }
  while (bits > 0) {
    const side = compareToMidpointAbove(value, exponent, truncated, bits - 1);
    if (side > 0 || (side == 0 && (bits & 1) == 0)) break;
    bits--;
  }
  return reinterpret<f64>(bits);
}

/**
 * Compares value × 10^exponent (plus a sticky tail if `truncated`) with the point halfway between the double with
 * `bits` and the next one up (for the largest double, as if 2^1024 came next): -1, 0 or 1.
 */
function compareToMidpointAbove(value: BigNat, exponent: i32, truncated: bool, bits: u64): i32 {
  const field = <i32>(bits >> 52);
  const fraction = bits & 0xfffffffffffff;
  const significand = field == 0 ? fraction : fraction | 0x10000000000000;
  const binaryExponent = (field == 0 ? 1 : field) - 1075;
  // value × 5^e × 2^e  versus  (2 × significand + 1) × 2^(binaryExponent - 1)
  const x = new BigNat(scaledLimbs).set(value);
  const y = new BigNat(midpointLimbs).setU64(significand * 2 + 1);
  if (exponent >= 0) x.multiplyPow5(exponent);
  else y.multiplyPow5(-exponent);
  const twos = exponent - (binaryExponent - 1);
  if (twos > 0) x.shiftLeft(twos);
  else y.shiftLeft(-twos);
  const side = x.compare(y);
  return side == 0 && truncated ? 1 : side;
}

/** The first `count` (at most 19) digits at `digits` as an integer. */
function leadingDigits(count: i32): u64 {
  let value: u64 = 0;
  for (let i = 0; i < count; i++) value = value * 10 + (load<u8>(digits + i) - 0x30);
  return value;
}

/**
 * value × 10^exponent in floating point: exact when both are exact and |exponent| <= 22, else within a few units in
 * the last place (each step by the exact 1e22 rounds once).
 */
function scaleByPowerOfTen(value: f64, exponent: i32): f64 {
  for (; exponent > 22; exponent -= 22) value *= 1e22;
  for (; exponent < -22; exponent += 22) value /= 1e22;
  let power = 1.0;
  for (let i = exponent < 0 ? -exponent : exponent; i > 0; i--) power *= 10;
  return exponent < 0 ? value / power : value * power;
}
