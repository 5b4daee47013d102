/** The subset of Envoy's static configuration the local gateway runs, after validation. */

/** `socket_address`. */
export interface SocketAddress {
  readonly address: string;
  readonly port: number;
}

/** A validated envoy.yaml. */
export interface EnvoyConfig {
  /** `admin.address` (accepted so the same file serves Envoy; the local gateway does not serve it). */
  readonly admin: SocketAddress | undefined;
  readonly listeners: readonly ListenerConfig[];
  readonly clusters: readonly ClusterConfig[];
}

/** A listener with one HTTP connection manager. */
export interface ListenerConfig {
  readonly name: string;
  readonly address: SocketAddress;
  /** `per_connection_buffer_limit_bytes` (Envoy default 1 MiB): the per-stream buffer limit. */
  readonly bufferLimitBytes: number | undefined;
  readonly http: HttpConnectionManagerConfig;
}

/** `envoy.filters.network.http_connection_manager`. */
export interface HttpConnectionManagerConfig {
  readonly statPrefix: string;
  /** `scheme_header_transformation.scheme_to_overwrite`. */
  readonly schemeToOverwrite: string | undefined;
  /** `stream_idle_timeout` (Envoy default 5 min; 0 disables). */
  readonly streamIdleTimeoutMs: number;
  /** `generate_request_id` (default true). */
  readonly generateRequestId: boolean;
  /** `server_name` (default `envoy`). */
  readonly serverName: string;
  readonly routeConfigName: string;
  readonly virtualHosts: readonly VirtualHostConfig[];
  /** The wasm filters in order; the router always ends the chain. */
  readonly wasmFilters: readonly WasmFilterConfig[];
  /** Router `suppress_envoy_headers`. */
  readonly suppressEnvoyHeaders: boolean;
  readonly accessLogs: readonly AccessLogConfig[];
}

/** Where access log lines go (Envoy's default format). */
export type AccessLogConfig = { readonly kind: "stdout" | "stderr" } | { readonly kind: "file"; readonly path: string };

/** `virtual_hosts[]`. */
export interface VirtualHostConfig {
  readonly name: string;
  readonly domains: readonly string[];
  readonly routes: readonly RouteConfig[];
}

/** `routes[]`. */
export interface RouteConfig {
  /** `name`: the `route_name` plugins see. */
  readonly name: string;
  readonly match: RouteMatch;
  readonly action: RouteAction;
}

/** `match`: one of `prefix` / `path`, plus `headers`. */
export interface RouteMatch {
  readonly prefix: string | undefined;
  readonly path: string | undefined;
  readonly caseSensitive: boolean;
  readonly headers: readonly HeaderMatcher[];
}

/** `match.headers[]`. */
export interface HeaderMatcher {
  readonly name: string;
  readonly kind: "exact" | "prefix" | "suffix" | "contains" | "present";
  readonly value: string;
  readonly invert: boolean;
}

/** `route` (to a cluster) or `direct_response`. */
export type RouteAction =
  | {
      readonly kind: "route";
      readonly cluster: string;
      /** `timeout` (Envoy default 15 s; 0 disables). */
      readonly timeoutMs: number;
      readonly prefixRewrite: string | undefined;
      readonly hostRewriteLiteral: string | undefined;
    }
  | { readonly kind: "direct_response"; readonly status: number; readonly body: string | undefined };

/** One `envoy.extensions.filters.http.wasm.v3.Wasm` filter. */
export interface WasmFilterConfig {
  /** The http filter's `name`. */
  readonly filterName: string;
  /** `config.name`: `plugin_name`. */
  readonly name: string;
  readonly rootId: string;
  readonly vmId: string;
  /** `vm_config.code.local.filename` as written. */
  readonly filename: string;
  /** `config.configuration` (StringValue). */
  readonly configuration: string;
  /** `vm_config.configuration` (StringValue). */
  readonly vmConfiguration: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly failOpen: boolean;
  readonly allowOnHeadersStopIteration: boolean;
}

/** A cluster with its endpoints. */
export interface ClusterConfig {
  readonly name: string;
  readonly type: "STATIC" | "STRICT_DNS" | "LOGICAL_DNS";
  readonly connectTimeoutMs: number;
  readonly endpoints: readonly SocketAddress[];
}
