import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** A server process started for tests or the local gateway, listening on a loopback port. */
export interface LocalService {
  /** What runs: "httpbin", "redis-server". */
  readonly name: string;
  readonly hostname: string;
  readonly port: number;
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
}

/** How to start a service and how long to wait for its port. */
export interface ServiceCommand {
  name: string;
  command: string;
  args: string[];
  hostname: string;
  port: number;
  /** What to tell the user when the command is missing. */
  installHint: string;
  readyTimeoutMs?: number;
}

function portAccepts(hostname: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Spawns the command and resolves once its port accepts connections. Rejects, with the process's own output and
 * what to do next, if it exits early, cannot be started, or does not listen within the timeout.
 */
export async function startService(spec: ServiceCommand): Promise<LocalService> {
  const child = spawn(spec.command, spec.args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let failure: Error | null = null;
  child.once("error", (error) => {
    failure = new Error(`cannot start ${spec.name} (${spec.command}): ${error.message}. ${spec.installHint}`);
  });
  const deadline = Date.now() + (spec.readyTimeoutMs ?? 20_000);
  while (!(await portAccepts(spec.hostname, spec.port))) {
    if (failure) throw failure;
    if (child.exitCode !== null) {
      throw new Error(`${spec.name} exited with code ${child.exitCode} before listening on ${spec.hostname}:${spec.port}:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${spec.name} did not listen on ${spec.hostname}:${spec.port} in time:\n${output}`);
    }
    await sleep(50);
  }
  return {
    name: spec.name,
    hostname: spec.hostname,
    port: spec.port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited(child);
    },
  };
}
