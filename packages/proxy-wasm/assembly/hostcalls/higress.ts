// Typed host calls that only Higress provides. Using any of them makes the module import it, and upstream Envoy
// then refuses to load the module.
import {
  proxy_get_upstream_hosts, proxy_inject_encoded_data_to_filter_chain, proxy_redis_call, proxy_redis_init,
  proxy_set_upstream_override_host,
} from "../imports/higress";
import { dataOf, RETURN_DATA, RETURN_SIZE, returnedPairs, returnedU32, sizeOf, utf8 } from "../memory";
import { Result } from "../result";
import { Pair } from "../serde/pairs";
import { Status } from "../types";

/** Initialises a Redis client for the Envoy cluster `cluster` (runs on the root context). */
export function redisInit(cluster: string, username: string, password: string, timeoutMilliseconds: u32): Status {
  const c = utf8(cluster);
  const u = utf8(username);
  const p = utf8(password);
  return proxy_redis_init(dataOf(c), sizeOf(c), dataOf(u), sizeOf(u), dataOf(p), sizeOf(p), timeoutMilliseconds);
}

/** Sends a RESP-encoded command; the value is the token that `onRedisCallResponse` will carry. */
export function redisCall(cluster: string, query: ArrayBuffer): Result<u32> {
  const c = utf8(cluster);
  return returnedU32(proxy_redis_call(dataOf(c), sizeOf(c), dataOf(query), sizeOf(query), RETURN_DATA));
}

/** Injects `body` into the response filter chain (streamed responses held with `DataStatus.StopIterationNoBuffer`). */
export function injectEncodedDataToFilterChain(body: ArrayBuffer | null, endStream: bool): Status {
  return proxy_inject_encoded_data_to_filter_chain(dataOf(body), sizeOf(body), endStream);
}

/** The current cluster's hosts as pairs (address, metrics text). */
export function getUpstreamHosts(): Result<Pair[] | null> {
  return returnedPairs(proxy_get_upstream_hosts(RETURN_DATA, RETURN_SIZE));
}

/** Sends the current request to `address`, bypassing the load balancer. */
export function setUpstreamOverrideHost(address: string): Status {
  const a = utf8(address);
  return proxy_set_upstream_override_host(dataOf(a), sizeOf(a));
}
