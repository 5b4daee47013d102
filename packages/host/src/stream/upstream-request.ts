/**
 * The upstream side of one stream, as Envoy's router runs it: the upstream request starts when the request headers
 * pass the filter, each body chunk follows as the filter releases it, and a local reply or reset before the
 * response resets it.
 */
import type { HeaderPairs } from "../abi/pairs.js";
import { concatBytes } from "./body-buffer.js";
import { ChunkQueue } from "./chunk-queue.js";
import type { StreamingUpstream, Upstream, UpstreamRequestStream, UpstreamResponse } from "./messages.js";

/** One started upstream request: fed by the filter, answered by the upstream. */
export class StartedUpstreamRequest {
  /** The upstream's answer; a reset request's answer is never awaited. */
  readonly response: Promise<UpstreamResponse>;
  private readonly body = new ChunkQueue();
  private readonly aborter = new AbortController();
  private trailers: HeaderPairs = [];
  private ended: boolean;

  constructor(upstream: StreamingUpstream, headers: HeaderPairs, endOfStream: boolean, overrideHost: string | undefined) {
    this.ended = endOfStream;
    if (endOfStream) this.body.end();
    const request: UpstreamRequestStream = {
      headers,
      endOfStream,
      body: this.body,
      trailers: () => this.trailers,
      overrideHost,
      signal: this.aborter.signal,
    };
    this.response = Promise.resolve().then(() => upstream.start(request));
    this.response.catch(() => undefined);
  }

  /** A body chunk the filter let through (Envoy's `acceptDataFromRouter`). */
  data(chunk: Uint8Array): void {
    this.body.push(chunk);
  }

  /** The request is complete, with its trailers. */
  end(trailers: HeaderPairs): void {
    if (this.ended) return;
    this.ended = true;
    this.trailers = trailers;
    this.body.end();
  }

  /** Envoy's `resetStream`: the upstream's signal aborts, and an unfinished body stops with an error. */
  reset(): void {
    if (this.aborter.signal.aborted) return;
    if (!this.ended) this.body.abort(new Error("upstream request reset"));
    this.aborter.abort();
  }
}

/** A function upstream as a streaming one: it is called with the whole request once the body has ended. */
export function wholeRequest(upstream: Upstream): StreamingUpstream {
  return {
    async start(request) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of request.body) chunks.push(chunk);
      return upstream({ headers: request.headers, body: concatBytes(chunks), trailers: request.trailers(), overrideHost: request.overrideHost });
    },
  };
}
