import { isIP } from "node:net";
import { Document } from "yaml";

/** Where the generated gateway forwards requests: one cluster with one endpoint. */
export interface UpstreamCluster {
  /** The cluster name, as routes and plugin callouts refer to it. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/** What the generated envoy.yaml puts together. */
export interface GatewaySpec {
  /** The wasm filter's `config.name`: the plugin name its module registers. */
  readonly pluginName: string;
  /** `vm_config.code.local.filename`: the module to load. */
  readonly wasmFile: string;
  /** The plugin's configuration, a JSON text passed as the filter's `configuration` StringValue. */
  readonly configuration: string;
  readonly upstream: UpstreamCluster;
  /** The listener's port. */
  readonly port: number;
}

/** The name of the generated listener, as in the guide. */
const LISTENER_NAME = "listener_0";

const socketAddress = (address: string, port: number) => ({ socket_address: { protocol: "TCP", address, port_value: port } });

/**
 * An envoy.yaml in the shape of the Higress guide's: one listener whose route "/" goes to the upstream cluster, through
 * the plugin's wasm filter (a TypedStruct with the configuration as a StringValue) and the router, plus an access log
 * on stdout. Envoy itself runs the same file.
 */
export function gatewayEnvoyYaml(spec: GatewaySpec): string {
  const { upstream } = spec;
  const doc = new Document({
    static_resources: {
      listeners: [{
        name: LISTENER_NAME,
        // As in the guide: all interfaces inside the gateway container. The local gateway binds loopback anyway.
        address: socketAddress("0.0.0.0", spec.port),
        filter_chains: [{
          filters: [{
            name: "envoy.filters.network.http_connection_manager",
            typed_config: {
              "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
              stat_prefix: "ingress_http",
              access_log: [{
                name: "envoy.access_loggers.stdout",
                typed_config: { "@type": "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog" },
              }],
              route_config: {
                name: "local_route",
                virtual_hosts: [{ name: "local_service", domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: upstream.name } }] }],
              },
              http_filters: [wasmFilter(spec), {
                name: "envoy.filters.http.router",
                typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" },
              }],
            },
          }],
        }],
      }],
      clusters: [{
        name: upstream.name,
        connect_timeout: "30s",
        // An IP address needs no resolving; a name is resolved as the guide's cluster is, over IPv4.
        ...(isIP(upstream.host) ? { type: "STATIC" } : { type: "LOGICAL_DNS", dns_lookup_family: "V4_ONLY" }),
        lb_policy: "ROUND_ROBIN",
        load_assignment: {
          cluster_name: upstream.name,
          endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(upstream.host, upstream.port) } }] }],
        },
      }],
    },
  }, { aliasDuplicateObjects: false });
  return doc.toString({ lineWidth: 0 });
}

function wasmFilter(spec: GatewaySpec): object {
  return {
    name: spec.pluginName,
    typed_config: {
      "@type": "type.googleapis.com/udpa.type.v1.TypedStruct",
      type_url: "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
      value: {
        config: {
          name: spec.pluginName,
          vm_config: { runtime: "envoy.wasm.runtime.v8", code: { local: { filename: spec.wasmFile } } },
          configuration: { "@type": "type.googleapis.com/google.protobuf.StringValue", value: spec.configuration },
        },
      },
    },
  };
}
