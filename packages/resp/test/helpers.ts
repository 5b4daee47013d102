import { ReadStatus, ReplyReader, RespType, RespValue } from "../assembly/index";

/** The bytes of the ASCII/UTF-8 `text`. */
export function bytesOf(text: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(text));
}

/** `buffer` as text, with CR and LF shown as `\r` and `\n` and other bytes outside printable ASCII as `\xHH`. */
export function shown(buffer: ArrayBuffer): string {
  const bytes = Uint8Array.wrap(buffer);
  let text = "";
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c == 0x0d) text += "\\r";
    else if (c == 0x0a) text += "\\n";
    else if (c < 0x20 || c > 0x7e) text += "\\x" + (c < 16 ? "0" : "") + c.toString(16);
    else text += String.fromCharCode(c);
  }
  return text;
}

/** A reply in one line: its type byte, then its payload; arrays in brackets; `nil` for nulls. */
export function summary(value: RespValue): string {
  const type = String.fromCharCode(value.type);
  if (value.isNull()) return type + "nil";
  if (value.type == RespType.Integer) return type + value.integer().toString();
  if (value.type != RespType.Array) return type + shown(value.bytes().slice().buffer);
  const items = value.array();
  let text = "*[";
  for (let i = 0; i < items.length; i++) text += (i > 0 ? "," : "") + summary(items[i]);
  return text + "]";
}

/** Feeds `wire` to a new reader in one piece and returns the first reply (or null) with the status. */
export function readOne(wire: string): ReplyReader {
  const reader = new ReplyReader();
  reader.feed(bytesOf(wire));
  reader.read();
  return reader;
}

/** The reply that `wire` decodes to, described; or `NeedMore` / `Malformed: <problem>`. */
export function decoded(wire: string): string {
  const reader = new ReplyReader();
  reader.feed(bytesOf(wire));
  const status = reader.read();
  if (status == ReadStatus.NeedMore) return "NeedMore";
  if (status == ReadStatus.Malformed) return "Malformed: " + reader.protocolError!;
  return summary(reader.reply!);
}
