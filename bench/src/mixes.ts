/**
 * The requests the bench sends. `ONE_REQUEST` is the per-request figure's unit: a POST with a two-chunk body
 * answered by the upstream with a body, so a plugin that lets it through sees every callback of a stream.
 * `LONG_RUN_MIX` varies methods, body sizes and chunking for the memory run.
 */
import type { BenchRequest, CannedResponse, Pairs } from "./driver/bench-request.js";

const encoder = new TextEncoder();

/** `size` bytes of JSON-ish text split into `chunks` chunks. */
function body(size: number, chunks: number): Uint8Array[] {
  const text = encoder.encode(`{"data":"${"x".repeat(Math.max(0, size - 11))}"}`);
  const step = Math.ceil(text.length / chunks);
  return Array.from({ length: chunks }, (_, i) => text.subarray(i * step, Math.min(text.length, (i + 1) * step)));
}

/** The request headers a browser-like client sends through a gateway. */
function requestHeaders(method: string, path: string, extra: Pairs = []): Pairs {
  return [
    [":authority", "example.com"], [":path", path], [":method", method], [":scheme", "http"],
    ["user-agent", "bench/1.0"], ["accept", "*/*"], ["accept-encoding", "gzip, deflate"],
    ["x-request-id", "0f4c6a8e-2d1b-4c9a-9a55-6a3b2c1d0e9f"], ["x-forwarded-proto", "http"],
    ...extra,
  ];
}

function response(status: number, bodyChunks: Uint8Array[]): CannedResponse {
  const length = bodyChunks.reduce((sum, chunk) => sum + chunk.length, 0);
  return {
    headers: [[":status", String(status)], ["content-type", "application/json"], ["content-length", String(length)], ["server", "upstream"]],
    body: bodyChunks,
  };
}

/** One request with every callback of a stream: headers, two body chunks, response headers and body. */
export const ONE_REQUEST: BenchRequest = {
  headers: requestHeaders("POST", "/api/items", [["content-type", "application/json"], ["content-length", "256"]]),
  body: body(256, 2),
  routeName: "api",
  response: response(200, body(128, 1)),
};

/** The long-run mix: no body, small and large bodies in several chunks, several routes and statuses. */
export const LONG_RUN_MIX: readonly BenchRequest[] = [
  { headers: requestHeaders("GET", "/"), body: [], routeName: "root", response: response(200, body(512, 1)) },
  ONE_REQUEST,
  {
    headers: requestHeaders("PUT", "/api/items/42?force=true", [["content-type", "application/json"], ["content-length", "16384"]]),
    body: body(16384, 4),
    routeName: "api",
    response: response(201, body(4096, 3)),
  },
  { headers: requestHeaders("DELETE", "/api/items/42"), body: [], routeName: "api", response: response(404, []) },
];
