import { ServiceMatcher, serviceMatch } from "../matcher";

function matchOne(service: string, clusterName: string): bool {
  return serviceMatch([new ServiceMatcher(service)], clusterName);
}

describe("serviceMatch (Go test vectors)", () => {
  it("fqdn", () => {
    expect(matchOne("qwen.dns", "outbound|443||qwen.dns")).toBe(true);
  });

  it("fqdn with port", () => {
    expect(matchOne("qwen.dns:443", "outbound|443||qwen.dns")).toBe(true);
  });

  it("not match", () => {
    expect(matchOne("moonshot.dns:443", "outbound|443||qwen.dns")).toBe(false);
  });

  it("error config format", () => {
    expect(matchOne("qwen.dns:", "outbound|443||qwen.dns")).toBe(false);
  });
});

describe("serviceMatch details", () => {
  it("requires the port to match when one is given", () => {
    expect(matchOne("qwen.dns:80", "outbound|443||qwen.dns")).toBe(false);
    expect(matchOne("httpbin.default.svc.cluster.local:8080", "outbound|8080|v1|httpbin.default.svc.cluster.local")).toBe(true);
  });

  it("splits the configured service at the last colon", () => {
    const service = new ServiceMatcher("a:b:443");
    expect(service.name).toBe("a:b");
    expect(service.port).toBe("443");
    expect(serviceMatch([service], "outbound|443||a:b")).toBe(true);
  });

  it("falls back to the whole entry as the fqdn", () => {
    expect(matchOne("a:b", "outbound|443||a:b")).toBe(true);
    expect(new ServiceMatcher("plain").name).toBeNull();
  });

  it("matches nothing unless the cluster name has exactly four parts", () => {
    expect(matchOne("qwen.dns", "qwen.dns")).toBe(false);
    expect(matchOne("qwen.dns", "outbound|443|qwen.dns")).toBe(false);
    expect(matchOne("qwen.dns", "outbound|443||qwen.dns|x")).toBe(false);
    expect(matchOne("qwen.dns", "")).toBe(false);
    expect(matchOne("", "|||")).toBe(true);
  });

  it("is true when any entry matches", () => {
    const services = [new ServiceMatcher("a.dns"), new ServiceMatcher("b.dns:443")];
    expect(serviceMatch(services, "outbound|443||b.dns")).toBe(true);
    expect(serviceMatch(services, "outbound|80||b.dns")).toBe(false);
  });
});
