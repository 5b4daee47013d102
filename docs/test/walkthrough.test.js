// Follows docs/guide.md as a new user would: runs every `<!-- run: id -->` block in the guide's order, in a fresh
// directory laid out like a checkout of this repository, and checks each block's output against the `<!-- output -->`
// block after it. Three commands are stood in for, because running them here would mean running the whole
// repository inside its own test:
//   pnpm install  -> links the new plugin's SDK dependencies to this workspace's packages (what the install links)
//   npm start     -> what scripts/start.mjs does after its set-up and build steps: PluginHost.load + startGateway in
//                    front of a real httpbin (its banner is not compared: this test does not print it)
//   port 10000    -> a free port, substituted in the `curl` commands
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { after, before, describe, it } from "node:test";
import { freePort, PluginHost, startGateway, startHttpbin } from "@higress-ts/host";
import { commands, DOCS_DIR, guideBlocks } from "../src/guide-blocks.mjs";

const REPO = resolve(DOCS_DIR, "..");
const GUIDE_PORT = "10000";

/** A directory laid out like a checkout: the workspace file, and the packages the guide's commands reach. */
function checkoutLike() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "guide-walkthrough-")));
  // verifyDepsBeforeRun: pnpm would otherwise install before `pnpm build`, which the links below stand in for.
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n  - plugins/*\nverifyDepsBeforeRun: false\n");
  mkdirSync(join(root, "packages"));
  mkdirSync(join(root, "plugins"));
  for (const name of ["proxy-wasm", "cli"]) symlinkSync(join(REPO, "packages", name), join(root, "packages", name), "dir");
  return root;
}

function link(target, path) {
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) symlinkSync(target, path);
}

/** What `pnpm install` links for each plugin: its workspace:* dependencies, the compiler, and the CLI's bin. */
function installPlugins(root) {
  for (const dir of ["my-plugin"].map((name) => join(root, "plugins", name))) {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const [name, spec] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      const target = spec.startsWith("workspace:")
        ? join(REPO, "packages", name.replace("@higress-ts/", ""))
        : realpathSync(join(DOCS_DIR, "node_modules", name));
      link(target, join(dir, "node_modules", name));
    }
    link(join(REPO, "packages", "cli", "bin", "higress-ts.js"), join(dir, "node_modules", ".bin", "higress-ts"));
  }
}

/**
 * Runs one shell command line in `cwd`; its output, after asserting that it succeeded. Asynchronous: the local
 * gateway the `curl` commands reach runs in this process.
 */
async function shell(line, cwd) {
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const child = spawn("sh", ["-c", line], { cwd, env });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const status = await new Promise((done) => child.on("close", done));
  assert.equal(status, 0, `${line}\n${output}`);
  return output;
}

/**
 * Asserts that each line of an output block appears in what the command printed: numbers may differ (sizes, ports,
 * counts) and `…` stands for any text (an absolute path, a line left out).
 */
function assertShown(expected, actual, what) {
  const pattern = (line) =>
    new RegExp(line.trimEnd().split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\d[\d,.]*/g, "\\d[\\d,.]*")).join(".*"));
  for (const line of expected.split("\n").filter((l) => l.trim() !== "" && l.trim() !== "…")) {
    assert.match(actual, pattern(line), `${what}: the guide shows\n  ${line}\nbut the command printed\n${actual}`);
  }
}

describe("docs/guide.md, followed step by step", () => {
  const blocks = guideBlocks("en");
  const root = checkoutLike();
  let cwd = root;
  let httpbin;
  let gateway = null;
  let gatewayPort;

  before(async () => {
    httpbin = await startHttpbin();
    gatewayPort = String(await freePort());
  });
  after(async () => {
    await gateway?.close();
    await httpbin?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** `npm start -- <args>` from the root: the plugin on the local gateway in front of httpbin. */
  async function npmStart(args) {
    const { values } = parseArgs({ args, options: { plugin: { type: "string" }, config: { type: "string" }, port: { type: "string" } } });
    assert.equal(values.port, GUIDE_PORT);
    const wasm = readFileSync(join(root, "plugins", values.plugin, "build", "main.wasm"));
    const loaded = await PluginHost.load(wasm, { name: values.plugin, configuration: values.config ?? '{"mockEnable": false}' });
    assert.equal(loaded.ok, true, loaded.error);
    await gateway?.close();
    gateway = await startGateway({ host: loaded.host, upstream: `http://127.0.0.1:${httpbin.port}`, port: Number(gatewayPort) });
    return null;
  }

  async function runLine(line) {
    const cd = /^cd (.+)$/.exec(line);
    if (cd) {
      cwd = resolve(cwd, cd[1]);
      return "";
    }
    if (line === "pnpm install") {
      assert.equal(cwd, root);
      installPlugins(root);
      return "";
    }
    const start = /^npm start -- (.+)$/.exec(line);
    if (start) {
      assert.equal(cwd, root);
      return npmStart(start[1].match(/'[^']*'|\S+/g).map((a) => a.replace(/^'|'$/g, "")));
    }
    return shell(line.replaceAll(`127.0.0.1:${GUIDE_PORT}`, `127.0.0.1:${gatewayPort}`), cwd);
  }

  blocks.forEach((block, index) => {
    if (block.kind !== "run") return;
    const shown = blocks[index + 1]?.kind === "output" ? blocks[index + 1] : null;
    it(`step ${block.arg} (guide.md line ${block.line})`, async () => {
      let output = "";
      for (const line of commands(block)) {
        const printed = await runLine(line);
        output = printed === null ? null : output + printed;
      }
      if (shown && output !== null) assertShown(shown.text, output, block.arg);
    });
  });

  it("ends with a plugin that answers through the local gateway", async () => {
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/get`);
    assert.equal(await response.text(), "hello world");
  });
});
