/**
 * The cluster manager of a host with real upstreams: HTTP and Redis callouts go over the network to the
 * endpoints of the cluster they name (from an envoy.yaml's clusters, or a test's list). Clusters answered by
 * test functions take precedence, name by name, so a test can fake one service and reach the others for real.
 */
import {
  FunctionCallouts, type Callouts, type HttpCallout, type HttpCalloutResult, type RedisCallout, type RedisCalloutResult,
  type RedisInit,
} from "./callouts.js";
import { systemClock, type Clock } from "./clock.js";
import { DEFAULT_CONNECT_TIMEOUT_MS, sendHttpCallout } from "./http-upstream.js";
import { RedisUpstream } from "./redis-upstream.js";
import { clusterResolver, type ClusterResolver, type UpstreamCluster } from "./upstream-clusters.js";

/** Callouts to real endpoints, with per-name overrides. */
export class NetworkCallouts implements Callouts {
  private readonly resolve: ClusterResolver;
  /** The next endpoint of each cluster (Envoy's default load balancer is round robin). */
  private readonly nextEndpoint = new Map<string, number>();
  private readonly redis: RedisUpstream;

  constructor(
    upstreams: readonly UpstreamCluster[] | ClusterResolver,
    /** Clusters answered by functions instead (a test's `clusters` / `redisClusters`). */
    private readonly overrides: Callouts = new FunctionCallouts(),
    /** What connect, request and Redis operation timeouts run on. */
    private readonly clock: Clock = systemClock,
  ) {
    this.resolve = typeof upstreams === "function" ? upstreams : clusterResolver(upstreams);
    this.redis = new RedisUpstream(this.resolve, undefined, clock);
  }

  /** Whether callouts to `cluster` go over the network (it is not answered by a test function). */
  reachesNetwork(cluster: string): boolean {
    if (this.overrides.hasHttpCluster(cluster) || this.overrides.hasRedisCluster(cluster)) return false;
    return this.resolve(cluster) !== undefined || this.redis.isInitialized(cluster);
  }

  // ---- HTTP ----

  hasHttpCluster(cluster: string): boolean {
    return this.overrides.hasHttpCluster(cluster) || this.resolve(cluster) !== undefined;
  }

  /**
   * A known cluster without endpoints: Envoy's router answers "no healthy upstream" inside the async client's
   * `send`, which then returns no request, so `proxy_http_call` fails with `INTERNAL_FAILURE` and no answer.
   */
  hasNoHealthyUpstream(cluster: string): boolean {
    return !this.overrides.hasHttpCluster(cluster) && this.resolve(cluster)?.endpoints.length === 0;
  }

  httpCall(callout: HttpCallout): Promise<HttpCalloutResult> {
    if (this.overrides.hasHttpCluster(callout.cluster)) return this.overrides.httpCall(callout);
    const cluster = this.resolve(callout.cluster)!;
    const index = this.nextEndpoint.get(cluster.name) ?? 0;
    this.nextEndpoint.set(cluster.name, (index + 1) % cluster.endpoints.length);
    return sendHttpCallout(callout, cluster.endpoints[index]!, cluster.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, this.clock);
  }

  // ---- Redis (the redis bridge: ./redis-upstream.ts) ----

  redisInit(init: RedisInit): boolean {
    if (this.overrides.hasRedisCluster(init.cluster)) return this.overrides.redisInit(init);
    return this.redis.init(init);
  }

  hasRedisCluster(cluster: string): boolean {
    return this.overrides.hasRedisCluster(cluster) || this.redis.isInitialized(cluster);
  }

  redisCall(callout: RedisCallout): Promise<RedisCalloutResult> {
    if (this.overrides.hasRedisCluster(callout.cluster)) return this.overrides.redisCall(callout);
    return this.redis.call(callout.cluster, callout.query);
  }

  /** Closes the Redis connections (HTTP callouts use a connection each and close it when answered). */
  close(): void {
    this.redis.close();
  }
}
