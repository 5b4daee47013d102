/** Route selection as Envoy's route table does it: virtual host by `:authority`, then the first matching route. */
import type { HeaderPairs } from "../abi/pairs.js";
import type { HeaderMatcher, RouteConfig, RouteMatch, VirtualHostConfig } from "../envoy-config/index.js";

/** Picks the virtual host: exact domain, then the longest `*.suffix`, then the longest `prefix.*`, then `*`. */
export function selectVirtualHost(hosts: readonly VirtualHostConfig[], authority: string): VirtualHostConfig | undefined {
  const host = authority.toLowerCase();
  let best: { readonly vhost: VirtualHostConfig; readonly rank: number; readonly length: number } | undefined;
  for (const vhost of hosts) {
    for (const domain of vhost.domains.map((d) => d.toLowerCase())) {
      const rank =
        domain === host ? 3
        : domain === "*" ? 0
        : domain.startsWith("*") && host.endsWith(domain.slice(1)) && host.length > domain.length - 1 ? 2
        : domain.endsWith("*") && host.startsWith(domain.slice(0, -1)) && host.length > domain.length - 1 ? 1
        : -1;
      if (rank < 0) continue;
      if (best === undefined || rank > best.rank || (rank === best.rank && domain.length > best.length)) {
        best = { vhost, rank, length: domain.length };
      }
    }
  }
  return best?.vhost;
}

/** The first route whose match accepts the request headers. */
export function selectRoute(routes: readonly RouteConfig[], headers: HeaderPairs): RouteConfig | undefined {
  return routes.find((route) => matches(route.match, headers));
}

function matches(match: RouteMatch, headers: HeaderPairs): boolean {
  const fullPath = headers.find(([k]) => k === ":path")?.[1] ?? "/";
  const path = fullPath.split("?")[0]!;
  const fold = (s: string) => (match.caseSensitive ? s : s.toLowerCase());
  if (match.prefix !== undefined && !fold(path).startsWith(fold(match.prefix))) return false;
  if (match.path !== undefined && fold(path) !== fold(match.path)) return false;
  return match.headers.every((matcher) => headerMatches(matcher, headers));
}

/** Envoy joins repeated headers with `,` before matching. */
function headerMatches(matcher: HeaderMatcher, headers: HeaderPairs): boolean {
  const values = headers.filter(([k]) => k === matcher.name).map(([, v]) => v);
  const value = values.join(",");
  const found =
    values.length > 0 &&
    (matcher.kind === "present" ||
      (matcher.kind === "exact" && value === matcher.value) ||
      (matcher.kind === "prefix" && value.startsWith(matcher.value)) ||
      (matcher.kind === "suffix" && value.endsWith(matcher.value)) ||
      (matcher.kind === "contains" && value.includes(matcher.value)));
  return found !== matcher.invert;
}
