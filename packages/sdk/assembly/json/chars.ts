// UTF-16 code units the JSON grammar is written in (RFC 8259).
export const TAB: i32 = 0x09;
export const LF: i32 = 0x0a;
export const CR: i32 = 0x0d;
export const SPACE: i32 = 0x20;
export const QUOTE: i32 = 0x22;
export const PLUS: i32 = 0x2b;
export const COMMA: i32 = 0x2c;
export const MINUS: i32 = 0x2d;
export const DOT: i32 = 0x2e;
export const SLASH: i32 = 0x2f;
export const ZERO: i32 = 0x30;
export const NINE: i32 = 0x39;
export const COLON: i32 = 0x3a;
export const UPPER_E: i32 = 0x45;
export const OPEN_BRACKET: i32 = 0x5b;
export const BACKSLASH: i32 = 0x5c;
export const CLOSE_BRACKET: i32 = 0x5d;
export const LOWER_E: i32 = 0x65;
export const LOWER_U: i32 = 0x75;
export const OPEN_BRACE: i32 = 0x7b;
export const CLOSE_BRACE: i32 = 0x7d;

/** Whether `c` is JSON whitespace (space, tab, line feed, carriage return). */
export function isSpace(c: i32): bool {
  return c == SPACE || c == LF || c == CR || c == TAB;
}

/** Whether `c` is an ASCII digit. */
export function isDigit(c: i32): bool {
  return c >= ZERO && c <= NINE;
}

/** The value of hexadecimal digit `c`, or -1. */
export function hexValue(c: i32): i32 {
  if (isDigit(c)) return c - ZERO;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** `value` in decimal, without linking the standard library's `toString` (its radix check, tables and messages). */
export function decimalDigits(value: u32): string {
  let digits = "";
  do {
    digits = String.fromCharCode(ZERO + value % 10) + digits;
    value /= 10;
  } while (value != 0);
  return digits;
}

/** The low `4 * count` bits of `value` as `count` lower-case hexadecimal digits. */
export function hexDigits(value: i32, count: i32): string {
  let digits = "";
  for (let shift = (count - 1) * 4; shift >= 0; shift -= 4) {
    const digit = (value >> shift) & 15;
    digits += String.fromCharCode(digit < 10 ? ZERO + digit : 0x57 + digit);
  }
  return digits;
}
