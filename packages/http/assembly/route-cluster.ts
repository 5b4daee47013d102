/** The cluster the current request is routed to, as Envoy's route match chose it. */
import { getHeaderMapValue, getProperty, log, LogLevel, MapType } from "@higress-ts/proxy-wasm/assembly";
import { Cluster } from "./cluster";

/**
 * The current request's own upstream cluster (property `cluster_name`), e.g. to call the route's service
 * from a request handler. Its names are read from the request, so use it only while a request is in progress.
 */
export class RouteCluster implements Cluster {
  constructor(
    /** Overrides the `:authority` (default: the request's `:authority`). */
    public host: string = "",
  ) {}

  /** The property `cluster_name` of the current request ("" and an error log when the host has none). */
  clusterName(): string {
    const name = getProperty(["cluster_name"]);
    const text = name.text();
    if (text === null) {
      log(LogLevel.Error, "route cluster: cannot read property cluster_name (status " + name.status.toString() + ")");
      return "";
    }
    return text;
  }

  /** `host`, else the request's `:authority` ("" when the request has none). */
  hostName(): string {
    if (this.host.length > 0) return this.host;
    const authority = getHeaderMapValue(MapType.HttpRequestHeaders, ":authority").text();
    return authority === null ? "" : authority;
  }
}
