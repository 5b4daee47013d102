import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CLI_DIR, PACKAGES_DIR, runCli } from "./cli-harness.js";
import { ASSEMBLYSCRIPT_DIR, linkPackages, PROXY_WASM_DIR, scratchDir } from "./plugin-fixture.js";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
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
  it("copies hello-world into a workspace, renamed everywhere, and the copy builds and passes the load check", () => {
    const root = workspaceLike();
    const dir = join(root, "plugins", "my-auth");
    const run = runCli(["init", "my-auth", "--dir", dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\[1\/3\] copying hello-world \(\d+ files from .*plugins\/hello-world\) to .*plugins\/my-auth\n/);
    assert.match(run.stdout, /\[3\/3\] linking the SDK packages from the workspace at .* \(workspace:\*\)\n/);
    const pkg = readJson(join(dir, "package.json"));
    assert.equal(pkg.name, "@higress-ts/plugin-my-auth");
    assert.equal(pkg.dependencies["@higress-ts/proxy-wasm"], "workspace:*");
    const main = readFileSync(join(dir, "assembly", "main.ts"), "utf8");
    assert.match(main, /registerRootContext\(.*, "my-auth"\);/);
    assert.doesNotMatch(main, /hello-world/);
    assert.equal(existsSync(join(dir, "node_modules")), false);
    assert.equal(existsSync(join(dir, "build")), false);

    linkPackages(dir, { "@higress-ts/proxy-wasm": PROXY_WASM_DIR, assemblyscript: ASSEMBLYSCRIPT_DIR });
    const build = runCli(["build", dir]);
    assert.equal(build.status, 0, build.stderr);
    assert.match(build.stdout, /\nEnvoy would load this module\.\n$/);
  });

  it("makes a standalone project outside the workspace: published versions, unscoped name, a .gitignore", () => {
    const dir = join(scratchDir("standalone"), "edge-auth");
    const run = runCli(["init", "edge-auth", "--from", "hello-world", "--dir", dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\[3\/3\] depending on the published SDK packages by version \(standalone project\)\n/);
    const pkg = readJson(join(dir, "package.json"));
    const hello = readJson(join(CLI_DIR, "..", "..", "plugins", "hello-world", "package.json"));
    assert.equal(pkg.name, "edge-auth");
    for (const field of ["dependencies", "devDependencies"]) {
      for (const [dep, spec] of Object.entries(hello[field] as Record<string, string>)) {
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
    assert.match(readFileSync(join(dir, "assembly", "main.ts"), "utf8"), /"copied"\);/);
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
