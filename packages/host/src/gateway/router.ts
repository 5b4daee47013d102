/**
 * The router filter at the end of the chain: re-selects the route on the headers the wasm filters forwarded
 * (header edits clear Envoy's route cache), answers `direct_response` and no-route itself, and proxies to an
 * endpoint of the route's cluster with the headers Envoy's router adds.
 */
import type { HeaderPairs } from "../abi/pairs.js";
import type { HttpConnectionManagerConfig, RouteConfig } from "../envoy-config/index.js";
import type { StreamingUpstream, UpstreamRequestStream, UpstreamResponse } from "../stream/messages.js";
import type { AccessRecord } from "./access-log.js";
import type { EndpointPicker } from "./clusters.js";
import { selectRoute, selectVirtualHost } from "./route-table.js";
import { proxyRequest } from "./upstream-proxy.js";

const header = (pairs: HeaderPairs, name: string) => pairs.find(([k]) => k === name)?.[1];

/** The route for a request's headers, as the connection manager picks it. */
export function findRoute(http: HttpConnectionManagerConfig, headers: HeaderPairs): RouteConfig | undefined {
  const vhost = selectVirtualHost(http.virtualHosts, header(headers, ":authority") ?? "");
  return vhost === undefined ? undefined : selectRoute(vhost.routes, headers);
}

/** Sets or replaces one header. */
function withHeader(pairs: HeaderPairs, name: string, value: string): HeaderPairs {
  return [...pairs.filter(([k]) => k !== name), [name, value]];
}

/** Envoy's route-level rewrites: `prefix_rewrite` (keeping `x-envoy-original-path`) and `host_rewrite_literal`. */
function rewrite(route: RouteConfig, headers: HeaderPairs, suppress: boolean): HeaderPairs {
  if (route.action.kind !== "route") return headers;
  let result = headers;
  const { prefixRewrite, hostRewriteLiteral } = route.action;
  const path = header(headers, ":path") ?? "/";
  if (prefixRewrite !== undefined && route.match.prefix !== undefined) {
    result = withHeader(result, ":path", prefixRewrite + path.slice(route.match.prefix.length));
    if (!suppress) result = withHeader(result, "x-envoy-original-path", path);
  }
  if (hostRewriteLiteral !== undefined) result = withHeader(result, ":authority", hostRewriteLiteral);
  return result;
}

/** The router as the chain's terminal upstream, fed as the filters release the request; `record` collects what the access log reports. */
export function router(http: HttpConnectionManagerConfig, endpoints: EndpointPicker, record: AccessRecord): StreamingUpstream {
  return { start: (forwarded) => routeRequest(http, endpoints, record, forwarded) };
}

/** Routes one request: a local answer, or the proxied upstream's. */
async function routeRequest(http: HttpConnectionManagerConfig, endpoints: EndpointPicker, record: AccessRecord, forwarded: UpstreamRequestStream): Promise<UpstreamResponse> {
  const route = findRoute(http, forwarded.headers);
  if (route === undefined) {
    record.flags.add("NR");
    return { status: 404 };
  }
  const action = route.action;
  if (action.kind === "direct_response") return { status: action.status, body: action.body };
  const suppress = http.suppressEnvoyHeaders;
  let headers = rewrite(route, forwarded.headers, suppress);
  if (!suppress && action.timeoutMs > 0) headers = withHeader(headers, "x-envoy-expected-rq-timeout-ms", String(action.timeoutMs));
  const override = forwarded.overrideHost?.split(":");
  const endpoint = override ? { host: override[0]!, port: Number(override[1] ?? 80) } : endpoints.pick(action.cluster);
  if (endpoint === undefined) {
    record.flags.add("UH");
    return { status: 503, headers: { "content-type": "text/plain" }, body: "no healthy upstream" };
  }
  record.upstreamHost = `${endpoint.host}:${endpoint.port}`;
  const response = await proxyRequest({ ...endpoint, timeoutMs: action.timeoutMs }, { ...forwarded, headers });
  if (response.responseFlag !== undefined) {
    record.flags.add(response.responseFlag);
    return response;
  }
  // Envoy counts the service time from the end of the downstream request, and has none if the response came first
  if (suppress || response.requestCompletedAt === undefined) return response;
  record.upstreamServiceTime = String(Math.round(performance.now() - response.requestCompletedAt));
  const upstreamHeaders = Array.isArray(response.headers) ? response.headers : Object.entries(response.headers ?? {});
  return { ...response, headers: [...upstreamHeaders, ["x-envoy-upstream-service-time", record.upstreamServiceTime]] };
}
