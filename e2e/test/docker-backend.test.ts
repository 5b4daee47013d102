/** The docker script where no engine answers (as here, and on any machine without Docker): nothing runs, nothing passes. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../src/docker-main.js", import.meta.url));

/** A PATH holding only node: the docker command is not there. */
const bin = mkdtempSync(join(tmpdir(), "e2e-no-docker-"));
symlinkSync(process.execPath, join(bin, "node"));

function runScript(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { env: { ...env, PATH: bin }, encoding: "utf8" });
}

describe("the docker backend without a Docker engine", () => {
  after(() => rmSync(bin, { recursive: true }));

  it("prints that it was not run and why, counts nothing as passed, and exits 0", () => {
    const run = runScript([], {});
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\[docker\] not run: the docker command cannot be run \(spawn docker ENOENT\)\.$/m);
    assert.match(run.stdout, /^\[docker\] 12 cases of 4 plugins were not run; 0 passed\./m);
    assert.doesNotMatch(run.stdout, /✔/);
  });

  it("exits 1 when asked to require the engine", () => {
    const run = runScript(["--require"], {});
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^\[docker\] not run: /m);
  });
});
