/**
 * The Redis half of the network callouts: `proxy_redis_init` and `proxy_redis_call` against real Redis servers,
 * the endpoints of the named clusters. `init` takes the cluster name as the Go SDK builds it
 * (`outbound|6379||redis.dns?db=1&buffer_flush_timeout=3&max_buffer_size_before_flush=1024`), with the
 * username, password and per-operation timeout; commands go to the bare cluster name, on one pipelined
 * connection per cluster (see `RedisConnection`).
 */
import type { RedisCalloutResult, RedisInit } from "./callouts.js";
import { systemClock, type Clock } from "./clock.js";
import { RedisConnection, type RedisClientSettings, type RedisWarning } from "./redis-connection.js";
import type { ClusterResolver, UpstreamCluster } from "./upstream-clusters.js";

/** Envoy's default `connect_timeout`. */
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/** The cluster and database named by an init cluster name; `undefined` when a parameter is not understood. */
export function parseRedisTarget(target: string): { cluster: string; database: number } | undefined {
  const question = target.indexOf("?");
  if (question < 0) return { cluster: target, database: 0 };
  let database = 0;
  for (const parameter of target.slice(question + 1).split("&")) {
    const [key, value = ""] = parameter.split("=", 2) as [string, string?];
    if (!/^[0-9]+$/.test(value)) return undefined;
    if (key === "db") database = Number(value);
    // Envoy's write buffering: Node already coalesces the writes of one tick, so the values change nothing here.
    else if (key !== "buffer_flush_timeout" && key !== "max_buffer_size_before_flush") return undefined;
  }
  return { cluster: target.slice(0, question), database };
}

/** A Redis client per cluster, connected to the cluster's first endpoint. */
export class RedisUpstream {
  private readonly clients = new Map<string, { endpoint: UpstreamCluster["endpoints"][number]; settings: RedisClientSettings }>();
  private readonly connections = new Map<string, RedisConnection>();

  constructor(
    private readonly resolve: ClusterResolver,
    private readonly warn: RedisWarning = () => undefined,
    /** What connect and operation timeouts run on. */
    private readonly clock: Clock = systemClock,
  ) {}

  /** Whether the bridge can reach the cluster at all (Envoy: an unknown cluster is `BAD_ARGUMENT`). */
  hasCluster(name: string): boolean {
    return (this.resolve(name)?.endpoints.length ?? 0) > 0;
  }

  /**
   * Sets up (or replaces) the client of a cluster; false when the cluster is unknown or the name's parameters
   * are not understood. A replaced client's connection finishes what it was sent and is not used again.
   */
  init(init: RedisInit): boolean {
    const target = parseRedisTarget(init.cluster);
    const cluster = target === undefined ? undefined : this.resolve(target.cluster);
    if (target === undefined || cluster === undefined || cluster.endpoints.length === 0) return false;
    this.clients.set(target.cluster, {
      endpoint: cluster.endpoints[0]!,
      settings: {
        username: init.username,
        password: init.password,
        database: target.database,
        opTimeoutMs: init.timeoutMs,
        connectTimeoutMs: cluster.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      },
    });
    this.connections.get(target.cluster)?.retire();
    this.connections.delete(target.cluster);
    return true;
  }

  /** Whether `proxy_redis_call` may go to `cluster`: it was initialised. */
  isInitialized(cluster: string): boolean {
    return this.clients.has(cluster);
  }

  /** Sends a raw RESP command to an initialised cluster; settles with the raw reply or `NetworkError`. */
  call(cluster: string, query: Uint8Array): Promise<RedisCalloutResult> {
    const client = this.clients.get(cluster);
    if (client === undefined) return Promise.resolve({ status: 1 });
    let connection = this.connections.get(cluster);
    if (connection === undefined || connection.closed) {
      connection = new RedisConnection(client.endpoint, client.settings, this.warn, this.clock);
      this.connections.set(cluster, connection);
    }
    return connection.send(query);
  }

  /** Closes every connection; commands still waiting fail. */
  close(): void {
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }
}
