/**
 * RESP2 reply framing for the Redis bridge: where one complete reply ends in the bytes read so far. The bridge
 * never interprets replies for the plugin (the plugin decodes them itself); it only cuts the stream into
 * replies, and reads the one-line replies of its own AUTH and SELECT.
 */

/** The end of the first complete reply from `start`: a byte offset, `undefined` when more bytes are needed. */
export type ReplyEnd = number | undefined;

/** A byte stream that is not RESP2 (the connection must be dropped: no later reply can be framed). */
export class RespFramingError extends Error {}

const CR = 0x0d;
const LF = 0x0a;

/** Finds the end of the reply starting at `start` in `bytes`; throws `RespFramingError` on malformed input. */
export function replyEnd(bytes: Uint8Array, start: number): ReplyEnd {
  let position = start;
  let remaining = 1; // replies still to skip: an array adds its elements
  while (remaining > 0) {
    const lineEnd = endOfLine(bytes, position);
    if (lineEnd === undefined) return undefined;
    const type = bytes[position];
    remaining--;
    if (type === 0x2b /* + */ || type === 0x2d /* - */ || type === 0x3a /* : */) {
      position = lineEnd + 2;
    } else if (type === 0x24 /* $ */) {
      const length = lengthOf(bytes, position + 1, lineEnd);
      position = lineEnd + 2;
      if (length >= 0) {
        if (bytes.length < position + length + 2) return undefined;
        if (bytes[position + length] !== CR || bytes[position + length + 1] !== LF) {
          throw new RespFramingError("bulk string not followed by CRLF");
        }
        position += length + 2;
      }
    } else if (type === 0x2a /* * */) {
      const length = lengthOf(bytes, position + 1, lineEnd);
      position = lineEnd + 2;
      if (length > 0) remaining += length;
    } else {
      throw new RespFramingError(`unknown reply type byte 0x${type!.toString(16)}`);
    }
  }
  return position;
}

/** The offset of the CR of the CRLF ending the line at `from`, or undefined when it has not arrived. */
function endOfLine(bytes: Uint8Array, from: number): number | undefined {
  const lf = bytes.indexOf(LF, from);
  if (lf < 0) return undefined;
  if (lf === from || bytes[lf - 1] !== CR) throw new RespFramingError("line not ended by CRLF");
  return lf - 1;
}

/** A bulk or array length: -1 (null) or a non-negative decimal. */
function lengthOf(bytes: Uint8Array, from: number, to: number): number {
  const text = new TextDecoder().decode(bytes.subarray(from, to));
  if (!/^(-1|0|[1-9][0-9]{0,9})$/.test(text)) throw new RespFramingError(`bad length "${text}"`);
  return Number(text);
}

/** The text of a one-line reply (`+OK`, `-ERR …`) that ends at `end`, with its type byte. */
export function lineReply(bytes: Uint8Array, start: number, end: number): { type: string; text: string } {
  return { type: String.fromCharCode(bytes[start]!), text: new TextDecoder().decode(bytes.subarray(start + 1, end - 2)) };
}
