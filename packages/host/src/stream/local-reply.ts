/** Local replies as Envoy builds them (`Http::Utility::prepareLocalReply`, reference §8.1). */
import { GrpcStatus } from "../abi/enums.js";
import type { HeaderPairs } from "../abi/pairs.js";
import { HeaderMap } from "./header-map.js";

/** What `proxy_send_local_response` asked for. */
export interface LocalReplyRequest {
  readonly status: number;
  /** `response.code_details`; whitespace becomes `_`. */
  readonly details: string;
  readonly body: Uint8Array;
  readonly headers: HeaderPairs;
  /** 0..16, or undefined for the SDKs' -1 ("no gRPC status"). */
  readonly grpcStatus: number | undefined;
}

/** A reply ready to go down the encoder path. */
export interface LocalReply {
  readonly headers: HeaderMap;
  /** Empty for gRPC, whose trailers-only reply carries the message in `grpc-message`. */
  readonly body: Uint8Array;
  /** `response.code_details`. */
  readonly details: string;
}

/** Envoy `Grpc::Utility::httpToGrpcStatus`. */
function httpToGrpcStatus(status: number): number {
  switch (status) {
    case 400: return GrpcStatus.Internal;
    case 401: return GrpcStatus.Unauthenticated;
    case 403: return GrpcStatus.PermissionDenied;
    case 404: return GrpcStatus.Unimplemented;
    case 429: case 502: case 503: case 504: return GrpcStatus.Unavailable;
    default: return GrpcStatus.Unknown;
  }
}

/** Percent-encodes a grpc-message as Envoy's `PercentEncoding::encode` does (controls, `%`, non-ASCII). */
function percentEncode(text: Uint8Array): string {
  let out = "";
  for (const byte of text) {
    out += byte < 0x20 || byte > 0x7e || byte === 0x25 ? `%${byte.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(byte);
  }
  return out;
}

/**
 * Builds the reply: `:status`, then the plugin's headers; for HTTP a non-empty body sets content-length
 * and, unless the plugin set one, content-type `text/plain`, an empty body removes both; for gRPC a
 * trailers-only 200 with grpc-status and grpc-message; HEAD drops the body.
 */
export function prepareLocalReply(request: LocalReplyRequest, requestHeaders: HeaderMap): LocalReply {
  const headers = new HeaderMap([[":status", String(request.status)]]);
  for (const [k, v] of request.headers) headers.add(k, v);
  const details = request.details.replace(/\s/g, "_");
  if ((requestHeaders.get("content-type") ?? "").startsWith("application/grpc")) {
    headers.set(":status", "200");
    headers.set("content-type", "application/grpc");
    headers.set("grpc-status", String(request.grpcStatus ?? httpToGrpcStatus(request.status)));
    if (request.body.length > 0) headers.set("grpc-message", percentEncode(request.body));
    return { headers, body: new Uint8Array(0), details };
  }
  if (request.body.length > 0) {
    headers.set("content-length", String(request.body.length));
    if (headers.get("content-type") === undefined) headers.set("content-type", "text/plain");
  } else {
    headers.remove("content-length");
    headers.remove("content-type");
  }
  const body = requestHeaders.get(":method") === "HEAD" ? new Uint8Array(0) : request.body;
  return { headers, body, details };
}
