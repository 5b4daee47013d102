/** The envoy.yaml's clusters as `UpstreamCluster`s, with addresses optionally remapped, and round-robin picking. */
import type { ClusterConfig } from "../envoy-config/index.js";
import type { UpstreamCluster, UpstreamEndpoint } from "../services/upstream-clusters.js";

/**
 * Replaces endpoints given as `"host:port"` (as written in the file) with another `"host:port"`,
 * e.g. `{ "httpbin:80": "127.0.0.1:41234" }` to run the docker-compose file against local services.
 */
export type AddressMap = Readonly<Record<string, string>>;

function remap(endpoint: UpstreamEndpoint, addresses: AddressMap): UpstreamEndpoint {
  const target = addresses[`${endpoint.host}:${endpoint.port}`];
  if (target === undefined) return endpoint;
  const colon = target.lastIndexOf(":");
  return { host: target.slice(0, colon), port: Number(target.slice(colon + 1)) };
}

/** The clusters with their (remapped) endpoints. */
export function upstreamClusters(clusters: readonly ClusterConfig[], addresses: AddressMap = {}): UpstreamCluster[] {
  return clusters.map((cluster) => ({
    name: cluster.name,
    connectTimeoutMs: cluster.connectTimeoutMs,
    endpoints: cluster.endpoints.map((e) => remap({ host: e.address, port: e.port }, addresses)),
  }));
}

/** Picks endpoints per cluster in turn (`ROUND_ROBIN`; the other policies pick alike here). */
export class EndpointPicker {
  private readonly next = new Map<string, number>();

  constructor(private readonly clusters: readonly UpstreamCluster[]) {}

  /** The next endpoint of `cluster`, or undefined for an unknown cluster. */
  pick(cluster: string): UpstreamEndpoint | undefined {
    const endpoints = this.clusters.find((c) => c.name === cluster)?.endpoints ?? [];
    if (endpoints.length === 0) return undefined;
    const index = this.next.get(cluster) ?? 0;
    this.next.set(cluster, (index + 1) % endpoints.length);
    return endpoints[index];
  }
}
