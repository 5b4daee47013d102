import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The cli package directory (tests run from dist/test). */
export const CLI_DIR = fileURLToPath(new URL("../../", import.meta.url));
/** The workspace's packages directory. */
export const PACKAGES_DIR = join(CLI_DIR, "..");

/** What a CLI run printed and how it exited. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `higress-ts <args>` as a child process, the way a user's shell would. */
export function runCli(args: readonly string[], cwd = CLI_DIR, env: NodeJS.ProcessEnv = {}): CliRun {
  const run = spawnSync(process.execPath, [join(CLI_DIR, "bin", "higress-ts.js"), ...args],
    { cwd, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "", ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Runs `higress-ts <args>` as a child process without blocking this one, for tests that serve the CLI from here
 * (a registry's readiness, a token service).
 */
export async function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [join(CLI_DIR, "bin", "higress-ts.js"), ...args],
    { cwd: CLI_DIR, env: { ...process.env, SOURCE_DATE_EPOCH: "", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
  const status = await new Promise<number | null>((done) => child.on("close", done));
  return { status, stdout, stderr };
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `higress-ts-${prefix}-`));
}
