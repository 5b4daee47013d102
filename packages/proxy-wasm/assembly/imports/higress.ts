// Host imports that only Higress provides (for ABI 0.2.1 and 0.2.100 modules). Upstream Envoy refuses to load a
// module that imports any of them; AssemblyScript emits an import only when its declaration is used.
import { Status } from "../types";

/** Initialises a Redis client for an Envoy cluster (runs on the root context). */
@external("env", "proxy_redis_init")
export declare function proxy_redis_init(
  cluster_data: usize, cluster_size: usize,
  username_data: usize, username_size: usize,
  password_data: usize, password_size: usize,
  timeout_milliseconds: u32,
): Status;

/** Sends a raw RESP command; writes the token (u32). The reply arrives at `proxy_on_redis_call_response`. */
@external("env", "proxy_redis_call")
export declare function proxy_redis_call(
  cluster_data: usize, cluster_size: usize, query_data: usize, query_size: usize, return_token: usize,
): Status;

/** Injects data into the response (encoder) filter chain, e.g. for streamed responses. */
@external("env", "proxy_inject_encoded_data_to_filter_chain")
export declare function proxy_inject_encoded_data_to_filter_chain(
  body_data: usize, body_size: usize, end_stream: bool,
): Status;

/** Reads the current cluster's hosts as pairs (address, metrics text). */
@external("env", "proxy_get_upstream_hosts")
export declare function proxy_get_upstream_hosts(return_data: usize, return_size: usize): Status;

/** Sends the current request to this upstream address, bypassing the load balancer. */
@external("env", "proxy_set_upstream_override_host")
export declare function proxy_set_upstream_override_host(address_data: usize, address_size: usize): Status;
