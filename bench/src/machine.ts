/** The machine and versions a run was measured on, for the report's header. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { REPO_DIR } from "./paths.js";

/** What the report says about where it ran. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  readonly assemblyscript: string;
  readonly autocannon: string;
  readonly commit: string;
  /** 1-minute load average when the run started: other work on a shared machine shows here. */
  readonly loadAverage: number;
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  const manifest = require.resolve(`${name}/package.json`);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_DIR, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

/** Describes this machine. */
export function describeMachine(): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    assemblyscript: packageVersion("assemblyscript"),
    autocannon: packageVersion("autocannon"),
    commit: gitCommit(),
    loadAverage: loadavg()[0]!,
  };
}
