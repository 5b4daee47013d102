import {
  ConsulCluster,
  DnsCluster,
  FQDNCluster,
  K8sCluster,
  NacosCluster,
  StaticIpCluster,
  TargetCluster,
} from "../assembly/cluster";

describe("K8sCluster", () => {
  it("names the versioned service cluster and the in-cluster host", () => {
    const c = new K8sCluster("foo", "bar", 8080, "1.0");
    expect(c.clusterName()).toBe("outbound|8080|1.0|foo.bar.svc.cluster.local");
    expect(c.hostName()).toBe("foo.bar.svc.cluster.local");
  });
  it("defaults the namespace to `default` in the cluster name and takes the host as given", () => {
    const c = new K8sCluster("foo", "", 8080, "", "www.example.com");
    expect(c.clusterName()).toBe("outbound|8080||foo.default.svc.cluster.local");
    expect(c.hostName()).toBe("www.example.com");
  });
  it("keeps an empty namespace in the host name, as the Go SDK does", () => {
    expect(new K8sCluster("foo", "", 80).hostName()).toBe("foo..svc.cluster.local");
  });
});

describe("NacosCluster", () => {
  it("rewrites `_` in the group to `-` and names the version", () => {
    const c = new NacosCluster("foo", "DEFAULT_GROUP", "xxxx", 8080, false, "1.0");
    expect(c.clusterName()).toBe("outbound|8080|1.0|foo.DEFAULT-GROUP.xxxx.nacos");
    expect(c.hostName()).toBe("foo");
  });
  it("uses the nacos-ext suffix for an external registry", () => {
    const c = new NacosCluster("foo", "DEFAULT_GROUP", "xxxx", 8080, true, "", "foo.example");
    expect(c.clusterName()).toBe("outbound|8080||foo.DEFAULT-GROUP.xxxx.nacos-ext");
    expect(c.hostName()).toBe("foo.example");
  });
  it("defaults an empty group to DEFAULT-GROUP", () => {
    expect(new NacosCluster("foo", "", "public", 80).clusterName()).toBe("outbound|80||foo.DEFAULT-GROUP.public.nacos");
  });
});

describe("StaticIpCluster", () => {
  it("names the .static cluster and uses the service name as host", () => {
    const c = new StaticIpCluster("foo", 8080);
    expect(c.clusterName()).toBe("outbound|8080||foo.static");
    expect(c.hostName()).toBe("foo");
    expect(new StaticIpCluster("foo", 80, "api.example").hostName()).toBe("api.example");
  });
});

describe("DnsCluster", () => {
  it("names the .dns cluster and uses the domain as host", () => {
    const c = new DnsCluster("foo", "www.test.com", 8080);
    expect(c.clusterName()).toBe("outbound|8080||foo.dns");
    expect(c.hostName()).toBe("www.test.com");
  });
});

describe("ConsulCluster", () => {
  it("names the datacenter's .consul cluster", () => {
    const c = new ConsulCluster("foo", "dc1", 8500);
    expect(c.clusterName()).toBe("outbound|8500||foo.dc1.consul");
    expect(c.hostName()).toBe("foo");
    expect(new ConsulCluster("foo", "dc1", 8500, "foo.example").hostName()).toBe("foo.example");
  });
});

describe("FQDNCluster", () => {
  it("names the cluster by the full service name", () => {
    const c = new FQDNCluster("httpbin.org", 80);
    expect(c.clusterName()).toBe("outbound|80||httpbin.org");
    expect(c.hostName()).toBe("httpbin.org");
  });
  it("lets an explicit host override the authority", () => {
    const c = new FQDNCluster("my-svc.static", 80, "api.example");
    expect(c.clusterName()).toBe("outbound|80||my-svc.static");
    expect(c.hostName()).toBe("api.example");
  });
});

describe("TargetCluster", () => {
  it("uses the cluster name and host exactly as given", () => {
    const c = new TargetCluster("outbound|443||llm.dns", "api.openai.com");
    expect(c.clusterName()).toBe("outbound|443||llm.dns");
    expect(c.hostName()).toBe("api.openai.com");
    expect(new TargetCluster("raw").hostName()).toBe("");
  });
});
