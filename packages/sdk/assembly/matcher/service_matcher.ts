import { regionEquals } from "../json/scan";

/** One `_match_service_` entry: `fqdn`, or `fqdn:port` split at the last ':'. */
export class ServiceMatcher {
  /** The part before the last ':', or null without a colon. */
  readonly name: string | null;
  /** The part after the last ':' ("" without a colon). */
  readonly port: string;

  constructor(readonly service: string) {
    const colon = service.lastIndexOf(":");
    this.name = colon < 0 ? null : service.substring(0, colon);
    this.port = service.substring(colon + 1);
  }

  /** Whether the entry names the cluster whose port and FQDN are at the given spans of `clusterName`. */
  matches(clusterName: string, portStart: i32, portEnd: i32, fqdnStart: i32): bool {
    const fqdnEnd = clusterName.length;
    const name = this.name;
    if (name != null && regionEquals(clusterName, fqdnStart, fqdnEnd, name)
      && regionEquals(clusterName, portStart, portEnd, this.port)) return true;
    return regionEquals(clusterName, fqdnStart, fqdnEnd, this.service);
  }
}

/**
 * Whether any of `services` matches Envoy's `cluster_name`, which must have exactly four '|'-separated parts,
 * `outbound|<port>|<subset>|<fqdn>`; any other cluster name matches nothing.
 */
export function serviceMatch(services: ServiceMatcher[], clusterName: string): bool {
  const first = clusterName.indexOf("|");
  const second = first < 0 ? -1 : clusterName.indexOf("|", first + 1);
  const third = second < 0 ? -1 : clusterName.indexOf("|", second + 1);
  if (third < 0 || clusterName.indexOf("|", third + 1) >= 0) return false;
  for (let i = 0; i < services.length; i++) {
    if (services[i].matches(clusterName, first + 1, second, third + 1)) return true;
  }
  return false;
}
