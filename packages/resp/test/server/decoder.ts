// The decoder as a small module for the node:test suite that checks it against a real redis-server: bytes in as
// they arrive from the socket, each reply out as a one-line summary.
import { ReadStatus, ReplyReader } from "../../assembly/index";
import { summary } from "../helpers";

const reader = new ReplyReader();

/** Feeds the bytes received so far; returns the summary of the next complete reply, "" when more bytes are needed. */
export function feed(bytes: Uint8Array): string {
  reader.feed(bytes);
  const status = reader.read();
  if (status == ReadStatus.Malformed) return "malformed: " + reader.protocolError!;
  return status == ReadStatus.Reply ? summary(reader.reply!) : "";
}

/** Bytes received and not yet returned in a reply (0 once a reply ended exactly where the input did). */
export function pending(): i32 {
  return reader.pending;
}
