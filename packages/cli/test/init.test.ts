import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CLI_DIR, PACKAGES_DIR, runCli } from "./cli-harness.js";
import { ASSEMBLYSCRIPT_DIR, linkPackages, PROXY_WASM_DIR, scratchDir } from "./plugin-fixture.js";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const PLUGINS_DIR = join(CLI_DIR, "..", "..", "plugins");
const REFERENCE_PLUGINS = ["hello-world", "mock-enable", "http-call", "redis-qpm"];
const HELLO = readJson(join(PLUGINS_DIR, "hello-world", "package.json"));
const workspaceVersion = (pkg: string) => readJson(join(PACKAGES_DIR, pkg, "package.json")).version as string;

/** A directory laid out like this repository: pnpm-workspace.yaml and packages/proxy-wasm at its root. */
function workspaceLike(): string {
  const root = scratchDir("workspace");
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n  - plugins/*\n");
  mkdirSync(join(root, "packages"));
  symlinkSync(PROXY_WASM_DIR, join(root, "packages", "proxy-wasm"), "dir");
  return root;
}

describe("higress-ts init", () => {
  for (const from of REFERENCE_PLUGINS.filter((name) => existsSync(join(PLUGINS_DIR, name)))) {
    it(`copies ${from} into a workspace, renamed everywhere; the copy builds, passes the load check and its copied tests`, () => {
      const reference = readJson(join(PLUGINS_DIR, from, "package.json"));
      const root = workspaceLike();
      const dir = join(root, "plugins", "my-auth");
      const run = runCli(["init", "my-auth", "--from", from, "--dir", dir]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^\\[1/3\\] copying ${from} \\(\\d+ files from .*plugins/${from}\\) to .*plugins/my-auth\\n`));
      assert.match(run.stdout, /\[3\/3\] linking the SDK packages from the workspace at .* \(workspace:\*\)\n/);
      const pkg = readJson(join(dir, "package.json"));
      assert.equal(pkg.name, "@higress-ts/plugin-my-auth");
      const sdkDeps = Object.entries({ ...reference.dependencies, ...reference.devDependencies } as Record<string, string>)
        .filter(([, spec]) => spec.startsWith("workspace:")).map(([dep]) => dep);
      assert.ok(sdkDeps.length > 0);
      for (const dep of sdkDeps) assert.equal(pkg.dependencies?.[dep] ?? pkg.devDependencies?.[dep], "workspace:*", dep);
      const main = readFileSync(join(dir, "assembly", "main.ts"), "utf8");
      assert.match(main, /"my-auth"/);
      assert.ok(!main.includes(`"${from}"`));
      assert.equal(existsSync(join(dir, "node_modules")), false);
      assert.equal(existsSync(join(dir, "build")), false);

      // What `pnpm install` would link: the workspace's packages and the compiler.
      linkPackages(dir, {
        ...Object.fromEntries(sdkDeps.map((dep) => [dep, join(PACKAGES_DIR, dep.replace("@higress-ts/", ""))])),
        assemblyscript: ASSEMBLYSCRIPT_DIR,
      });
      const build = runCli(["build", dir]);
      assert.equal(build.status, 0, build.stderr);
      // Built for the reference's own ABI (package.json "higress.abi"): 0.2.100 plugins are checked as Higress loads them.
      const gateway = reference.higress?.abi === "0.2.100" ? "Higress" : "Envoy";
      assert.match(build.stdout, new RegExp(`\\n${gateway} would load this module\\.\\n$`));
      if (existsSync(join(dir, "test"))) {
        // A test run of its own, not a subtest of this one: without node:test's NODE_TEST_CONTEXT.
        const { NODE_TEST_CONTEXT: _, ...env } = process.env;
        const tests = spawnSync(process.execPath, ["--test", "--test-reporter=spec", "test/"], { cwd: dir, encoding: "utf8", env });
        assert.equal(tests.status, 0, tests.stdout + tests.stderr);
        assert.match(tests.stdout, /\nℹ pass [1-9]\d*\nℹ fail 0\n/);
      }
    });
  }

  it("makes a standalone project outside the workspace: published versions, unscoped name, a .gitignore", () => {
    const dir = join(scratchDir("standalone"), "edge-auth");
    const run = runCli(["init", "edge-auth", "--from", "hello-world", "--dir", dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\[3\/3\] depending on the published SDK packages by version \(standalone project\)\n/);
    const pkg = readJson(join(dir, "package.json"));
    assert.equal(pkg.name, "edge-auth");
    for (const field of ["dependencies", "devDependencies"]) {
      for (const [dep, spec] of Object.entries(HELLO[field] as Record<string, string>)) {
        assert.equal(pkg[field][dep], spec.startsWith("workspace:") ? workspaceVersion(dep.replace("@higress-ts/", "")) : spec, dep);
      }
    }
    assert.equal(readFileSync(join(dir, ".gitignore"), "utf8"), "node_modules/\nbuild/\n");
  });

  it("ships the reference plugins and the SDK versions in templates/ for the published package", () => {
    const out = scratchDir("templates");
    const fill = spawnSync(process.execPath, [join(CLI_DIR, "scripts", "fill-templates.mjs"), out], { encoding: "utf8" });
    assert.equal(fill.status, 0, fill.stderr);
    assert.match(fill.stdout, /^templates: hello-world\n/);
    assert.equal(readJson(join(out, "versions.json"))["@higress-ts/proxy-wasm"], workspaceVersion("proxy-wasm"));
    assert.ok(existsSync(join(out, "hello-world", "assembly", "main.ts")));
    assert.equal(existsSync(join(out, "hello-world", "node_modules")), false);
    const dir = join(scratchDir("from-template"), "copied");
    const run = runCli(["init", "copied", "--from", join(out, "hello-world"), "--dir", dir]);
    assert.equal(run.status, 0, run.stderr);
    const main = readFileSync(join(dir, "assembly", "main.ts"), "utf8");
    assert.match(main, /"copied"/);
    assert.doesNotMatch(main, /hello-world/);
  });

  it("refuses a bad name, an unknown reference plugin and a non-empty target", () => {
    assert.equal(runCli(["init", "MyPlugin"]).stderr, `error: "MyPlugin" is not a plugin name\n  Use lower-case letters, digits and dashes, e.g. my-auth.\n`);
    assert.match(runCli(["init", "x", "--from", "nope", "--dir", join(scratchDir("x"), "x")]).stderr,
      /^error: no reference plugin "nope"\n  Use one of hello-world, mock-enable, http-call, redis-qpm \(where installed\), or pass a plugin directory\.\n$/);
    const taken = scratchDir("taken");
    writeFileSync(join(taken, "keep.txt"), "mine");
    assert.equal(runCli(["init", "x", "--dir", taken]).stderr, `error: ${taken} exists and is not empty\n  Choose another --dir, or remove it.\n`);
  });
});
