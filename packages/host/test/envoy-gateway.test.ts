import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { startGatewayFromEnvoyYaml, startHttpbin, type EnvoyGateway, type LocalService } from "../src/index.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** Tests run from dist/test; sources and fixtures live beside them in the package. */
const GUIDE_YAML = here("../../test/fixtures/envoy/guide-envoy.yaml");
const MOCK_ENABLE = here("../../../../plugins/mock-enable/build/main.wasm");

/** The guide's yaml with the plugin configuration replaced. */
async function guideYaml(configuration: string): Promise<string> {
  const text = await readFile(GUIDE_YAML, "utf8");
  return text.replace('"mockEnable": false', configuration);
}

describe("gateway from the guide's envoy.yaml", () => {
  let httpbin: LocalService;
  let gateway: EnvoyGateway;
  const accessLog: string[] = [];

  before(async () => {
    httpbin = await startHttpbin();
    const started = await startGatewayFromEnvoyYaml(GUIDE_YAML, {
      ports: { listener_0: 0 },
      addresses: { "httpbin:80": `127.0.0.1:${httpbin.port}` },
      wasmFiles: { "/etc/envoy/main.wasm": MOCK_ENABLE },
      accessLog: (line) => accessLog.push(line),
    });
    assert.ok(started.ok, started.ok ? "" : started.error);
    gateway = started.gateway;
  });
  after(async () => {
    await gateway?.close();
    await httpbin?.stop();
  });

  it("proxies to httpbin with the plugin's header and Envoy's router header", async () => {
    const res = await fetch(`${gateway.url}/get?show_env=1`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("server"), "envoy");
    assert.match(res.headers.get("x-envoy-upstream-service-time") ?? "", /^\d+$/);
    const echoed = (await res.json()) as { headers: Record<string, string> };
    assert.equal(echoed.headers["Hello"], "world");
    assert.equal(echoed.headers["X-Envoy-Expected-Rq-Timeout-Ms"], "15000");
    assert.equal(echoed.headers["X-Forwarded-Proto"], "http");
    assert.match(echoed.headers["X-Request-Id"] ?? "", /^[0-9a-f-]{36}$/);
  });

  it("writes one access log line per request in Envoy's default format", async () => {
    const before = accessLog.length;
    await (await fetch(`${gateway.url}/status/418`, { headers: { "user-agent": "curl/8" } })).text();
    assert.equal(accessLog.length, before + 1);
    assert.match(
      accessLog.at(-1)!,
      new RegExp(`^\\[\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\] "GET /status/418 HTTP/1.1" 418 - 0 \\d+ \\d+ \\d+ "-" "curl/8" "[0-9a-f-]{36}" "127.0.0.1:\\d+" "127.0.0.1:${httpbin.port}"$`),
    );
  });

  it("forwards a request body whole with its content-length, and counts it in the access log", async () => {
    const before = accessLog.length;
    const res = await fetch(`${gateway.url}/post`, { method: "POST", headers: { "content-type": "text/plain" }, body: "ping" });
    assert.equal(res.status, 200);
    const echoed = (await res.json()) as { data: string; headers: Record<string, string> };
    assert.equal(echoed.data, "ping");
    assert.equal(echoed.headers["Content-Length"], "4");
    assert.equal(accessLog.length, before + 1);
    assert.match(accessLog.at(-1)!, /"POST \/post HTTP\/1.1" 200 - 4 \d+ /);
  });

  it("answers locally with mockEnable: true, as the guide's second step shows", async () => {
    const mocked = await startGatewayFromEnvoyYaml(await guideYaml('"mockEnable": true'), {
      ports: { listener_0: 0 },
      addresses: { "httpbin:80": `127.0.0.1:${httpbin.port}` },
      wasmFiles: { "/etc/envoy/main.wasm": MOCK_ENABLE },
    });
    assert.ok(mocked.ok, mocked.ok ? "" : mocked.error);
    try {
      const res = await fetch(`${mocked.gateway.url}/get`);
      assert.equal(res.status, 200);
      assert.equal(await res.text(), "hello world");
    } finally {
      await mocked.gateway.close();
    }
  });

  it("gives plugins the route name of the matched route (route_name drives _match_route_)", async () => {
    const routes = `routes:
                        - name: mocked
                          match:
                            prefix: "/mock"
                          route:
                            cluster: httpbin
                        - match:`;
    const text = (await guideYaml('"_rules_": [{"_match_route_": ["mocked"], "mockEnable": true}]')).replace("routes:\n                        - match:", routes);
    const started = await startGatewayFromEnvoyYaml(text, {
      ports: { listener_0: 0 },
      addresses: { "httpbin:80": `127.0.0.1:${httpbin.port}` },
      wasmFiles: { "/etc/envoy/main.wasm": MOCK_ENABLE },
    });
    assert.ok(started.ok, started.ok ? "" : started.error);
    try {
      const mocked = await fetch(`${started.gateway.url}/mock/anything`);
      assert.equal(await mocked.text(), "hello world");
      const proxied = await fetch(`${started.gateway.url}/anything`);
      assert.equal(proxied.status, 200);
      assert.equal(((await proxied.json()) as { url: string }).url.endsWith("/anything"), true);
      assert.equal(started.gateway.listeners[0]!.plugins[0]!.config.bufferLimitBytes, 1024 * 1024, "Envoy's default buffer limit");
    } finally {
      await started.gateway.close();
    }
  });
});

describe("envoy.yaml validation", () => {
  it("refuses an unknown field with its path", async () => {
    const text = (await readFile(GUIDE_YAML, "utf8")).replace("stat_prefix: ingress_http", "stat_prefix: ingress_http\n                use_remote_address: true");
    const started = await startGatewayFromEnvoyYaml(text);
    assert.equal(started.ok, false);
    assert.equal(
      started.ok ? "" : started.error,
      "invalid envoy.yaml: static_resources.listeners[0].filter_chains[0].filters[0].typed_config.use_remote_address: unknown or unsupported field",
    );
  });

  it("refuses a route to a missing cluster with the field's path", async () => {
    const text = (await readFile(GUIDE_YAML, "utf8")).replace("cluster: httpbin", "cluster: nowhere");
    const started = await startGatewayFromEnvoyYaml(text);
    assert.equal(
      started.ok ? "" : started.error,
      'invalid envoy.yaml: static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.cluster: unknown cluster "nowhere"',
    );
  });

  it("refuses an unsupported cluster type naming the field", async () => {
    const text = (await readFile(GUIDE_YAML, "utf8")).replace("type: LOGICAL_DNS", "type: EDS");
    const started = await startGatewayFromEnvoyYaml(text);
    assert.match(started.ok ? "" : started.error, /^invalid envoy\.yaml: static_resources\.clusters\[0\]\.type: "EDS" is not supported here/);
  });

  it("reports a wasm file that cannot be read with the filter's name", async () => {
    const started = await startGatewayFromEnvoyYaml(GUIDE_YAML, { ports: { listener_0: 0 } });
    assert.match(started.ok ? "" : started.error, /^http filter wasmdemo: cannot read \/etc\/envoy\/main\.wasm/);
  });
});
