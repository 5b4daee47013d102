/**
 * Reads an envoy.yaml into the gateway's model: the static listeners (one HTTP connection manager each),
 * their routes and wasm filters, and the clusters. Anything outside that subset, and any route to a cluster
 * the file does not define, is refused with the field's path.
 */
import { parseDocument } from "yaml";
import { EnvoyConfigError, FieldReader } from "./reader.js";
import type { ClusterConfig, EnvoyConfig, ListenerConfig, SocketAddress } from "./model.js";
import { parseHttpConnectionManager } from "./parse-http.js";

/** The outcome of reading an envoy.yaml; errors name the field. */
export type EnvoyConfigParse =
  | { readonly ok: true; readonly config: EnvoyConfig }
  | { readonly ok: false; readonly error: EnvoyConfigError };

/** Envoy's default `connect_timeout`. */
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/** Parses and validates envoy.yaml text. Never throws. */
export function parseEnvoyConfig(text: string): EnvoyConfigParse {
  const document = parseDocument(text, { uniqueKeys: true });
  const problem = document.errors[0];
  if (problem !== undefined) {
    const line = problem.linePos?.[0];
    return { ok: false, error: new EnvoyConfigError(line ? `line ${line.line}` : "(document)", problem.message) };
  }
  try {
    return { ok: true, config: readConfig(FieldReader.of("", document.toJS())) };
  } catch (error) {
    if (error instanceof EnvoyConfigError) return { ok: false, error };
    throw error;
  }
}

function readConfig(root: FieldReader): EnvoyConfig {
  const adminNode = root.optionalObject("admin");
  const admin = adminNode === undefined ? undefined : socketAddress(adminNode.object("address"));
  adminNode?.finish();
  const resources = root.object("static_resources");
  const listeners = resources.objects("listeners").map(parseListener);
  const clusters = resources.objects("clusters").map(parseCluster);
  resources.finish();
  root.finish();
  if (listeners.length === 0) throw new EnvoyConfigError(resources.at("listeners"), "at least one listener is required");
  checkClusterReferences(listeners, clusters, resources);
  return { admin, listeners, clusters };
}

/** Envoy refuses a route to a cluster it does not know (static clusters are validated at load). */
function checkClusterReferences(listeners: readonly ListenerConfig[], clusters: readonly ClusterConfig[], resources: FieldReader): void {
  const known = new Set(clusters.map((c) => c.name));
  listeners.forEach((listener, l) =>
    listener.http.virtualHosts.forEach((host, h) =>
      host.routes.forEach((route, r) => {
        if (route.action.kind === "route" && !known.has(route.action.cluster)) {
          const path = `${resources.at("listeners")}[${l}].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[${h}].routes[${r}].route.cluster`;
          throw new EnvoyConfigError(path, `unknown cluster "${route.action.cluster}"`);
        }
      }),
    ),
  );
}

/** `address: { socket_address: { address, port_value } }`. */
function socketAddress(address: FieldReader): SocketAddress {
  const socket = address.object("socket_address");
  address.finish();
  socket.oneOf("protocol", ["TCP"], "TCP");
  const result = { address: socket.string("address"), port: socket.optionalInteger("port_value") ?? socket.missing("port_value") };
  socket.finish();
  return result;
}

function parseListener(listener: FieldReader): ListenerConfig {
  const name = listener.string("name");
  const address = socketAddress(listener.object("address"));
  const bufferLimitBytes = listener.optionalInteger("per_connection_buffer_limit_bytes");
  const chains = listener.objects("filter_chains");
  if (chains.length !== 1) throw new EnvoyConfigError(listener.at("filter_chains"), "exactly one filter chain is supported");
  const chain = chains[0]!;
  const filters = chain.objects("filters");
  chain.finish();
  if (filters.length !== 1) throw new EnvoyConfigError(chain.at("filters"), "exactly one network filter (the HTTP connection manager) is supported");
  const filter = filters[0]!;
  filter.string("name");
  const http = parseHttpConnectionManager(filter.object("typed_config"));
  filter.finish();
  listener.finish();
  return { name, address, bufferLimitBytes, http };
}

function parseCluster(cluster: FieldReader): ClusterConfig {
  const name = cluster.string("name");
  const type = cluster.oneOf("type", ["STATIC", "STRICT_DNS", "LOGICAL_DNS"], "STATIC");
  const connectTimeoutMs = cluster.optionalDurationMs("connect_timeout") ?? DEFAULT_CONNECT_TIMEOUT_MS;
  cluster.oneOf("dns_lookup_family", ["AUTO", "V4_ONLY", "V6_ONLY", "V4_PREFERRED", "ALL"], "AUTO");
  cluster.oneOf("lb_policy", ["ROUND_ROBIN", "LEAST_REQUEST", "RANDOM"], "ROUND_ROBIN");
  const assignment = cluster.object("load_assignment");
  assignment.optionalString("cluster_name");
  const endpoints = assignment.objects("endpoints").flatMap((locality) => {
    const lbEndpoints = locality.objects("lb_endpoints").map((lb) => {
      const endpoint = lb.object("endpoint");
      lb.finish();
      const address = socketAddress(endpoint.object("address"));
      endpoint.finish();
      return address;
    });
    locality.finish();
    return lbEndpoints;
  });
  assignment.finish();
  cluster.finish();
  if (endpoints.length === 0) throw new EnvoyConfigError(assignment.at("endpoints"), "at least one endpoint is required");
  if (type === "LOGICAL_DNS" && endpoints.length !== 1) {
    throw new EnvoyConfigError(assignment.at("endpoints"), "LOGICAL_DNS clusters take exactly one endpoint");
  }
  return { name, type, connectTimeoutMs, endpoints };
}
