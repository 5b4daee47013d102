/**
 * The local backend: the envoy.yaml gateway of @higress-ts/host on a free loopback port, with a real httpbin and a
 * real redis-server standing in for the compose file's services. The runner, not the author, points the file's
 * clusters at them: an endpoint `httpbin:80` becomes `127.0.0.1:<httpbin's port>`, and the wasm file mounted in
 * the gateway container is read from where the compose file mounts it from.
 */
import {
  parseEnvoyConfig,
  startGatewayFromEnvoyYaml,
  startHttpbin,
  startRedis,
  type EnvoyGateway,
  type LocalService,
  type LogLevelName,
} from "@higress-ts/host";
import type { Backend } from "./backend.js";
import type { UpstreamService } from "./compose-file.js";
import type { PluginSuite } from "./suite.js";

/** A local program standing in for a compose service's image, and the port that image serves on. */
interface StandIn {
  readonly image: RegExp;
  readonly port: number;
  start(): Promise<LocalService>;
}

const STAND_INS: readonly StandIn[] = [
  { image: /(^|\/)httpbin(:|@|$)/, port: 80, start: () => startHttpbin() },
  { image: /^(docker\.io\/)?(library\/)?redis(:|@|$)/, port: 6379, start: () => startRedis() },
];

/** Log lines kept for a failure message. */
const LOG_LINES = 60;

function standInFor(upstream: UpstreamService): StandIn {
  const standIn = STAND_INS.find((s) => s.image.test(upstream.image));
  if (standIn === undefined) throw new Error(`no local stand-in for service "${upstream.service}" (image ${upstream.image})`);
  return standIn;
}

/** Starts the compose file's upstream services locally, then the gateway on the suite's envoy.yaml. */
export async function startLocalBackend(suite: PluginSuite): Promise<Backend> {
  const services: LocalService[] = [];
  const addresses: Record<string, string> = {};
  try {
    for (const upstream of suite.compose.upstreams) {
      const standIn = standInFor(upstream);
      const service = await standIn.start();
      services.push(service);
      addresses[`${upstream.service}:${standIn.port}`] = `${service.hostname}:${service.port}`;
    }
  } catch (error) {
    await Promise.all(services.map((s) => s.stop()));
    throw error;
  }
  const wasmFiles = Object.fromEntries(suite.compose.gateway.mounts.map((m) => [m.target, m.source]));
  const logs: string[] = [];
  const keep = (line: string) => {
    logs.push(line);
    if (logs.length > LOG_LINES) logs.shift();
  };
  let gateway: EnvoyGateway | undefined;

  const start = async (envoyYaml: string) => {
    const parsed = parseEnvoyConfig(envoyYaml);
    const listeners = parsed.ok ? parsed.config.listeners : [];
    const started = await startGatewayFromEnvoyYaml(envoyYaml, {
      baseDir: suite.dir,
      ports: Object.fromEntries(listeners.map((l) => [l.name, 0])),
      addresses,
      wasmFiles,
      plugin: { logLevel: suite.compose.gateway.wasmLogLevel as LogLevelName, printLogs: keep },
      accessLog: keep,
    });
    if (!started.ok) throw new Error(`the local gateway did not start: ${started.error}`);
    gateway = started.gateway;
  };

  const backend: Backend = {
    name: "local",
    get url() {
      return gateway?.url ?? "";
    },
    async configure(envoyYaml) {
      await gateway?.close();
      gateway = undefined;
      await start(envoyYaml);
    },
    async logs() {
      return logs.join("\n");
    },
    async stop() {
      await gateway?.close();
      await Promise.all(services.map((s) => s.stop()));
    },
  };
  try {
    await start(suite.envoyYaml);
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return backend;
}
