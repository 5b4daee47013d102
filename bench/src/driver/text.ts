/**
 * UTF-8 between JavaScript strings and linear memory, with a fast path for ASCII (what header names, values and
 * property paths almost always are): the lean driver's host functions should cost as little as the plugin lets them.
 */

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const SHORT = 64;

/** The text of `bytes[start, end)`. */
export function decodeText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > SHORT) return decoder.decode(bytes.subarray(start, end));
  let text = "";
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return decoder.decode(bytes.subarray(start, end));
    text += String.fromCharCode(byte);
  }
  return text;
}

/** Whether every code unit of `text` is ASCII (so its UTF-8 length is its length). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** The UTF-8 length of `text`. */
export function utf8Length(text: string): number {
  return isAscii(text) ? text.length : encoder.encode(text).length;
}

/** Writes `text` as UTF-8 at `bytes[at]`; returns the number of bytes written. */
export function encodeTextInto(text: string, bytes: Uint8Array, at: number): number {
  if (!isAscii(text)) return encoder.encodeInto(text, bytes.subarray(at)).written;
  for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  return text.length;
}
