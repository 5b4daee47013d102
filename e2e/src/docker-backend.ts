/**
 * The docker backend: the plugin's docker-compose.yaml as the guide runs it (`docker compose up`), with the gateway's
 * envoy.yaml mount pointed at a copy the runner may rewrite, so a configuration change is a gateway restart that
 * leaves httpbin and redis running. Ready means Envoy's admin `/ready` answers 200.
 */
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseEnvoyConfig } from "@higress-ts/host";
import type { Backend } from "./backend.js";
import { runCommand } from "./docker-engine.js";
import type { PluginSuite } from "./suite.js";

/** Pulling the images on a first run can take minutes. */
const UP_TIMEOUT_MS = 600_000;
const READY_TIMEOUT_MS = 120_000;

function hostPort(suite: PluginSuite, containerPort: number, what: string): number {
  const published = suite.compose.gateway.ports.find((p) => p.container === containerPort);
  if (published === undefined) throw new Error(`${suite.compose.path}: the gateway does not publish ${what} (container port ${containerPort})`);
  return published.host;
}

/** Waits until Envoy's admin interface says the server is ready. */
async function waitReady(adminUrl: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${adminUrl}/ready`);
      if (res.status === 200) return;
      last = `${res.status} ${(await res.text()).trim()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(500);
  }
  throw new Error(`the gateway was not ready within ${READY_TIMEOUT_MS / 1000} s (${adminUrl}/ready: ${last})`);
}

/** `docker compose up` for the suite, ready to take requests. */
export async function startDockerBackend(suite: PluginSuite, compose: readonly string[]): Promise<Backend> {
  const parsed = parseEnvoyConfig(suite.envoyYaml);
  if (!parsed.ok) throw new Error(`${suite.dir}/envoy.yaml: ${parsed.error.message}`);
  const { admin, listeners } = parsed.config;
  if (admin === undefined) throw new Error(`${suite.dir}/envoy.yaml: the runner needs the admin address to know when Envoy is ready`);
  for (const m of suite.compose.gateway.mounts) {
    // A missing source would be mounted as an empty directory: say what to build instead.
    if (!(await stat(m.source).catch(() => undefined))) throw new Error(`${m.source} does not exist (mounted at ${m.target}); build the plugins first`);
  }
  const url = `http://127.0.0.1:${hostPort(suite, listeners[0]!.address.port, "the listener")}`;
  const adminUrl = `http://127.0.0.1:${hostPort(suite, admin.port, "the admin interface")}`;
  const work = await mkdtemp(join(tmpdir(), `higress-ts-e2e-${suite.name}-`));
  const envoyYaml = join(work, "envoy.yaml");
  const override = join(work, "docker-compose.override.yaml");
  const service = suite.compose.gateway.service;
  const mounted = suite.compose.gateway.mounts.find((m) => m.source === join(suite.dir, "envoy.yaml"));
  if (mounted === undefined) throw new Error(`${suite.compose.path}: the gateway does not mount ./envoy.yaml`);
  // Compose merges volumes by their target: this replaces only the envoy.yaml mount.
  await writeFile(override, `services:\n  ${service}:\n    volumes:\n      - ${JSON.stringify(`${envoyYaml}:${mounted.target}`)}\n`);
  await writeFile(envoyYaml, suite.envoyYaml);
  const project = ["-p", `higress-ts-e2e-${suite.name}`, "-f", suite.compose.path, "-f", override];
  const composeRun = async (args: string[], timeoutMs = UP_TIMEOUT_MS) => {
    const result = await runCommand(compose[0]!, [...compose.slice(1), ...project, ...args], { cwd: suite.dir, timeoutMs });
    if (result.code !== 0) throw new Error(`${compose.join(" ")} ${args.join(" ")} failed (${result.code}):\n${result.stderr.trim()}`);
    return result.stdout;
  };

  const backend: Backend = {
    name: "docker",
    url,
    async configure(text) {
      // Written in place: the container's bind mount follows the file, not a new one renamed over it.
      await writeFile(envoyYaml, text);
      await composeRun(["restart", service]);
      await waitReady(adminUrl);
    },
    logs: () => composeRun(["logs", "--no-color", "--tail", "60", service]).catch((error: Error) => error.message),
    async stop() {
      await composeRun(["down", "--volumes", "--remove-orphans"]).finally(() => rm(work, { recursive: true, force: true }));
    },
  };
  try {
    await composeRun(["up", "--detach"]);
    await waitReady(adminUrl);
  } catch (error) {
    await backend.stop().catch(() => undefined);
    throw error;
  }
  return backend;
}
