/** Header translation between HTTP/1 messages and Envoy's header maps. */
import type { HeaderPairs } from "../abi/pairs.js";

/**
 * Connection-specific headers a proxy never forwards (RFC 9110 §7.6.1). `content-length` is not one of them:
 * Envoy keeps it in the header map, where plugins see it (and remove it when they change a body), and forwards it.
 */
const NOT_FORWARDED = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);

/** Node's `rawHeaders` as pairs, without hop-by-hop headers or `host` (which becomes `:authority`). */
export function fromRawHeaders(raw: readonly string[]): HeaderPairs {
  const connection = new Set<string>();
  const pairs: Array<readonly [string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (key === "connection") value.split(",").forEach((v) => connection.add(v.trim().toLowerCase()));
    pairs.push([key, value]);
  }
  return pairs.filter(([k]) => k !== "host" && !NOT_FORWARDED.has(k) && !connection.has(k));
}

/** Pairs as Node's outgoing header list: pseudo-headers and hop-by-hop headers dropped, `:authority` → `host`. */
export function toOutgoingHeaders(pairs: HeaderPairs): string[] {
  const out: string[] = [];
  for (const [k, v] of pairs) {
    if (k === ":authority") out.push("host", v);
    else if (!k.startsWith(":") && !NOT_FORWARDED.has(k)) out.push(k, v);
  }
  return out;
}
