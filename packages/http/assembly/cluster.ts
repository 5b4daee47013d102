/**
 * Envoy clusters an http call can target, named the way Higress names the clusters it builds from
 * its service registries (`outbound|<port>|<subset>|<service host>`).
 */

/** Where an http call goes: the Envoy cluster, and the host sent as `:authority` unless the URL names one. */
export interface Cluster {
  /** The Envoy cluster name passed to `proxy_http_call`. */
  clusterName(): string;
  /** The default `:authority` of calls to this cluster ("" lets the URL or "unknownhost" decide). */
  hostName(): string;
}

/** Higress's outbound cluster name for a service: `outbound|<port>|<version>|<serviceHost>`. */
function outbound(port: i64, version: string, serviceHost: string): string {
  return "outbound|" + port.toString() + "|" + version + "|" + serviceHost;
}

/** `host` when set, else `fallback`. */
function hostOr(host: string, fallback: string): string {
  return host.length > 0 ? host : fallback;
}

/**
 * A service by its full registry name, as Higress lists it (`my-svc.dns`, `my-svc.static`,
 * `httpbin.my-ns.svc.cluster.local`, `provider.DEFAULT-GROUP.public.nacos`, or a plain domain).
 */
export class FQDNCluster implements Cluster {
  /** The service's full name in the registry. */
  fqdn: string;
  /** The service port (Higress's logical port for `.static` services is 80). */
  port: i64;
  /** Overrides the `:authority` (default: `fqdn`). */
  host: string;

  constructor(fqdn: string, port: i64, host: string = "") {
    this.fqdn = fqdn;
    this.port = port;
    this.host = host;
  }

  /** `outbound|<port>||<fqdn>` */
  clusterName(): string {
    return outbound(this.port, "", this.fqdn);
  }

  /** `host`, else `fqdn`. */
  hostName(): string {
    return hostOr(this.host, this.fqdn);
  }
}

/** A service of static IP addresses registered in Higress. */
export class StaticIpCluster implements Cluster {
  /** The service name, without the `.static` suffix. */
  serviceName: string;
  /** The service port (Higress's logical port for static services is 80). */
  port: i64;
  /** Overrides the `:authority` (default: `serviceName`). */
  host: string;

  constructor(serviceName: string, port: i64, host: string = "") {
    this.serviceName = serviceName;
    this.port = port;
    this.host = host;
  }

  /** `outbound|<port>||<serviceName>.static` */
  clusterName(): string {
    return outbound(this.port, "", this.serviceName + ".static");
  }

  /** `host`, else `serviceName`. */
  hostName(): string {
    return hostOr(this.host, this.serviceName);
  }
}

/** A service resolved by DNS registered in Higress. */
export class DnsCluster implements Cluster {
  /** The service name, without the `.dns` suffix. */
  serviceName: string;
  /** The domain the service resolves; also the `:authority`. */
  domain: string;
  /** The service port. */
  port: i64;

  constructor(serviceName: string, domain: string, port: i64) {
    this.serviceName = serviceName;
    this.domain = domain;
    this.port = port;
  }

  /** `outbound|<port>||<serviceName>.dns` */
  clusterName(): string {
    return outbound(this.port, "", this.serviceName + ".dns");
  }

  /** `domain`. */
  hostName(): string {
    return this.domain;
  }
}

/** A Kubernetes service. */
export class K8sCluster implements Cluster {
  /** The service name. */
  serviceName: string;
  /** The namespace ("" means `default` in the cluster name). */
  namespace: string;
  /** The service port. */
  port: i64;
  /** The subset (version) of the service, "" for all. */
  version: string;
  /** Overrides the `:authority` (default: `<serviceName>.<namespace>.svc.cluster.local`). */
  host: string;

  constructor(serviceName: string, namespace: string, port: i64, version: string = "", host: string = "") {
    this.serviceName = serviceName;
    this.namespace = namespace;
    this.port = port;
    this.version = version;
    this.host = host;
  }

  /** `outbound|<port>|<version>|<serviceName>.<namespace or "default">.svc.cluster.local` */
  clusterName(): string {
    const namespace = this.namespace.length > 0 ? this.namespace : "default";
    return outbound(this.port, this.version, this.serviceName + "." + namespace + ".svc.cluster.local");
  }

  /**
   * `host`, else `<serviceName>.<namespace>.svc.cluster.local`. As in Higress's Go SDK, the namespace is
   * taken as given here: an empty one is not replaced by `default`.
   */
  hostName(): string {
    return hostOr(this.host, this.serviceName + "." + this.namespace + ".svc.cluster.local");
  }
}

/** A service registered in Nacos. */
export class NacosCluster implements Cluster {
  /** The service name. */
  serviceName: string;
  /** The Nacos group ("" means `DEFAULT-GROUP`; `_` becomes `-`, as in Higress's cluster names). */
  group: string;
  /** The Nacos namespace id. */
  namespaceID: string;
  /** The service port. */
  port: i64;
  /** Whether the service comes from an external registry (cluster suffix `nacos-ext`). */
  isExtRegistry: bool;
  /** The subset (version) of the service, "" for all. */
  version: string;
  /** Overrides the `:authority` (default: `serviceName`). */
  host: string;

  constructor(
    serviceName: string,
    group: string,
    namespaceID: string,
    port: i64,
    isExtRegistry: bool = false,
    version: string = "",
    host: string = "",
  ) {
    this.serviceName = serviceName;
    this.group = group;
    this.namespaceID = namespaceID;
    this.port = port;
    this.isExtRegistry = isExtRegistry;
    this.version = version;
    this.host = host;
  }

  /** `outbound|<port>|<version>|<serviceName>.<group>.<namespaceID>.nacos` (`.nacos-ext` for an external registry) */
  clusterName(): string {
    const group = this.group.length > 0 ? this.group.replaceAll("_", "-") : "DEFAULT-GROUP";
    const registry = this.isExtRegistry ? "nacos-ext" : "nacos";
    return outbound(this.port, this.version, this.serviceName + "." + group + "." + this.namespaceID + "." + registry);
  }

  /** `host`, else `serviceName`. */
  hostName(): string {
    return hostOr(this.host, this.serviceName);
  }
}

/** A service registered in Consul. */
export class ConsulCluster implements Cluster {
  /** The service name. */
  serviceName: string;
  /** The Consul datacenter. */
  datacenter: string;
  /** The service port. */
  port: i64;
  /** Overrides the `:authority` (default: `serviceName`). */
  host: string;

  constructor(serviceName: string, datacenter: string, port: i64, host: string = "") {
    this.serviceName = serviceName;
    this.datacenter = datacenter;
    this.port = port;
    this.host = host;
  }

  /** `outbound|<port>||<serviceName>.<datacenter>.consul` */
  clusterName(): string {
    return outbound(this.port, "", this.serviceName + "." + this.datacenter + ".consul");
  }

  /** `host`, else `serviceName`. */
  hostName(): string {
    return hostOr(this.host, this.serviceName);
  }
}

/** Any Envoy cluster, by its exact name. */
export class TargetCluster implements Cluster {
  /** The Envoy cluster name, used as given. */
  cluster: string;
  /** The `:authority` of calls to this cluster. */
  host: string;

  constructor(cluster: string, host: string = "") {
    this.cluster = cluster;
    this.host = host;
  }

  /** `cluster`. */
  clusterName(): string {
    return this.cluster;
  }

  /** `host`. */
  hostName(): string {
    return this.host;
  }
}
