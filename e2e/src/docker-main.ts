/**
 * `pnpm --filter @higress-ts/e2e docker [--require]`: every plugin's cases on the Higress gateway under docker
 * compose. Without a Docker engine nothing runs and nothing passes: it says so and why, and exits 0 unless
 * `--require` asks for the engine. Otherwise it prints one line per case and exits 1 if any failed.
 */
import type { Backend } from "./backend.js";
import { CaseRunner } from "./case-runner.js";
import { startDockerBackend } from "./docker-backend.js";
import { findDockerEngine } from "./docker-engine.js";
import { readSuites, type PluginSuite } from "./suite.js";

/** Runs one suite; returns [passed, failed]. */
async function runSuite(suite: PluginSuite, compose: readonly string[]): Promise<[number, number]> {
  let backend: Backend;
  try {
    backend = await startDockerBackend(suite, compose);
  } catch (error) {
    console.log(`[docker] ✖ ${suite.name}: could not start (${(error as Error).message}); its ${suite.cases.length} cases failed`);
    return [0, suite.cases.length];
  }
  const runner = new CaseRunner(backend, suite);
  let passed = 0;
  try {
    for (const c of suite.cases) {
      const mismatches = await runner.run(c).catch((error: Error) => [error.message]);
      if (mismatches.length === 0) {
        passed++;
        console.log(`[docker] ✔ ${suite.name} › ${c.name}`);
      } else {
        console.log(`[docker] ✖ ${suite.name} › ${c.name}\n  ${mismatches.join("\n  ")}\n--- gateway log ---\n${await backend.logs()}`);
      }
    }
  } finally {
    await backend.stop();
  }
  return [passed, suite.cases.length - passed];
}

async function main(args: readonly string[]): Promise<number> {
  const require = args.includes("--require");
  const suites = await readSuites();
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const engine = await findDockerEngine();
  if (!engine.ok) {
    console.log(`[docker] not run: ${engine.reason}.`);
    console.log(`[docker] ${total} cases of ${suites.length} plugins were not run; 0 passed. The local backend runs them: pnpm --filter @higress-ts/e2e test`);
    return require ? 1 : 0;
  }
  console.log(`[docker] Docker engine ${engine.serverVersion}, ${engine.compose.join(" ")}`);
  let passed = 0;
  let failed = 0;
  for (const suite of suites) {
    const [p, f] = await runSuite(suite, engine.compose);
    passed += p;
    failed += f;
  }
  console.log(`[docker] ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
