import { BACKSLASH, LOWER_U, hexValue } from "./chars";

const REPLACEMENT_CHARACTER: u16 = 0xfffd;

/**
 * The text of the validated JSON string whose quotes are at `start` and `end - 1`, escapes decoded.
 * As in Go (gjson), a `\u` escape of an unpaired surrogate becomes U+FFFD.
 */
export function unescapeString(text: string, start: i32, end: i32): string {
  const from = start + 1;
  const to = end - 1;
  const firstEscape = text.indexOf("\\", from);
  if (firstEscape < 0 || firstEscape >= to) return text.substring(from, to);
  const out = new StaticArray<u16>(to - from); // never outgrown (an escape decodes shorter): stores are unchecked
  let n = 0;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c != BACKSLASH) {
      unchecked(out[n++] = <u16>c);
      i++;
      continue;
    }
    const e = text.charCodeAt(i + 1);
    if (e != LOWER_U) {
      unchecked(out[n++] = <u16>simpleEscape(e));
      i += 2;
      continue;
    }
    const unit = hex4(text, i + 2);
    i += 6;
    if (unit >= 0xd800 && unit < 0xdc00 && text.charCodeAt(i) == BACKSLASH && text.charCodeAt(i + 1) == LOWER_U) {
      const low = hex4(text, i + 2);
      if (low >= 0xdc00 && low < 0xe000) {
        unchecked(out[n++] = <u16>unit);
        unchecked(out[n++] = <u16>low);
        i += 6;
        continue;
      }
    }
    unchecked(out[n++] = unit >= 0xd800 && unit < 0xe000 ? REPLACEMENT_CHARACTER : <u16>unit);
  }
  return String.UTF16.decodeUnsafe(changetype<usize>(out), <usize>n << 1);
}

function simpleEscape(e: i32): i32 {
  switch (e) {
    case 0x62: return 0x08; // \b
    case 0x66: return 0x0c; // \f
    case 0x6e: return 0x0a; // \n
    case 0x72: return 0x0d; // \r
    case 0x74: return 0x09; // \t
    default: return e; // \" \\ \/
  }
}

function hex4(text: string, i: i32): i32 {
  let unit = 0;
  for (let k = 0; k < 4; k++) unit = (unit << 4) | hexValue(text.charCodeAt(i + k));
  return unit;
}
