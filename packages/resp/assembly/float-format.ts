// Go's shortest float text, exact. The one binary-to-decimal float writer of the SDK: RESP command arguments use it,
// and so does the SDK's JSON reader (@higress-ts/sdk json/number.ts), which depends on this package; resp depends
// on nothing.
import { BIGNAT_BYTES, BigNat } from "./bignat";
import { writeInteger } from "./integer";

/** The `strconv.FormatFloat` formats `writeGoFloat` writes, always with the shortest digits (precision -1). */
export const enum GoFloatFormat {
  /** 'g', as `fmt.Sprint(float64)` (`%v`): an exponent when the decimal exponent is below -4 or at least 6. */
  General = 0x67,
  /** 'f': never an exponent (`1e21` is `1000000000000000000000`). */
  Fixed = 0x66,
}

/** The most bytes `writeGoFloat` writes in the General format, e.g. `-2.2250738585072014e-308`. */
export const MAX_FLOAT_LENGTH = 24;
/** The most bytes `writeGoFloat` writes in the Fixed format: `-0.` then 323 zeros and `5` for -5e-324. */
export const MAX_FIXED_FLOAT_LENGTH = 327;

// Exact decimals of a double and of the two midpoints around it never exceed 770 digits. The buffers are @lazy, so
// a module that never writes a float reserves none of them (static memory pushes every later address up).
const WIDTH = 800;
// @ts-ignore: decorator
@lazy const lower = memory.data(WIDTH);
// @ts-ignore: decorator
@lazy const exact = memory.data(WIDTH);
// @ts-ignore: decorator
@lazy const upper = memory.data(WIDTH);
// @ts-ignore: decorator
@lazy const limbs = memory.data(BIGNAT_BYTES);

/**
 * Writes `value` at `ptr` as Go's `strconv.FormatFloat(value, format, -1, 64)` does and returns the number of bytes
 * written: the shortest digits that read back as `value` (the closest such when several); in the General format
 * (the default, Go's `fmt.Sprint`) with an exponent of at least two digits when the decimal exponent is below -4 or
 * at least 6 (`1e+06`, `1.5e-05`, `123456`, `0.0001`); `+Inf`, `-Inf`, `NaN`, and `-0` for negative zero.
 */
export function writeGoFloat(ptr: usize, value: f64, format: GoFloatFormat = GoFloatFormat.General): i32 {
  if (isNaN(value)) return writeAscii(ptr, "NaN");
  if (!isFinite(value)) return writeAscii(ptr, value > 0 ? "+Inf" : "-Inf");
  let at = ptr;
  if (reinterpret<u64>(value) >> 63) store<u8>(at++, 0x2d);
  if (value == 0) {
    store<u8>(at++, 0x30);
    return <i32>(at - ptr);
  }
  // value = 0.d1d2...dn × 10^point, the digits at `exact`
  const count = shortestDigits(reinterpret<u64>(value) & 0x7fffffffffffffff);
  const point = pointPosition;
  const exponent = point - 1;
  if (format == GoFloatFormat.General && (exponent < -4 || exponent >= 6)) {
    store<u8>(at++, load<u8>(exact));
    if (count > 1) {
      store<u8>(at++, 0x2e);
      memory.copy(at, exact + 1, count - 1);
      at += count - 1;
    }
    store<u8>(at++, 0x65);
    store<u8>(at++, exponent < 0 ? 0x2d : 0x2b);
    if (exponent > -10 && exponent < 10) store<u8>(at++, 0x30);
    at += writeInteger(at, exponent < 0 ? -exponent : exponent);
  } else if (point <= 0) {
    store<u16>(at, 0x2e30); // "0."
    at += 2;
    memory.fill(at, 0x30, -point);
    at += -point;
    memory.copy(at, exact, count);
    at += count;
  } else if (point >= count) {
    memory.copy(at, exact, count);
    at += count;
    memory.fill(at, 0x30, point - count);
    at += point - count;
  } else {
    memory.copy(at, exact, point);
    at += point;
    store<u8>(at++, 0x2e);
    memory.copy(at, exact + point, count - point);
    at += count - point;
  }
  return <i32>(at - ptr);
}

// The decimal point position found by `shortestDigits` (no tuples in AssemblyScript).
let pointPosition: i32 = 0;

/**
 * Finds the shortest decimal that reads back as the positive finite double with `bits` (the closest such when two
 * qualify), puts its digits at `exact` without leading or trailing zeros, sets `pointPosition` so that the decimal
 * is 0.digits × 10^pointPosition, and returns the digit count.
 *
 * The double is s × 2^e; a decimal reads back as it when it lies between the midpoints to its neighbours (bounds
 * included when s is even, as reading rounds ties to even). All three are written exactly, aligned, in decimal;
 * the answer is the shortest prefix of the double's digits that, rounded down or up, stays between the midpoints.
 */
function shortestDigits(bits: u64): i32 {
  const field = <i32>(bits >> 52);
  const fraction = bits & 0xfffffffffffff;
  const significand = field == 0 ? fraction : fraction | 0x10000000000000;
  // On the scale 2^(e - 2): the double is 4s, the midpoints 4s ± 2, except 4s - 1 below a power of two.
  const twos = (field == 0 ? 1 : field) - 1077;
  const closerBelow = fraction == 0 && field > 1;
  const inclusive = (significand & 1) == 0;
  const width = writeDecimal(upper, significand * 4 + 2, twos);
  writeDecimal(exact, significand * 4, twos);
  writeDecimal(lower, significand * 4 - (closerBelow ? 1 : 2), twos);
  const scale = twos < 0 ? -twos : 0; // the decimals are integers over 10^scale
  // The three decimals are right-aligned; all have `width` digits from `first` on, the lower two with leading zeros.
  const first = WIDTH - width;
  const lastNonzeroLower = lastNonzero(lower) - first;
  const lastNonzeroUpper = lastNonzero(upper) - first;
  const lastNonzeroExact = lastNonzero(exact) - first;
  memory.copy(exact, exact + first, width);

  let aboveLower = false; // the double's prefix is above the lower midpoint's
  let upperGap = 0; // the upper midpoint's prefix minus the double's, capped at 2
  let length = width;
  let roundUp = false;
  for (let i = 0; i < width; i++) {
    const digit = <i32>load<u8>(exact + i);
    aboveLower = aboveLower || digit != <i32>load<u8>(lower + first + i);
    upperGap = min(2, upperGap * 10 + <i32>load<u8>(upper + first + i) - digit);
    const down = aboveLower || (inclusive && i >= lastNonzeroLower);
    const up = upperGap == 2 || (upperGap == 1 && (inclusive || i < lastNonzeroUpper));
    if (down || up) {
      length = i + 1;
      roundUp = up && (!down || (i + 1 < width && roundsUp(i, lastNonzeroExact)));
      break;
    }
  }
  let point = width - scale;
  if (roundUp) {
    let i = length - 1;
    while (i >= 0 && load<u8>(exact + i) == 0x39) store<u8>(exact + i--, 0x30);
    if (i >= 0) {
      store<u8>(exact + i, load<u8>(exact + i) + 1);
    } else {
      memory.copy(exact + 1, exact, length);
      store<u8>(exact, 0x31);
      point++;
    }
  }
  let start = 0;
  while (load<u8>(exact + start) == 0x30) start++;
  memory.copy(exact, exact + start, length - start);
  length -= start;
  point -= start;
  while (load<u8>(exact + length - 1) == 0x30) length--;
  pointPosition = point;
  return length;
}

/**
 * Whether the double's digits at `exact` round up when cut after index `last` (round half to even, as Go does),
 * given the index of their last nonzero digit.
 */
function roundsUp(last: i32, lastNonzeroDigit: i32): bool {
  const next = load<u8>(exact + last + 1);
  if (next != 0x35) return next > 0x35;
  return lastNonzeroDigit > last + 1 || (load<u8>(exact + last) & 1) == 1;
}

/** Writes multiple × 2^twos exactly, right-aligned in the WIDTH bytes at `ptr`: an integer over 10^-twos when
 * twos < 0. Returns its digit count. */
function writeDecimal(ptr: usize, multiple: u64, twos: i32): i32 {
  const n = new BigNat(limbs).setU64(multiple);
  if (twos >= 0) n.shiftLeft(twos);
  else n.multiplyPow5(-twos);
  return n.writeDecimal(ptr, WIDTH);
}

/** The index of the last digit other than `0` among the WIDTH digits at `ptr`. */
function lastNonzero(ptr: usize): i32 {
  let i = WIDTH - 1;
  while (i >= 0 && load<u8>(ptr + i) == 0x30) i--;
  return i;
}

/** Writes the ASCII `text` at `ptr`; returns the byte count. */
function writeAscii(ptr: usize, text: string): i32 {
  for (let i = 0; i < text.length; i++) store<u8>(ptr + i, <u8>text.charCodeAt(i));
  return text.length;
}
