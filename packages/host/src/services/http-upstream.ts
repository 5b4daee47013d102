/**
 * One HTTP callout sent to a real endpoint with node:http, answered as Envoy's async client answers
 * `proxy_http_call` (reference §8.6): the upstream's response as it arrived, once it is complete; the router's
 * own reply while no response has started (504 when the callout's timeout fires, 503 when the connection
 * cannot be made or closes before response headers); a reset (the failure form) when a response that has
 * started is cut short, by the upstream or by the timeout.
 */
import { request, type ClientRequest, type IncomingMessage } from "node:http";
import type { HeaderPairs } from "../abi/pairs.js";
import type { HttpCallout, HttpCalloutResult } from "./callouts.js";
import { systemClock, type Clock } from "./clock.js";
import type { UpstreamEndpoint } from "./upstream-clusters.js";

/** Envoy's default cluster `connect_timeout`. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/** The text of Envoy's router replies when the upstream fails before response headers. */
const BEFORE_HEADERS = "upstream connect error or disconnect/reset before headers. reset reason: ";

/** strerror(3) texts of the connect errors Envoy reports as `delayed connect error: <text>`. */
const CONNECT_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "Connection refused",
  EHOSTUNREACH: "No route to host",
  ENETUNREACH: "Network is unreachable",
};

/**
 * A reply the async client's router makes itself (Envoy `Utility::sendLocalReply` without a connection
 * manager): `:status`, then `content-length` and `content-type: text/plain` for the body; nothing else.
 */
export function routerReply(status: number, text: string): HttpCalloutResult {
  const body = new TextEncoder().encode(text);
  return {
    headers: [[":status", String(status)], ["content-length", String(body.length)], ["content-type", "text/plain"]],
    body,
  };
}

/** Envoy's answer when the connection fails or closes before the upstream sent response headers. */
function connectionFailure(error: NodeJS.ErrnoException, connected: boolean): HttpCalloutResult {
  if (connected) return routerReply(503, `${BEFORE_HEADERS}connection termination`);
  const reason = CONNECT_ERRORS[error.code ?? ""] ?? error.message;
  return routerReply(503, `${BEFORE_HEADERS}remote connection failure, transport failure reason: delayed connect error: ${reason}`);
}

/** Node's `rawHeaders` list as Envoy's header pairs (names lower-cased, order and duplicates kept). */
function pairsOf(raw: readonly string[]): HeaderPairs {
  const pairs: Array<readonly [string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
  return pairs;
}

/** The callout's headers as an HTTP/1 request: `:method`, `:path`, `:authority` become the request line and `host`. */
function requestOf(callout: HttpCallout, endpoint: UpstreamEndpoint): ClientRequest {
  const headers: string[] = [];
  let method = "GET";
  let path = "/";
  for (const [name, value] of callout.headers) {
    if (name === ":method") method = value;
    else if (name === ":path") path = value;
    else if (name === ":authority") headers.push("host", value);
    else if (!name.startsWith(":")) headers.push(name, value);
  }
  // One connection per callout: no pooled connection that the upstream may close between calls.
  return request({ host: endpoint.host, port: endpoint.port, method, path, headers, agent: false });
}

/** The complete response: `:status` first, then the upstream's headers, body and trailers. */
function answerOf(response: IncomingMessage, chunks: readonly Buffer[]): HttpCalloutResult {
  return {
    headers: [[":status", String(response.statusCode ?? 0)], ...pairsOf(response.rawHeaders)],
    body: Buffer.concat(chunks),
    trailers: pairsOf(response.rawTrailers),
  };
}

/** Sends `callout` to `endpoint`; never rejects (every outcome is an answer Envoy would give). Timeouts run on `clock`. */
export function sendHttpCallout(
  callout: HttpCallout,
  endpoint: UpstreamEndpoint,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
  clock: Clock = systemClock,
): Promise<HttpCalloutResult> {
  return new Promise((resolve) => {
    const outgoing = requestOf(callout, endpoint);
    let connected = false;
    let responseStarted = false;
    let settled = false;
    const timers: Array<() => void> = [];
    const settle = (result: HttpCalloutResult) => {
      if (settled) return;
      settled = true;
      timers.forEach((cancel) => cancel());
      outgoing.destroy();
      resolve(result);
    };
    const abort = (beforeHeaders: HttpCalloutResult) => settle(responseStarted ? { reset: true } : beforeHeaders);

    timers.push(clock.setTimer(connectTimeoutMs, () => connected || settle(routerReply(503, `${BEFORE_HEADERS}connection timeout`))));
    if (callout.timeoutMs > 0) {
      timers.push(clock.setTimer(callout.timeoutMs, () => abort(routerReply(504, "upstream request timeout"))));
    }
    outgoing.on("socket", (socket) => socket.once("connect", () => { connected = true; }));
    outgoing.on("error", (error: NodeJS.ErrnoException) => abort(connectionFailure(error, connected)));
    outgoing.on("response", (response: IncomingMessage) => {
      responseStarted = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => settle(answerOf(response, chunks)));
      response.on("close", () => response.complete || settle({ reset: true }));
    });
    // CONNECT: the upstream's answer is the whole response; the tunnel itself is not used.
    outgoing.on("connect", (response: IncomingMessage) => settle(answerOf(response, [])));
    outgoing.end(callout.body);
  });
}
