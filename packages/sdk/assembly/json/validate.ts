// The validation pass: a strict RFC 8259 check of a whole text, iterative (an explicit stack of open containers
// instead of recursion), so neither deep nesting nor any malformed input can exhaust the call stack or trap.
import {
  BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, LOWER_U, MINUS, OPEN_BRACE, OPEN_BRACKET, QUOTE, SPACE,
  decimalDigits, hexDigits, hexValue, isDigit,
} from "./chars";
import { scanNumber } from "./number";
import { skipSpace } from "./scan";

/** Where and why a text is not JSON; `index` counts UTF-16 code units from the start of the text. */
export class JsonSyntaxError {
  constructor(readonly index: i32, readonly reason: string) {}

  /** The message for plugin authors, positioned in UTF-8 bytes: `invalid JSON at byte N: reason`. */
  message(text: string): string {
    const byte = String.UTF8.byteLength(text.substring(0, this.index));
    return "invalid JSON at byte " + decimalDigits(byte) + ": " + this.reason;
  }
}

/** Checks that `text` is exactly one JSON value, optionally surrounded by whitespace; null when it is. */
export function validateJson(text: string): JsonSyntaxError | null {
  return new Validator(text).run();
}

const IN_ARRAY: u8 = 0;
const IN_OBJECT: u8 = 1;

class Validator {
  private pos: i32 = 0;
  private error: JsonSyntaxError | null = null;
  private readonly open: u8[] = [];

  constructor(private readonly text: string) {}

  run(): JsonSyntaxError | null {
    const text = this.text;
    const open = this.open;
    this.pos = skipSpace(text, 0);
    while (this.error == null) {
      if (!this.value()) continue;
      // After a value: close finished containers, or step to the next element.
      while (this.error == null) {
        const i = skipSpace(text, this.pos);
        this.pos = i;
        if (open.length == 0) {
          if (i < text.length) this.fail(i, "unexpected data after the top-level value");
          return this.error;
        }
        const c = text.charCodeAt(i);
        const inObject = open[open.length - 1] == IN_OBJECT;
        if (c == COMMA) {
          this.pos = skipSpace(text, i + 1);
          if (inObject) this.memberName();
          break;
        }
        if (c == (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
          open.pop();
          this.pos = i + 1;
          continue;
        }
        if (c < 0) this.fail(i, "unexpected end of input");
        else this.fail(i, inObject ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
    return this.error;
  }

  /** Consumes a scalar value or an empty container (true); opens a non-empty container (false). */
  private value(): bool {
    const text = this.text;
    const i = this.pos;
    const c = text.charCodeAt(i);
    if (c == OPEN_BRACE || c == OPEN_BRACKET) {
      const close = c == OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      const j = skipSpace(text, i + 1);
      if (text.charCodeAt(j) == close) {
        this.pos = j + 1;
        return true;
      }
      this.open.push(c == OPEN_BRACE ? IN_OBJECT : IN_ARRAY);
      this.pos = j;
      if (c == OPEN_BRACE) this.memberName();
      return false;
    }
    if (c == QUOTE) this.string();
    else if (c == MINUS || isDigit(c)) this.number();
    else if (c == 0x74) this.literal("true");
    else if (c == 0x66) this.literal("false");
    else if (c == 0x6e) this.literal("null");
    else this.unexpected(i);
    return true;
  }

  /** Consumes `"key" :` and leaves `pos` on the member's value. */
  private memberName(): void {
    const text = this.text;
    if (text.charCodeAt(this.pos) != QUOTE) {
      this.fail(this.pos, text.charCodeAt(this.pos) < 0 ? "unexpected end of input" : "expected a string key");
      return;
    }
    this.string();
    if (this.error != null) return;
    const i = skipSpace(text, this.pos);
    if (text.charCodeAt(i) != COLON) {
      this.fail(i, "expected ':' after an object key");
      return;
    }
    this.pos = skipSpace(text, i + 1);
  }

  private string(): void {
    const text = this.text;
    let i = this.pos + 1;
    while (true) {
      const c = text.charCodeAt(i);
      if (c < 0) return this.fail(i, "unterminated string");
      if (c == QUOTE) break;
      if (c < SPACE) return this.fail(i, "control character in string");
      if (c == BACKSLASH) {
        const e = text.charCodeAt(i + 1);
        if (e == LOWER_U) {
          for (let k = 2; k < 6; k++) {
            if (hexValue(text.charCodeAt(i + k)) < 0) return this.fail(i, "invalid \\u escape");
          }
          i += 6;
          continue;
        }
        // The single-character escapes: \" \\ \/ \b \f \n \r \t
        if (e != QUOTE && e != BACKSLASH && e != 0x2f && e != 0x62 && e != 0x66 && e != 0x6e && e != 0x72 && e != 0x74) {
          return this.fail(i, "invalid escape sequence");
        }
        i += 2;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
  }

  private number(): void {
    const end = scanNumber(this.text, this.pos);
    if (end < 0) this.fail(~end, "invalid number");
    else this.pos = end;
  }

  private literal(word: string): void {
    const text = this.text;
    const i = this.pos;
    for (let k = 0; k < word.length; k++) {
      if (text.charCodeAt(i + k) != word.charCodeAt(k)) return this.unexpected(i + k);
    }
    this.pos = i + word.length;
  }

  private unexpected(i: i32): void {
    const c = this.text.charCodeAt(i);
    if (c < 0) this.fail(i, "unexpected end of input");
    else if (c > SPACE && c < 0x7f) this.fail(i, "unexpected character '" + String.fromCharCode(c) + "'");
    else this.fail(i, "unexpected character U+" + hexDigits(c, 4));
  }

  private fail(i: i32, reason: string): void {
    if (this.error == null) this.error = new JsonSyntaxError(i, reason);
  }
}
