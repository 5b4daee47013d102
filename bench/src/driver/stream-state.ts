/** One HTTP stream in the lean driver: its header maps, buffered bodies and what the plugin asked for. */
import type { BenchRequest } from "./bench-request.js";
import { HeaderList } from "./header-list.js";

/** An empty body. */
export const EMPTY = new Uint8Array(0);

/**
 * A direction of the stream: 0 request, 1 response. The same numbers are `StreamType.HttpRequest/HttpResponse`
 * and `BufferType.HttpRequestBody/HttpResponseBody`.
 */
export type Direction = 0 | 1;

/** A local reply the plugin sent (`proxy_send_local_response`). */
export interface LocalReply {
  readonly status: number;
  readonly body: Uint8Array;
  readonly headers: HeaderList;
}

/** Appends a chunk to a buffered body. */
export function appendBody(body: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (body.length === 0) return chunk;
  const joined = new Uint8Array(body.length + chunk.length);
  joined.set(body);
  joined.set(chunk, body.length);
  return joined;
}

/** The state of one stream. */
export class StreamState {
  readonly requestHeaders: HeaderList;
  responseHeaders: HeaderList | undefined;
  /** Body bytes buffered and not yet sent on, by direction (see `Direction`). */
  readonly bodies: [request: Uint8Array, response: Uint8Array] = [EMPTY, EMPTY];
  localReply: LocalReply | undefined;
  /** `proxy_continue_stream` was called since the stream last stopped. */
  continued = false;
  /** The request went upstream (no local reply in the request phase). */
  upstreamReached = false;
  /** Filter state set with `proxy_set_property`. */
  readonly filterState = new Map<string, Uint8Array>();

  constructor(
    readonly id: number,
    readonly request: BenchRequest,
  ) {
    this.requestHeaders = HeaderList.copyOf(request.headers);
  }

  /** The response status the client gets (0 before any response). */
  get status(): number {
    return Number(this.responseHeaders?.get(":status") ?? 0);
  }
}
