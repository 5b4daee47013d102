// The validation pass: whether UTF-8 bytes are exactly one JSON value (RFC 8259, whitespace around it allowed).
// It walks the bytes once, without recursion — the opening byte of each open container is kept in a buffer as
// long as the input, the deepest nesting possible — so neither deep nesting nor any malformed input can exhaust
// the stack or trap. An error is the offset of the first
// byte that cannot continue a JSON text, and that byte; the reason is worded from it. Like gjson's `ValidBytes`,
// which Go plugins use, the contents of strings are not checked for valid UTF-8.
import {
  BACKSLASH, COLON, COMMA, DOT, LOWER_E, LOWER_U, MINUS, OPEN_BRACE, OPEN_BRACKET, PLUS, QUOTE, SLASH, SPACE, ZERO,
  decimalDigits, hexDigits, hexValue, isDigit, isSpace,
} from "./chars";

/** Where and why bytes are not JSON. */
export class JsonSyntaxError {
  constructor(
    /** The offset of the first byte that cannot continue the text; its size when the text ends too early. */
    readonly offset: i32,
    /** That byte, or -1 at the end. */
    readonly found: i32,
  ) {}

  /** The message for plugin authors: `invalid JSON at byte N: reason`. */
  message(): string {
    const found = this.found;
    let reason = "unexpected end of input";
    if (found > SPACE && found < 0x7f) reason = "unexpected character '" + String.fromCharCode(found) + "'";
    else if (found >= 0) reason = "unexpected byte 0x" + hexDigits(found, 2);
    return "invalid JSON at byte " + decimalDigits(this.offset) + ": " + reason;
  }
}

/** Checks that `bytes` are exactly one JSON value, optionally surrounded by whitespace; null when they are. */
export function validateJson(bytes: ArrayBuffer): JsonSyntaxError | null {
  const data = changetype<usize>(bytes);
  const size = bytes.byteLength;
  const at = invalidAt(data, size);
  if (at < 0) return null;
  return new JsonSyntaxError(at, at < size ? <i32>load<u8>(data + at) : -1);
}

// Each scanner below returns the offset just past what it read, or `~offset` of the byte where it failed.

/** The offset of the first byte that cannot continue a JSON text, or -1 when the bytes are one. */
function invalidAt(data: usize, size: i32): i32 {
  const open = new StaticArray<u8>(size); // the opening byte of each open container, innermost last
  let depth = 0;
  let i = 0;
  while (true) {
    // A value starts here.
    i = spaceEnd(data, i, size);
    const c = byteAt(data, i, size);
    if (c == OPEN_BRACE || c == OPEN_BRACKET) {
      i = spaceEnd(data, i + 1, size);
      if (byteAt(data, i, size) != c + 2) { // `}` and `]` follow `{` and `[` by two
        unchecked((open[depth++] = <u8>c));
        if (c == OPEN_BRACE) {
          i = memberNameEnd(data, i, size);
          if (i < 0) return ~i;
        }
        continue;
      }
      i++;
    } else {
      i = scalarEnd(data, i, size);
      if (i < 0) return ~i;
    }
    // After a value: close the containers that end here, then step to the next element.
    while (true) {
      i = spaceEnd(data, i, size);
      if (depth == 0) return i < size ? i : -1;
      const d = byteAt(data, i, size);
      const opening = <i32>unchecked(open[depth - 1]);
      if (d == opening + 2) {
        depth--;
        i++;
        continue;
      }
      if (d != COMMA) return i;
      i++;
      if (opening == OPEN_BRACE) {
        i = memberNameEnd(data, spaceEnd(data, i, size), size);
        if (i < 0) return ~i;
      }
      break;
    }
  }
}

/** The byte at `i`, or -1 past the end. */
function byteAt(data: usize, i: i32, size: i32): i32 {
  return i < size ? <i32>load<u8>(data + i) : -1;
}

function spaceEnd(data: usize, i: i32, size: i32): i32 {
  while (isSpace(byteAt(data, i, size))) i++;
  return i;
}

/** `"name" :`, leaving the offset on the member's value. */
function memberNameEnd(data: usize, i: i32, size: i32): i32 {
  if (byteAt(data, i, size) != QUOTE) return ~i;
  i = stringEnd(data, i, size);
  if (i < 0) return i;
  i = spaceEnd(data, i, size);
  return byteAt(data, i, size) == COLON ? i + 1 : ~i;
}

/** A string, a number or a literal. */
function scalarEnd(data: usize, i: i32, size: i32): i32 {
  const c = byteAt(data, i, size);
  if (c == QUOTE) return stringEnd(data, i, size);
  if (c == MINUS || isDigit(c)) return numberEnd(data, i, size);
  if (c == 0x74) return literalEnd(data, i, size, "true");
  if (c == 0x66) return literalEnd(data, i, size, "false");
  if (c == 0x6e) return literalEnd(data, i, size, "null");
  return ~i;
}

/** A string whose opening quote is at `i`: no control characters, only JSON's escapes. */
function stringEnd(data: usize, i: i32, size: i32): i32 {
  while (true) {
    const c = byteAt(data, ++i, size);
    if (c == QUOTE) return i + 1;
    if (c < SPACE) return ~i; // a control character, or the end
    if (c != BACKSLASH) continue;
    const e = byteAt(data, ++i, size);
    if (e == LOWER_U) {
      for (let k = 0; k < 4; k++) {
        if (hexValue(byteAt(data, ++i, size)) < 0) return ~i;
      }
    } else if (e != QUOTE && e != BACKSLASH && e != SLASH && e != 0x62 && e != 0x66 && e != 0x6e && e != 0x72
      && e != 0x74) {
      return ~i; // not one of \" \\ \/ \b \f \n \r \t
    }
  }
}

/** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` */
function numberEnd(data: usize, i: i32, size: i32): i32 {
  if (byteAt(data, i, size) == MINUS) i++;
  i = byteAt(data, i, size) == ZERO ? i + 1 : digitsEnd(data, i, size);
  if (i >= 0 && byteAt(data, i, size) == DOT) i = digitsEnd(data, i + 1, size);
  if (i >= 0 && (byteAt(data, i, size) | 0x20) == LOWER_E) {
    const sign = byteAt(data, ++i, size);
    i = digitsEnd(data, sign == PLUS || sign == MINUS ? i + 1 : i, size);
  }
  return i;
}

/** One or more digits. */
function digitsEnd(data: usize, i: i32, size: i32): i32 {
  if (!isDigit(byteAt(data, i, size))) return ~i;
  do i++; while (isDigit(byteAt(data, i, size)));
  return i;
}

function literalEnd(data: usize, i: i32, size: i32, word: string): i32 {
  for (let k = 0; k < word.length; k++, i++) {
    if (byteAt(data, i, size) != word.charCodeAt(k)) return ~i;
  }
  return i;
}
