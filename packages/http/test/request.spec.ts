import { Pair } from "@higress-ts/proxy-wasm/assembly";
import { FQDNCluster, TargetCluster } from "../assembly/cluster";
import { callAuthority, callHeaders, DEFAULT_TIMEOUT_MS, UNKNOWN_HOST } from "../assembly/request";
import { parseRequestUrl } from "../assembly/url";

function lines(headers: Pair[]): string {
  const parts = new Array<string>();
  for (let i = 0; i < headers.length; i++) parts.push(headers[i].keyText() + ": " + headers[i].valueText());
  return parts.join("\n");
}

describe("callAuthority", () => {
  it("uses the cluster's host for a path-only URL", () => {
    expect(callAuthority(new FQDNCluster("httpbin.org", 80), parseRequestUrl("/post"))).toBe("httpbin.org");
  });
  it("prefers the host named by an absolute URL", () => {
    const url = parseRequestUrl("http://api.example:8080/v1");
    expect(callAuthority(new FQDNCluster("httpbin.org", 80), url)).toBe("api.example:8080");
  });
  it("falls back to unknownhost when neither names one", () => {
    expect(UNKNOWN_HOST).toBe("unknownhost");
    expect(callAuthority(new TargetCluster("outbound|80||x.dns"), parseRequestUrl("/"))).toBe("unknownhost");
  });
});

describe("callHeaders", () => {
  it("appends :method, :path and :authority after the caller's headers", () => {
    const headers = [Pair.of("content-type", "application/json"), Pair.of("x-a", "1")];
    expect(lines(callHeaders("POST", "/post", "httpbin.org", headers))).toBe(
      "content-type: application/json\nx-a: 1\n:method: POST\n:path: /post\n:authority: httpbin.org",
    );
    expect(headers.length).toBe(2, "the caller's list is left as it was");
  });
  it("drops the caller's own :method, :path and :authority, in any case, and keeps other pseudo-headers", () => {
    const headers = [
      Pair.of(":method", "PUT"),
      Pair.of("x-keep", "yes"),
      Pair.of(":PATH", "/evil"),
      Pair.of(":Authority", "evil.example"),
      Pair.of(":scheme", "https"),
    ];
    expect(lines(callHeaders("GET", "/get", "httpbin.org", headers))).toBe(
      "x-keep: yes\n:scheme: https\n:method: GET\n:path: /get\n:authority: httpbin.org",
    );
  });
  it("accepts no headers at all", () => {
    expect(lines(callHeaders("GET", "/", "h", null))).toBe(":method: GET\n:path: /\n:authority: h");
  });
  it("defaults the timeout to 500 ms", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(500);
  });
});
