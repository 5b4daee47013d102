/**
 * Every plugin's cases on the local backend: one test per case, against a real httpbin and a real redis-server.
 * The docker backend runs the same cases with `pnpm --filter @higress-ts/e2e docker`.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Backend } from "../src/backend.js";
import { CaseRunner } from "../src/case-runner.js";
import { startLocalBackend } from "../src/local-backend.js";
import { readSuites } from "../src/suite.js";

for (const suite of await readSuites()) {
  describe(`${suite.name} on the local backend`, () => {
    let backend: Backend;
    let runner: CaseRunner;
    before(async () => {
      backend = await startLocalBackend(suite);
      runner = new CaseRunner(backend, suite);
    });
    after(() => backend?.stop());

    for (const c of suite.cases) {
      it(`[local] ${c.name}`, async () => {
        const mismatches = await runner.run(c);
        assert.deepEqual(mismatches, [], `${mismatches.join("\n")}\n--- gateway log (latest lines) ---\n${await backend.logs()}`);
      });
    }
  });
}
