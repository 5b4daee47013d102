/**
 * The HTTP filter chain of one listener: the wasm filters in order, each its own plugin host, then the router.
 * Requests are decoded by filter 1, 2, …, N and responses encoded by N, …, 1, as in Envoy: each filter's
 * upstream is the rest of the chain, and each filter's released response streams into the one before it.
 */
import type { HeaderPairs } from "../abi/pairs.js";
import type { HostResponse, PluginHost } from "../plugin-host.js";
import { ChunkQueue } from "../stream/chunk-queue.js";
import { toChunks, toPairs } from "../stream/chunks.js";
import type { ResponseSink, StreamRequest, StreamingUpstream, UpstreamRequestStream, UpstreamResponse } from "../stream/messages.js";

/** How the chain ended downstream. */
export interface ChainOutcome {
  readonly status: number;
  /** `response.code_details` of the outermost filter (or the router's when there is no filter). */
  readonly details: string;
  readonly reset: string | undefined;
}

const header = (pairs: HeaderPairs, name: string) => pairs.find(([k]) => k === name)?.[1];

/**
 * The request the next filter decodes: what the previous one forwarded, streaming, with the stream's attributes.
 * (Its chunks come framed like a chunked body: the end is an empty `end_stream` chunk.)
 */
function nextRequest(base: StreamRequest, forwarded: UpstreamRequestStream): StreamRequest {
  return {
    ...base,
    method: header(forwarded.headers, ":method") ?? base.method,
    path: header(forwarded.headers, ":path") ?? base.path,
    authority: header(forwarded.headers, ":authority") ?? base.authority,
    scheme: header(forwarded.headers, ":scheme") ?? base.scheme,
    headers: forwarded.headers.filter(([k]) => !k.startsWith(":")),
    body: forwarded.endOfStream ? undefined : forwarded.body,
    trailers: undefined,
  };
}

/**
 * Filter `index` as the previous filter's upstream: it starts when the previous filter released the request
 * headers, and what it releases downstream becomes the previous filter's upstream response. Resetting the upstream
 * request resets this filter's stream.
 */
function filterAsUpstream(hosts: readonly PluginHost[], index: number, base: StreamRequest, router: StreamingUpstream): StreamingUpstream {
  const upstream = index + 1 < hosts.length ? filterAsUpstream(hosts, index + 1, base, router) : router;
  return {
    start: (forwarded) =>
      new Promise<UpstreamResponse>((resolve) => {
        const body = new ChunkQueue();
        let answered = false;
        const sink: ResponseSink = {
          headers: (headers) => {
            answered = true;
            resolve({ status: Number(header(headers, ":status") ?? 502), headers: headers.filter(([k]) => k !== ":status"), body });
          },
          data: (chunk) => body.push(chunk),
        };
        const request = nextRequest(base, forwarded);
        void hosts[index]!.request(request, { upstream, sink, signal: forwarded.signal, strict: false }).then((result) => {
          body.end();
          if (!answered) resolve({ status: 503, body: `filter chain reset: ${result.reset ?? result.details}` });
        });
      }),
  };
}

/** Runs the whole chain; the response goes to `sink` as the first filter releases it. */
export async function runFilterChain(
  hosts: readonly PluginHost[],
  request: StreamRequest,
  router: StreamingUpstream,
  sink: ResponseSink,
  signal?: AbortSignal,
): Promise<ChainOutcome> {
  if (hosts.length === 0) return runRouterOnly(request, router, sink, signal);
  const upstream = hosts.length > 1 ? filterAsUpstream(hosts, 1, request, router) : router;
  const result: HostResponse = await hosts[0]!.request(request, { upstream, sink, signal, strict: false });
  return { status: result.status, details: result.details, reset: result.reset };
}

/** No wasm filter: the router gets the request as it arrives and answers directly. */
async function runRouterOnly(request: StreamRequest, router: StreamingUpstream, sink: ResponseSink, signal?: AbortSignal): Promise<ChainOutcome> {
  const response = await router.start({
    headers: [
      [":authority", request.authority ?? "localhost"],
      [":path", request.path],
      [":method", request.method],
      [":scheme", request.scheme ?? "http"],
      ...toPairs(request.headers),
    ],
    endOfStream: request.body === undefined,
    body: toChunks(request.body),
    trailers: () => toPairs(request.trailers),
    overrideHost: undefined,
    signal: signal ?? new AbortController().signal,
  });
  sink.headers([[":status", String(response.status)], ...toPairs(response.headers)]);
  for await (const chunk of toChunks(response.body)) sink.data(chunk);
  return { status: response.status, details: "via_upstream", reset: undefined };
}
