/**
 * Where HTTP, Redis and gRPC callouts go. Envoy resolves a callout's cluster and answers asynchronously on the
 * root context; a `Callouts` implementation is that cluster manager. `FunctionCallouts` answers from test
 * functions; a bridge to real upstreams implements the same interface. gRPC calls go to any HTTP cluster the
 * manager knows and are answered by hand (the host has no gRPC client).
 */
import type { HeaderPairs } from "../abi/pairs.js";

/** An HTTP callout as `proxy_http_call` dispatched it. */
export interface HttpCallout {
  readonly token: number;
  readonly cluster: string;
  readonly headers: HeaderPairs;
  readonly body: Uint8Array;
  readonly trailers: HeaderPairs;
  /** 0 = no per-request timeout. */
  readonly timeoutMs: number;
}

/** A callout's answer; `reset` is a failure (`proxy_on_http_call_response` with 0,0,0 and status 11 "reset"). */
export type HttpCalloutResult =
  | { readonly headers: HeaderPairs; readonly body?: Uint8Array | string; readonly trailers?: HeaderPairs }
  | { readonly reset: true };

/** A Redis command (raw RESP) as `proxy_redis_call` dispatched it. */
export interface RedisCallout {
  readonly token: number;
  readonly cluster: string;
  readonly query: Uint8Array;
}

/** `proxy_redis_init`'s arguments. */
export interface RedisInit {
  /** The cluster name, as the Go SDK builds it with `?db=N&buffer_flush_timeout=MS&max_buffer_size_before_flush=BYTES`. */
  readonly cluster: string;
  readonly username: string;
  readonly password: string;
  /** The per-operation timeout. */
  readonly timeoutMs: number;
}

/**
 * A gRPC call or stream as `proxy_grpc_call` / `proxy_grpc_stream` dispatched it. The token tells which: calls
 * 5, 9…; streams 6, 10….
 */
export interface GrpcCallout {
  readonly token: number;
  /** The cluster name (Envoy also takes a serialized `GrpcService`, which the local host does not parse). */
  readonly service: string;
  /** The gRPC service, e.g. `pkg.Greeter`. */
  readonly serviceName: string;
  readonly method: string;
  readonly initialMetadata: HeaderPairs;
  /** A call's request message; a stream's messages come later (`PendingGrpcStream.sent`). */
  readonly message?: Uint8Array;
  /** A call's timeout; 0 = none. Streams have none. */
  readonly timeoutMs: number;
}

/** A Redis answer: Higress `RedisStatus` 0 (Ok) with the raw RESP reply, or 1 (NetworkError). */
export type RedisCalloutResult = { readonly status: 0; readonly response: Uint8Array | string } | { readonly status: 1 };

/** The cluster manager behind callouts. */
export interface Callouts {
  /** Whether an HTTP cluster exists (Envoy: unknown ⇒ `BAD_ARGUMENT`). */
  hasHttpCluster(cluster: string): boolean;
  /**
   * Whether a known cluster has no endpoint to send to (Envoy: "no healthy upstream" inside the async client's
   * `send`, so `proxy_http_call` returns `INTERNAL_FAILURE` and nothing is answered). Absent: never.
   */
  hasNoHealthyUpstream?(cluster: string): boolean;
  /**
   * Whether a known cluster's callouts go over the network to real endpoints, which then time them out
   * themselves. Absent: never (the host times out callouts of test clusters on its clock).
   */
  reachesNetwork?(cluster: string): boolean;
  /** Sends an HTTP callout to a known cluster. */
  httpCall(callout: HttpCallout): Promise<HttpCalloutResult>;
  /** Sets up the Redis client of a cluster (`proxy_redis_init`); false when Envoy would refuse it. */
  redisInit(init: RedisInit): boolean;
  /** Whether a Redis cluster can take commands. */
  hasRedisCluster(cluster: string): boolean;
  /** Sends a Redis command to a known cluster. */
  redisCall(callout: RedisCallout): Promise<RedisCalloutResult>;
}

/** A test cluster: a function that answers each callout. */
export type HttpClusterHandler = (callout: HttpCallout) => HttpCalloutResult | Promise<HttpCalloutResult>;
/** A test Redis cluster. */
export type RedisClusterHandler = (callout: RedisCallout) => RedisCalloutResult | Promise<RedisCalloutResult>;

/**
 * A cluster whose callouts only a test answers: they stay in `host.pendingCallouts()` until answered, failed or
 * timed out by hand (`clusters: { auth: answeredByHand }`, likewise for `redisClusters`).
 */
export const answeredByHand = (): Promise<never> => new Promise<never>(() => {});

/** Callouts answered by functions registered per cluster name. */
export class FunctionCallouts implements Callouts {
  constructor(
    private readonly http: Readonly<Record<string, HttpClusterHandler>> = {},
    private readonly redis: Readonly<Record<string, RedisClusterHandler>> = {},
  ) {}

  hasHttpCluster(cluster: string): boolean {
    return Object.hasOwn(this.http, cluster);
  }

  async httpCall(callout: HttpCallout): Promise<HttpCalloutResult> {
    return this.http[callout.cluster]!(callout);
  }

  redisInit(init: RedisInit): boolean {
    return this.hasRedisCluster(init.cluster);
  }

  hasRedisCluster(cluster: string): boolean {
    return Object.hasOwn(this.redis, cluster.split("?")[0]!);
  }

  async redisCall(callout: RedisCallout): Promise<RedisCalloutResult> {
    return this.redis[callout.cluster.split("?")[0]!]!(callout);
  }
}
