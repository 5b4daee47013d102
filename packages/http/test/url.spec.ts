import { parseRequestUrl, RequestUrl } from "../assembly/url";

function parsed(raw: string): RequestUrl {
  const url = parseRequestUrl(raw);
  expect(url.error).toBeNull("unexpected error for " + raw);
  return url;
}

function rejection(raw: string): string {
  const error = parseRequestUrl(raw).error;
  expect(error).not.toBeNull("expected an error for " + raw);
  return error!;
}

describe("parseRequestUrl: path-only URLs", () => {
  it("keeps the path and the raw query and has no host", () => {
    const url = parsed("/get?a=1&b=%20x");
    expect(url.host).toBe("");
    expect(url.path).toBe("/get");
    expect(url.query).toBe("a=1&b=%20x");
    expect(url.requestPath()).toBe("/get?a=1&b=%20x");
  });
  it("adds the leading slash to a relative path and gives / for an empty URL", () => {
    expect(parsed("post").requestPath()).toBe("/post");
    expect(parsed("").requestPath()).toBe("/");
    expect(parsed("?x=1").requestPath()).toBe("/?x=1");
  });
  it("drops the fragment and an empty query", () => {
    expect(parsed("/a?b=1#frag").requestPath()).toBe("/a?b=1");
    expect(parsed("/a?").requestPath()).toBe("/a");
  });
  it("keeps percent escapes in the path as written", () => {
    expect(parsed("/files/a%2Fb%20c").requestPath()).toBe("/files/a%2Fb%20c");
  });
  it("treats three leading slashes as a path, not an authority", () => {
    const url = parsed("///x");
    expect(url.host).toBe("");
    expect(url.requestPath()).toBe("///x");
  });
});

describe("parseRequestUrl: absolute URLs", () => {
  it("takes the authority with its port and the path", () => {
    const url = parsed("http://httpbin.org:8080/anything/x?y=2#z");
    expect(url.host).toBe("httpbin.org:8080");
    expect(url.requestPath()).toBe("/anything/x?y=2");
  });
  it("gives / when the URL has only an authority", () => {
    const url = parsed("https://example.com");
    expect(url.host).toBe("example.com");
    expect(url.requestPath()).toBe("/");
    expect(parsed("https://example.com?q=1").requestPath()).toBe("/?q=1");
  });
  it("drops user info from the authority", () => {
    expect(parsed("http://user:pa@ss@example.com/").host).toBe("example.com");
  });
  it("accepts a scheme-relative URL and bracketed IPv6 hosts", () => {
    expect(parsed("//svc.local/p").host).toBe("svc.local");
    expect(parsed("http://[::1]:9000/p").host).toBe("[::1]:9000");
  });
  it("has no path for an opaque URL", () => {
    const url = parsed("mailto:someone@example.com");
    expect(url.host).toBe("");
    expect(url.requestPath()).toBe("/");
  });
});

describe("parseRequestUrl: rejections", () => {
  it("rejects control characters", () => {
    expect(rejection("/a\nb")).toBe('invalid URL "/a\nb": invalid control character in URL');
  });
  it("rejects a bad escape in the path and in the fragment", () => {
    expect(rejection("/a%zz")).toBe('invalid URL "/a%zz": invalid URL escape "%zz"');
    expect(rejection("/a%4")).toBe('invalid URL "/a%4": invalid URL escape "%4"');
    expect(rejection("/a#%")).toBe('invalid URL "/a#%": invalid URL escape "%"');
  });
  it("rejects a URL that starts with a colon", () => {
    expect(rejection("://x")).toBe('invalid URL "://x": missing protocol scheme');
  });
  it("rejects a colon in a scheme-less first segment", () => {
    expect(rejection("1a:b/c")).toBe('invalid URL "1a:b/c": first path segment in URL cannot contain colon');
  });
  it("rejects a non-numeric port and an unclosed IPv6 host", () => {
    expect(rejection("http://host:8o/")).toBe('invalid URL "http://host:8o/": invalid port ":8o" after host');
    expect(rejection("http://[::1/")).toBe('invalid URL "http://[::1/": missing \']\' in host');
    expect(rejection("http://[::1]x/")).toBe('invalid URL "http://[::1]x/": invalid port "x" after host');
  });
});
