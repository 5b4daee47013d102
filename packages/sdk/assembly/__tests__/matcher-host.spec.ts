import { HostMatcher, MatchType, hostEnd, hostMatch } from "../matcher";

function matchOne(matchType: MatchType, host: string, authority: string): bool {
  return hostMatch([new HostMatcher(matchType, host)], authority);
}

describe("_match_domain_ entries", () => {
  it("parse leading and trailing wildcards", () => {
    const suffix = HostMatcher.parse("*.example.com");
    expect(suffix.matchType).toBe(MatchType.Suffix);
    expect(suffix.host).toBe(".example.com");
    const prefix = HostMatcher.parse("www.*");
    expect(prefix.matchType).toBe(MatchType.Prefix);
    expect(prefix.host).toBe("www.");
    const any = HostMatcher.parse("*");
    expect(any.matchType).toBe(MatchType.Suffix);
    expect(any.host).toBe("");
    const exact = HostMatcher.parse("www.abc.com");
    expect(exact.matchType).toBe(MatchType.Exact);
    expect(exact.host).toBe("www.abc.com");
  });

  it("keep a '*' in the middle literal", () => {
    const middle = HostMatcher.parse("a.*.com");
    expect(middle.matchType).toBe(MatchType.Exact);
    expect(hostMatch([middle], "a.b.com")).toBe(false);
    expect(hostMatch([middle], "a.*.com")).toBe(true);
  });
});

describe("hostMatch (Go test vectors)", () => {
  it("prefix", () => {
    expect(matchOne(MatchType.Prefix, "www.", "www.test.com")).toBe(true);
    expect(matchOne(MatchType.Prefix, "www.", "test.com")).toBe(false);
  });

  it("suffix", () => {
    expect(matchOne(MatchType.Suffix, ".example.com", "www.example.com")).toBe(true);
    expect(matchOne(MatchType.Suffix, ".example.com", "example.com")).toBe(false);
  });

  it("exact, with and without port", () => {
    expect(matchOne(MatchType.Exact, "www.example.com", "www.example.com")).toBe(true);
    expect(matchOne(MatchType.Exact, "www.example.com", "example.com")).toBe(false);
    expect(matchOne(MatchType.Exact, "www.example.com", "www.example.com:8080")).toBe(true);
  });

  it("any: the empty suffix", () => {
    expect(matchOne(MatchType.Suffix, "", "www.example.com")).toBe(true);
    expect(matchOne(MatchType.Suffix, "", "")).toBe(true);
  });
});

describe("hostMatch details", () => {
  it("compares case-sensitively", () => {
    expect(matchOne(MatchType.Exact, "www.example.com", "WWW.example.com")).toBe(false);
  });

  it("applies wildcards to the host without its port", () => {
    expect(matchOne(MatchType.Suffix, ".example.com", "www.example.com:443")).toBe(true);
    expect(matchOne(MatchType.Prefix, "www.", "www.x:80")).toBe(true);
    expect(matchOne(MatchType.Suffix, ":443", "www.example.com:443")).toBe(false);
  });

  it("is true when any entry matches", () => {
    const hosts = [HostMatcher.parse("a.com"), HostMatcher.parse("*.b.com")];
    expect(hostMatch(hosts, "x.b.com")).toBe(true);
    expect(hostMatch(hosts, "c.com")).toBe(false);
    expect(hostMatch([], "a.com")).toBe(false);
  });

  it("matches IPv6 literals with and without port", () => {
    expect(matchOne(MatchType.Exact, "[::1]", "[::1]:8080")).toBe(true);
    expect(matchOne(MatchType.Exact, "[::1]", "[::1]")).toBe(true);
  });
});

describe("hostEnd (port stripping)", () => {
  it("cuts at the last colon outside an IPv6 literal", () => {
    expect(hostEnd("example.com")).toBe(11);
    expect(hostEnd("example.com:8080")).toBe(11);
    expect(hostEnd("[::1]:8080")).toBe(5);
    expect(hostEnd("[::1]")).toBe(5);
    expect(hostEnd("[2001:db8::1]")).toBe(13);
    expect(hostEnd("::1")).toBe(1);
    expect(hostEnd("host:")).toBe(4);
    expect(hostEnd("")).toBe(0);
  });
});
