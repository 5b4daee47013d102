// Skipping over text that has already passed `validateJson`. These never fail: on text that is not valid they
// still stop at the end of input (charCodeAt past the end is -1), so a broken invariant cannot trap or loop.
import {
  BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE, isSpace,
} from "./chars";

/** The index of the first non-whitespace code unit at or after `i`. */
export function skipSpace(text: string, i: i32): i32 {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The index just past the closing quote of the string whose opening quote is at `start`. */
export function stringEnd(text: string, start: i32): i32 {
  let i = start + 1;
  while (true) {
    const c = text.charCodeAt(i);
    if (c < 0) return i;
    if (c == QUOTE) return i + 1;
    i += c == BACKSLASH ? 2 : 1;
  }
}

/** The index just past the value starting at `start` (a string, a container, a number or a literal). */
export function valueEnd(text: string, start: i32): i32 {
  const first = text.charCodeAt(start);
  if (first == QUOTE) return stringEnd(text, start);
  if (first == OPEN_BRACE || first == OPEN_BRACKET) return containerEnd(text, start);
  let i = start;
  while (true) {
    const c = text.charCodeAt(i);
    if (c < 0 || c == COMMA || c == CLOSE_BRACE || c == CLOSE_BRACKET || isSpace(c)) return i;
    i++;
  }
}

function containerEnd(text: string, start: i32): i32 {
  let depth = 0;
  let i = start;
  while (true) {
    const c = text.charCodeAt(i);
    if (c < 0) return i;
    if (c == QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    if (c == OPEN_BRACE || c == OPEN_BRACKET) depth++;
    else if ((c == CLOSE_BRACE || c == CLOSE_BRACKET) && --depth == 0) return i + 1;
    i++;
  }
}

/**
 * Walks the members of a validated object or the elements of a validated array, without allocating.
 * After each successful `next()`, `keyStart`/`keyEnd` bound the quoted key (objects only) and
 * `valueStart`/`valueEnd` bound the value.
 */
export class ChildCursor {
  keyStart: i32 = 0;
  keyEnd: i32 = 0;
  valueStart: i32 = 0;
  valueEnd: i32 = 0;
  private pos: i32;

  constructor(private readonly text: string, private readonly isObject: bool, containerStart: i32) {
    this.pos = containerStart + 1;
  }

  /** Moves to the next child; false at the end of the container. */
  next(): bool {
    const text = this.text;
    let i = skipSpace(text, this.pos);
    if (text.charCodeAt(i) == COMMA) i = skipSpace(text, i + 1);
    const c = text.charCodeAt(i);
    if (c < 0 || c == CLOSE_BRACE || c == CLOSE_BRACKET) return false;
    if (this.isObject) {
      this.keyStart = i;
      this.keyEnd = stringEnd(text, i);
      i = skipSpace(text, this.keyEnd);
      if (text.charCodeAt(i) == COLON) i = skipSpace(text, i + 1);
    }
    this.valueStart = i;
    this.valueEnd = valueEnd(text, i);
    this.pos = this.valueEnd;
    return true;
  }
}

/** Whether `text[start, end)` equals `other`, compared without allocating. */
export function regionEquals(text: string, start: i32, end: i32, other: string): bool {
  const length = end - start;
  if (length != other.length || start < 0 || end > text.length) return false;
  return memory.compare(changetype<usize>(text) + (<usize>start << 1), changetype<usize>(other), <usize>length << 1) == 0;
}
