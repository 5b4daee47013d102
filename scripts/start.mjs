// The main job: set up, build every plugin, then run a reference plugin with `higress-ts run`: the local gateway from
// a guide-shaped envoy.yaml, in front of a real httpbin on 127.0.0.1, with the curl to try. Ctrl-C stops both.
//   npm start                               mock-enable with {"mockEnable": false}: httpbin echoes "Hello": "world"
//   npm start -- --plugin hello-world       any plugin under plugins/
//   npm start -- --config '{"mockEnable": true}' --port 10000
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fail, root, setup, step } from "./setup.mjs";

const TOTAL = 5;
const { values: args } = parseArgs({
  options: {
    plugin: { type: "string", default: "mock-enable" },
    config: { type: "string", default: '{"mockEnable": false}' },
    port: { type: "string", default: "10000" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log("usage: npm start -- [--plugin <name under plugins/>] [--config <json or file>] [--port <n, 0 for any>]");
  process.exit(0);
}
const pluginDir = join(root, "plugins", args.plugin);
if (!existsSync(join(pluginDir, "package.json"))) fail(`plugins/${args.plugin} is not a plugin; pass --plugin <a directory under plugins/>.`);

const steps = setup(TOTAL);
step(steps + 1, TOTAL, "building every package and plugin (turbo run build)");
if (spawnSync("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"], { cwd: root, stdio: "inherit" }).status !== 0) {
  fail("the build failed (see above); fix it, or run `pnpm turbo run build` for the full output.");
}

// The default port may be taken on a shared machine: then any free port, as the printed curl says.
const port = args.port !== "0" && (await isFree(Number(args.port))) ? args.port : "0";
step(steps + 2, TOTAL, `higress-ts run plugins/${args.plugin} --config '${args.config}' --port ${port}`);
const cli = join(root, "packages", "cli", "bin", "higress-ts.js");
const gateway = spawn(process.execPath, [cli, "run", pluginDir, "--config", args.config, "--port", port], { stdio: "inherit" });
// Ctrl-C reaches the gateway through the terminal; a SIGTERM to this script is passed on.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => gateway.kill(signal));
gateway.on("exit", (code) => process.exit(code ?? 0));

function isFree(candidate) {
  return new Promise((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(candidate, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
