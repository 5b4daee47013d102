/** What an http call's callback receives. */
import { BufferType, getBufferBytes, getHeaderMapPairs, MapType, Pair } from "@higress-ts/proxy-wasm/assembly";
import { isHeaderName } from "./header-name";
import { responseStatusCode, STATUS_BAD_GATEWAY } from "./status";

/** The answer to an http call, or its failure. */
export class HttpResponse {
  constructor(
    /** The token `proxy_http_call` returned for the call. */
    public readonly token: u32,
    /** The `:status` (502 when missing or when the call failed, 500 when not a number). */
    public readonly statusCode: i32,
    /** The response headers as Envoy gave them (lower-case names, `:status` included); empty on failure. */
    public readonly headers: Pair[],
    /** The response body; empty on failure. */
    public readonly body: ArrayBuffer,
    /**
     * Whether the call failed without any response (Envoy reset the stream or overflowed its buffer; the host
     * reported no headers). `statusCode` is then 502, as in the Go SDK; an upstream's own 502 has `failed` false.
     */
    public readonly failed: bool,
  ) {}

  /** A response Envoy delivered, with its headers and body. */
  static answered(token: u32, headers: Pair[], body: ArrayBuffer): HttpResponse {
    return new HttpResponse(token, responseStatusCode(headers), headers, body, false);
  }

  /** A call that failed without a response. */
  static failure(token: u32): HttpResponse {
    return new HttpResponse(token, STATUS_BAD_GATEWAY, [], new ArrayBuffer(0), true);
  }

  /**
   * The answer to call `token` as the host holds it during `proxy_on_http_call_response` (readable only then, and
   * through the root context): `numHeaders` 0 is a failed call. Trailers are not read, as in Go.
   */
  static read(token: u32, numHeaders: u32, bodySize: u32): HttpResponse {
    if (numHeaders == 0) return HttpResponse.failure(token);
    const headers = getHeaderMapPairs(MapType.HttpCallResponseHeaders).value;
    let body: ArrayBuffer | null = null;
    if (bodySize > 0) body = getBufferBytes(BufferType.HttpCallResponseBody, 0, bodySize).value;
    return HttpResponse.answered(
      token,
      headers === null ? new Array<Pair>() : headers,
      body === null ? new ArrayBuffer(0) : body,
    );
  }

  /** The first value of header `name` (ASCII, any case) decoded from UTF-8, or null when absent. */
  header(name: string): string | null {
    const headers = this.headers;
    for (let i = 0; i < headers.length; i++) {
      const header = unchecked(headers[i]);
      if (isHeaderName(header.key, name)) return header.valueText();
    }
    return null;
  }

  /** The body decoded from UTF-8. */
  bodyText(): string {
    return String.UTF8.decode(this.body);
  }
}
