/** Normalizes bodies and headers given in convenient shapes, and reads chunks with one-chunk lookahead. */
import type { HeaderPairs } from "../abi/pairs.js";
import type { BodyInput, HeadersInput } from "./messages.js";

const encoder = new TextEncoder();

/** Headers as pairs. */
export function toPairs(headers: HeadersInput | undefined): HeaderPairs {
  if (headers === undefined) return [];
  return Array.isArray(headers) ? headers : Object.entries(headers);
}

/** A body as an async stream of chunks; text is UTF-8; empty chunks are dropped. */
export async function* toChunks(body: BodyInput | undefined): AsyncIterable<Uint8Array> {
  if (body === undefined) return;
  const bytes = (c: string | Uint8Array) => (typeof c === "string" ? encoder.encode(c) : c);
  const source: Iterable<string | Uint8Array> | AsyncIterable<Uint8Array> =
    typeof body === "string" || body instanceof Uint8Array ? [body] : body;
  for await (const chunk of source) {
    const data = bytes(chunk);
    if (data.length > 0) yield data;
  }
}

/** Reads chunks knowing whether another one follows (Envoy's `end_stream` on the last data frame). */
export class ChunkReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private ahead: IteratorResult<Uint8Array> | undefined;

  constructor(body: BodyInput | undefined) {
    this.iterator = toChunks(body)[Symbol.asyncIterator]();
  }

  /** Whether another chunk follows. */
  async hasMore(): Promise<boolean> {
    this.ahead ??= await this.iterator.next();
    return this.ahead.done !== true;
  }

  /** The next chunk (call after `hasMore()` said true). */
  async next(): Promise<Uint8Array> {
    const result = this.ahead ?? (await this.iterator.next());
    this.ahead = undefined;
    return result.done === true ? new Uint8Array(0) : result.value;
  }
}
