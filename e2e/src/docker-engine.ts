/** Whether a Docker engine answers here, and how to call compose: never assumed, always asked. */
import { spawn } from "node:child_process";

/** The outcome of a command: its exit code (null when it could not start) and its output. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end without a shell; a command that cannot start gives code null and the reason. */
export function runCommand(command: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    // An AbortSignal's timer does not keep the process alive after a command that never started.
    const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"], signal });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", (error) => {
      const reason = error.name === "AbortError" ? `no answer within ${options.timeoutMs} ms` : error.message;
      resolve({ code: null, stdout, stderr: reason });
    });
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A usable engine with its compose command, or why there is none. */
export type DockerEngine =
  | { readonly ok: true; readonly serverVersion: string; readonly compose: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const PROBE_TIMEOUT_MS = 20_000;

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1) ?? "";
}

/** Asks the Docker CLI for the engine's version, then finds `docker compose` (or the older `docker-compose`). */
export async function findDockerEngine(): Promise<DockerEngine> {
  const info = await runCommand("docker", ["info", "--format", "{{.ServerVersion}}"], { timeoutMs: PROBE_TIMEOUT_MS });
  if (info.code === null) return { ok: false, reason: `the docker command cannot be run (${info.stderr})` };
  const serverVersion = info.stdout.trim();
  if (info.code !== 0 || serverVersion === "") {
    return { ok: false, reason: `no Docker engine answers (${lastLine(info.stderr) || `docker info exited with ${info.code}`})` };
  }
  for (const compose of [["docker", "compose"], ["docker-compose"]]) {
    const version = await runCommand(compose[0]!, [...compose.slice(1), "version"], { timeoutMs: PROBE_TIMEOUT_MS });
    if (version.code === 0) return { ok: true, serverVersion, compose };
  }
  return { ok: false, reason: `Docker engine ${serverVersion} answers, but neither "docker compose" nor "docker-compose" is installed` };
}
