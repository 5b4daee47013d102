// The release path end to end: every SDK package published to a local npm registry, then a standalone plugin made by
// the published cli installs the SDK from it by version, builds a module Envoy would load and passes its own tests.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CLI_DIR, PACKAGES_DIR, type CliRun } from "./cli-harness.js";
import { startNpmRegistry, type NpmRegistry } from "./npm-registry-fixture.js";
import { scratchDir } from "./plugin-fixture.js";

/** The SDK packages a standalone plugin needs, dependencies first. */
const SDK_PACKAGES = ["proxy-wasm", "resp", "http", "sdk", "host", "cli"];
const TEMPLATES_DIR = join(CLI_DIR, "templates");
const versionOf = (pkg: string) => (JSON.parse(readFileSync(join(PACKAGES_DIR, pkg, "package.json"), "utf8")) as { version: string }).version;

let registry: NpmRegistry;
/** npm's cache for this test alone, so no tarball of an earlier run with the same version is reused. */
let npmCache: string;
/** Whether templates/ was there before publishing the cli filled it (prepack): if not, it is removed after. */
const hadTemplates = existsSync(TEMPLATES_DIR);

/** Runs a package manager with the local registry's userconfig, outside node:test's child context. */
function run(command: string, args: readonly string[], cwd: string): CliRun {
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const result = spawnSync(command, args, {
    cwd, encoding: "utf8",
    env: { ...env, NPM_CONFIG_USERCONFIG: registry.userconfig, npm_config_registry: registry.url, npm_config_cache: npmCache },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const output = (result: CliRun) => result.stdout + result.stderr;

before(async () => {
  registry = await startNpmRegistry();
  npmCache = scratchDir("npm-cache");
});

after(async () => {
  await registry?.stop();
  if (!hadTemplates) rmSync(TEMPLATES_DIR, { recursive: true, force: true });
});

describe("the release path", () => {
  it("publishes every SDK package to the registry, with workspace:* dependencies turned into versions", async () => {
    for (const pkg of SDK_PACKAGES) {
      const publish = run("pnpm", ["publish", "--registry", registry.url, "--no-git-checks"], join(PACKAGES_DIR, pkg));
      assert.equal(publish.status, 0, output(publish));
      const packument = await fetch(`${registry.url}@higress-ts%2f${pkg}`).then((response) => response.json()) as
        { versions: Record<string, { dependencies?: Record<string, string> }> };
      const published = packument.versions[versionOf(pkg)];
      assert.ok(published, `@higress-ts/${pkg}@${versionOf(pkg)} is not in the registry`);
      for (const [dep, spec] of Object.entries(published.dependencies ?? {})) {
        assert.doesNotMatch(spec, /^workspace:/, `@higress-ts/${pkg} depends on ${dep}@${spec}`);
        if (dep.startsWith("@higress-ts/")) assert.equal(spec, versionOf(dep.replace("@higress-ts/", "")), dep);
      }
    }
  });

  it("a standalone plugin made by the published cli installs from it, builds for Envoy and passes its tests", () => {
    const parent = scratchDir("release");
    const dir = join(parent, "my-plugin");
    const cli = `@higress-ts/cli@${versionOf("cli")}`;
    const init = run("npm", ["exec", "--yes", "--package", cli, "--", "higress-ts", "init", "my-plugin", "--from", "mock-enable", "--dir", dir], parent);
    assert.equal(init.status, 0, output(init));
    // Copied from the templates in the published package, as npm installed it.
    assert.match(init.stdout, /^\[1\/3\] copying mock-enable \(\d+ files from \S+\/node_modules\/@higress-ts\/cli\/templates\/mock-enable\) to my-plugin\n/);
    assert.ok(init.stdout.includes(` files from ${npmCache}/`), init.stdout);
    assert.match(init.stdout, /\[3\/3\] depending on the published SDK packages by version \(standalone project\)\n/);

    const install = run("npm", ["install"], dir);
    assert.equal(install.status, 0, output(install));
    for (const pkg of SDK_PACKAGES) {
      const installed = JSON.parse(readFileSync(join(dir, "node_modules", "@higress-ts", pkg, "package.json"), "utf8")) as { version: string };
      assert.equal(installed.version, versionOf(pkg), pkg);
    }

    const build = run("npx", ["higress-ts", "build"], dir);
    assert.equal(build.status, 0, output(build));
    assert.match(build.stdout, /\nEnvoy would load this module\.\n$/);

    const tests = run("npm", ["test"], dir);
    assert.equal(tests.status, 0, output(tests));
    assert.match(tests.stdout, /\nℹ pass [1-9]\d*\nℹ fail 0\n/);
  });
});
