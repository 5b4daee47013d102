// The request line and body-kind headers the SDK caches, matched on bytes.
import { Pair } from "@higress-ts/proxy-wasm/assembly";
import {
  CachedHeader, containsAscii, equalsIgnoringCase, isBinaryBody, pickCachedHeaders, REQUEST_HEADER_COUNT,
  RESPONSE_HEADER_COUNT, textOf,
} from "../cached-headers";

function bytes(text: string): ArrayBuffer {
  return String.UTF8.encode(text);
}

function requestHeaders(): Pair[] {
  return [
    Pair.of(":authority", "example.com"), Pair.of(":path", "/a?b=1"), Pair.of(":method", "POST"),
    Pair.of(":scheme", "https"), Pair.of("content-type", "application/json"), Pair.of("x-other", "1"),
    Pair.of(":path", "/second"),
  ];
}

describe("pickCachedHeaders", () => {
  it("keeps the first value of each cached header", () => {
    const values = pickCachedHeaders(requestHeaders(), REQUEST_HEADER_COUNT);
    expect(textOf(values[CachedHeader.Authority])).toBe("example.com");
    expect(textOf(values[CachedHeader.Path])).toBe("/a?b=1");
    expect(textOf(values[CachedHeader.Method])).toBe("POST");
    expect(textOf(values[CachedHeader.Scheme])).toBe("https");
    expect(textOf(values[CachedHeader.ContentType])).toBe("application/json");
  });

  it("leaves absent headers null, and reads only content-type/content-encoding on the response side", () => {
    expect(pickCachedHeaders(requestHeaders(), REQUEST_HEADER_COUNT)[CachedHeader.Upgrade] == null).toBe(true);
    const response = pickCachedHeaders(requestHeaders(), RESPONSE_HEADER_COUNT);
    expect(response.length).toBe(2);
    expect(textOf(response[CachedHeader.ContentType])).toBe("application/json");
    expect(response[CachedHeader.ContentEncoding] == null).toBe(true);
  });

  it("does not take a longer or shorter name for a cached one", () => {
    const values = pickCachedHeaders([Pair.of(":paths", "x"), Pair.of(":pat", "y")], REQUEST_HEADER_COUNT);
    expect(values[CachedHeader.Path] == null).toBe(true);
  });
});

describe("header value tests", () => {
  it("compares ignoring ASCII case, as strings.EqualFold does for these words", () => {
    expect(equalsIgnoringCase(bytes("Upgrade"), "upgrade")).toBe(true);
    expect(equalsIgnoringCase(bytes("WEBSOCKET"), "websocket")).toBe(true);
    expect(equalsIgnoringCase(bytes("upgrade, keep-alive"), "upgrade")).toBe(false);
    expect(equalsIgnoringCase(null, "upgrade")).toBe(false);
  });

  it("finds a substring case-sensitively, as strings.Contains does", () => {
    expect(containsAscii(bytes("application/octet-stream"), "octet-stream")).toBe(true);
    expect(containsAscii(bytes("application/grpc+proto"), "grpc")).toBe(true);
    expect(containsAscii(bytes("application/GRPC"), "grpc")).toBe(false);
    expect(containsAscii(bytes("grp"), "grpc")).toBe(false);
    expect(containsAscii(null, "grpc")).toBe(false);
  });

  it("calls a body binary for octet-stream, gRPC or any content encoding", () => {
    expect(isBinaryBody(bytes("application/octet-stream"), null)).toBe(true);
    expect(isBinaryBody(bytes("application/grpc"), null)).toBe(true);
    expect(isBinaryBody(bytes("text/plain"), bytes("gzip"))).toBe(true);
    expect(isBinaryBody(bytes("application/json"), null)).toBe(false);
    expect(isBinaryBody(null, bytes(""))).toBe(false);
  });
});
