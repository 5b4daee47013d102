/** Forwards a filtered request to one endpoint over HTTP/1.1, as Envoy's router does, streaming both ways. */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import type { UpstreamRequestStream, UpstreamResponse } from "../stream/messages.js";
import { fromRawHeaders, toOutgoingHeaders } from "./hop-by-hop.js";

/** Where and how long to wait. */
export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
  /** Route `timeout`, counted from the end of the request: no response headers by then ⇒ 504 `upstream request timeout`; 0 = none. */
  readonly timeoutMs?: number;
}

/** An upstream answer, with Envoy's response flag when the router produced it itself. */
export interface ProxiedResponse extends UpstreamResponse {
  /** `UF` (upstream connection failure) or `UT` (upstream request timeout). */
  readonly responseFlag?: "UF" | "UT";
  /** `performance.now()` when the whole request had been written, if it had before the response headers came. */
  readonly requestCompletedAt?: number;
}

/** Envoy's router answer when the upstream cannot be reached (a reply the plugins' response callbacks see). */
function connectFailure(reason: string): ProxiedResponse {
  return {
    responseFlag: "UF",
    status: 503,
    headers: { "content-type": "text/plain" },
    body: `upstream connect error or disconnect/reset before headers. reset reason: ${reason}`,
  };
}

/** Envoy's router answer when the route timeout expires before the response headers. */
const TIMED_OUT: ProxiedResponse = { responseFlag: "UT", status: 504, headers: { "content-type": "text/plain" }, body: "upstream request timeout" };

/**
 * Whether an HTTP/1 message has a body, as the codec decides it from the framing: a request only with
 * content-length or transfer-encoding; a response also when it is delimited by the connection closing.
 */
export function hasBody(message: IncomingMessage, response: boolean): boolean {
  const length = message.headers["content-length"];
  if (length !== undefined) return length !== "0";
  return response || message.headers["transfer-encoding"] !== undefined;
}

/**
 * Sends `forwarded` to `target`: body chunks go as they come (headers with the first write; without content-length,
 * node frames them chunked), the route timeout starts once the request ended, the signal's abort resets the
 * request, and the response body streams back as chunks. Never rejects.
 */
export function proxyRequest(target: ProxyTarget, forwarded: UpstreamRequestStream): Promise<ProxiedResponse> {
  return new Promise((resolve) => {
    const path = forwarded.headers.find(([k]) => k === ":path")?.[1] ?? "/";
    const method = forwarded.headers.find(([k]) => k === ":method")?.[1] ?? "GET";
    const outgoing = httpRequest({ host: target.host, port: target.port, method, path, headers: toOutgoingHeaders(forwarded.headers) });
    let timer: NodeJS.Timeout | undefined;
    let requestCompletedAt: number | undefined;
    const requestCompleted = () => {
      requestCompletedAt = performance.now();
      if (target.timeoutMs) timer = setTimeout(() => (outgoing.destroy(), resolve(TIMED_OUT)), target.timeoutMs);
    };
    forwarded.signal.addEventListener("abort", () => outgoing.destroy(), { once: true });
    outgoing.on("response", (res: IncomingMessage) => {
      clearTimeout(timer);
      const status = res.statusCode ?? 502;
      const bodiless = method === "HEAD" || status < 200 || status === 204 || status === 304;
      resolve({ status, headers: fromRawHeaders(res.rawHeaders), body: bodiless || !hasBody(res, true) ? undefined : res, requestCompletedAt });
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(connectFailure(error.code ?? "connection failure"));
    });
    void sendBody(outgoing, forwarded.body).then((ended) => ended && requestCompleted());
  });
}

/** Writes the body as it streams, then ends the request; a body cut short resets it. Returns whether it ended. */
async function sendBody(outgoing: ClientRequest, body: AsyncIterable<Uint8Array>): Promise<boolean> {
  try {
    for await (const chunk of body) outgoing.write(chunk);
  } catch {
    outgoing.destroy();
    return false;
  }
  outgoing.end();
  return true;
}
