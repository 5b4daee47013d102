import { regionEquals } from "../json/scan";
import { MatchType } from "./category";

/** One `_match_domain_` entry: a leading `*` makes a suffix, else a trailing `*` a prefix, else an exact host. */
export class HostMatcher {
  constructor(readonly matchType: MatchType, readonly host: string) {}

  /** Reads a `_match_domain_` entry; a `*` elsewhere is literal, and `*` alone is the empty suffix (any host). */
  static parse(domain: string): HostMatcher {
    if (domain.startsWith("*")) return new HostMatcher(MatchType.Suffix, domain.substring(1));
    if (domain.endsWith("*")) return new HostMatcher(MatchType.Prefix, domain.substring(0, domain.length - 1));
    return new HostMatcher(MatchType.Exact, domain);
  }

  /** Whether `requestHost[0, hostEnd)` — the host without its port — matches, case-sensitively. */
  matches(requestHost: string, hostEnd: i32): bool {
    const length = this.host.length;
    switch (this.matchType) {
      case MatchType.Suffix: return length <= hostEnd && regionEquals(requestHost, hostEnd - length, hostEnd, this.host);
      case MatchType.Prefix: return length <= hostEnd && regionEquals(requestHost, 0, length, this.host);
      default: return regionEquals(requestHost, 0, hostEnd, this.host);
    }
  }
}

/**
 * Where the host part of an `:authority` ends: at the last ':' unless that colon is inside an IPv6 literal
 * (`[::1]:8080` → `[::1]`, `[::1]` stays whole), as Envoy's header utility strips ports.
 */
export function hostEnd(authority: string): i32 {
  const colon = authority.lastIndexOf(":");
  if (colon < 0) return authority.length;
  const ipv6End = authority.lastIndexOf("]");
  return ipv6End < colon ? colon : authority.length;
}

/** Whether any of `hosts` matches the request's `:authority`, port stripped. */
export function hostMatch(hosts: HostMatcher[], authority: string): bool {
  const end = hostEnd(authority);
  for (let i = 0; i < hosts.length; i++) {
    if (hosts[i].matches(authority, end)) return true;
  }
  return false;
}
