/**
 * Clusters with real endpoints, as Envoy's cluster manager knows them (from an envoy.yaml's `clusters`, or given
 * directly by a test). HTTP and Redis callouts to such a cluster go over the network to one of its endpoints.
 */

/** One endpoint of a cluster: `socket_address` in Envoy's terms. */
export interface UpstreamEndpoint {
  readonly host: string;
  readonly port: number;
}

/** A named cluster with its endpoints. */
export interface UpstreamCluster {
  /** The cluster name exactly as plugins dispatch to it, e.g. `outbound|80||httpbin.dns`. */
  readonly name: string;
  readonly endpoints: readonly UpstreamEndpoint[];
  /** Envoy's `connect_timeout` (default 5 s). */
  readonly connectTimeoutMs?: number;
}

/** Finds a cluster by name; `undefined` when Envoy would not know it. */
export type ClusterResolver = (name: string) => UpstreamCluster | undefined;

/** A resolver over a fixed list of clusters. */
export function clusterResolver(clusters: readonly UpstreamCluster[]): ClusterResolver {
  const byName = new Map(clusters.map((cluster) => [cluster.name, cluster]));
  return (name) => byName.get(name);
}
