/**
 * The request of an http call, built as Higress's Go SDK builds it: the caller's headers first, then
 * `:method`, `:path` and `:authority`.
 */
import { Pair } from "@higress-ts/proxy-wasm/assembly";
import { Cluster } from "./cluster";
import { isHeaderName } from "./header-name";
import { RequestUrl } from "./url";

/** The timeout of an http call when the caller gives none, in milliseconds (the Go SDK's default). */
export const DEFAULT_TIMEOUT_MS: u32 = 500;

/** The `:authority` sent when neither the URL nor the cluster names a host. */
@lazy export const UNKNOWN_HOST = "unknownhost";

/** The `:authority` of a call: the URL's host, else the cluster's host name, else `unknownhost`. */
export function callAuthority(cluster: Cluster, url: RequestUrl): string {
  if (url.host.length > 0) return url.host;
  const host = cluster.hostName();
  return host.length > 0 ? host : UNKNOWN_HOST;
}

/**
 * The headers of a call: the caller's `headers` in order, without any `:method`, `:path` or `:authority` of
 * theirs (matched ignoring case), then `:method`, `:path` and `:authority`, last. `headers` is not modified.
 */
export function callHeaders(method: string, path: string, authority: string, headers: Pair[] | null): Pair[] {
  const result = new Array<Pair>();
  if (headers !== null) {
    for (let i = 0; i < headers.length; i++) {
      const header = unchecked(headers[i]);
      if (!isCallPseudoHeader(header.key)) result.push(header);
    }
  }
  result.push(Pair.of(":method", method));
  result.push(Pair.of(":path", path));
  result.push(Pair.of(":authority", authority));
  return result;
}

/** Whether `key` is one of the pseudo-headers a call sets itself. */
function isCallPseudoHeader(key: ArrayBuffer): bool {
  return isHeaderName(key, ":method") || isHeaderName(key, ":path") || isHeaderName(key, ":authority");
}
