/**
 * The HTTP filter chain of one listener: the wasm filters in order, each its own plugin host, then the router.
 * Requests are decoded by filter 1, 2, …, N and responses encoded by N, …, 1, as in Envoy: each filter's
 * upstream is the rest of the chain, and each filter's released response streams into the one before it.
 */
import type { HeaderPairs } from "../abi/pairs.js";
import type { HostResponse, PluginHost } from "../plugin-host.js";
import type { ResponseSink, StreamRequest, Upstream, UpstreamRequest, UpstreamResponse } from "../stream/messages.js";
import { concatBytes } from "../stream/body-buffer.js";
import { toChunks, toPairs } from "../stream/chunks.js";
import { ChunkQueue } from "./chunk-queue.js";

/** How the chain ended downstream. */
export interface ChainOutcome {
  readonly status: number;
  /** `response.code_details` of the outermost filter (or the router's when there is no filter). */
  readonly details: string;
  readonly reset: string | undefined;
}

const header = (pairs: HeaderPairs, name: string) => pairs.find(([k]) => k === name)?.[1];

/** The request the next filter decodes: what the previous one forwarded, with the stream's attributes. */
function nextRequest(base: StreamRequest, forwarded: UpstreamRequest): StreamRequest {
  return {
    ...base,
    method: header(forwarded.headers, ":method") ?? base.method,
    path: header(forwarded.headers, ":path") ?? base.path,
    authority: header(forwarded.headers, ":authority") ?? base.authority,
    scheme: header(forwarded.headers, ":scheme") ?? base.scheme,
    headers: forwarded.headers.filter(([k]) => !k.startsWith(":")),
    body: forwarded.body.length > 0 ? forwarded.body : undefined,
    trailers: forwarded.trailers.length > 0 ? forwarded.trailers : undefined,
  };
}

/** Runs filter `index` and turns what it releases downstream into the previous filter's upstream response. */
function filterAsUpstream(hosts: readonly PluginHost[], index: number, base: StreamRequest, router: Upstream, signal?: AbortSignal): Upstream {
  return (forwarded) =>
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
      const upstream = index + 1 < hosts.length ? filterAsUpstream(hosts, index + 1, base, router, signal) : router;
      void hosts[index]!.request(nextRequest(base, forwarded), { upstream, sink, signal, strict: false }).then((result) => {
        body.end();
        if (!answered) resolve({ status: 503, body: `filter chain reset: ${result.reset ?? result.details}` });
      });
    });
}

/** Runs the whole chain; the response goes to `sink` as the first filter releases it. */
export async function runFilterChain(
  hosts: readonly PluginHost[],
  request: StreamRequest,
  router: Upstream,
  sink: ResponseSink,
  signal?: AbortSignal,
): Promise<ChainOutcome> {
  if (hosts.length === 0) return runRouterOnly(request, router, sink);
  const upstream = hosts.length > 1 ? filterAsUpstream(hosts, 1, request, router, signal) : router;
  const result: HostResponse = await hosts[0]!.request(request, { upstream, sink, signal, strict: false });
  return { status: result.status, details: result.details, reset: result.reset };
}

/** No wasm filter: the router answers directly. */
async function runRouterOnly(request: StreamRequest, router: Upstream, sink: ResponseSink): Promise<ChainOutcome> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of toChunks(request.body)) chunks.push(chunk);
  const response = await router({
    headers: [
      [":authority", request.authority ?? "localhost"],
      [":path", request.path],
      [":method", request.method],
      [":scheme", request.scheme ?? "http"],
      ...toPairs(request.headers),
    ],
    body: concatBytes(chunks),
    trailers: toPairs(request.trailers),
    overrideHost: undefined,
  });
  sink.headers([[":status", String(response.status)], ...toPairs(response.headers)]);
  for await (const chunk of toChunks(response.body)) sink.data(chunk);
  return { status: response.status, details: "via_upstream", reset: undefined };
}
