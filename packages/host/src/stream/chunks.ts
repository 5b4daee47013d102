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

/**
 * Reads a body as Envoy's codec delivers it. A body given whole (text, bytes, a list) is framed like a
 * content-length body: the last chunk carries `end_stream`. A streamed body is framed like a chunked one:
 * each chunk goes on as it arrives, and the end comes as an empty chunk with `end_stream`.
 */
export class ChunkReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly streamed: boolean;
  private ahead: IteratorResult<Uint8Array> | undefined;
  private ended = false;

  constructor(body: BodyInput | undefined) {
    this.streamed = body !== undefined && typeof body !== "string" && !(body instanceof Uint8Array) && !Array.isArray(body);
    this.iterator = toChunks(body)[Symbol.asyncIterator]();
  }

  /** Whether there is no body at all, so the headers carry `end_stream` (a streamed body is never known empty). */
  async isEmpty(): Promise<boolean> {
    if (this.streamed) return false;
    this.ahead ??= await this.iterator.next();
    return this.ahead.done === true;
  }

  /** Whether the whole body has been read. */
  get done(): boolean {
    return this.ended;
  }

  /** The next chunk and whether it ends the body; undefined once the body is over. */
  async read(): Promise<{ chunk: Uint8Array; last: boolean } | undefined> {
    if (this.ended) return undefined;
    const result = this.ahead ?? (await this.iterator.next());
    this.ahead = undefined;
    if (result.done === true) {
      this.ended = true;
      return this.streamed ? { chunk: new Uint8Array(0), last: true } : undefined;
    }
    if (this.streamed) return { chunk: result.value, last: false };
    this.ahead = await this.iterator.next();
    this.ended = this.ahead.done === true;
    return { chunk: result.value, last: this.ended };
  }
}
