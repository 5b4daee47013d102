// The main job: set up, build every plugin, start a real httpbin on 127.0.0.1 and the local gateway with a
// reference plugin in front of it, then print the curl to try. Stops both on Ctrl-C.
//   npm start                               mock-enable with {"mockEnable": false}: httpbin echoes "Hello": "world"
//   npm start -- --plugin hello-world       any plugin under plugins/
//   npm start -- --config '{"mockEnable": true}' --port 10000
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
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
  console.log("usage: npm start -- [--plugin <name under plugins/>] [--config <json>] [--port <n, 0 for any>]");
  process.exit(0);
}

const steps = setup(TOTAL);
step(steps + 1, TOTAL, "building every package and plugin (turbo run build)");
if (spawnSync("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"], { cwd: root, stdio: "inherit" }).status !== 0) {
  fail("the build failed (see above); fix it, or run `pnpm turbo run build` for the full output.");
}

step(steps + 2, TOTAL, `starting httpbin and the local gateway with plugins/${args.plugin}`);
const { PluginHost, freePort, startGateway, startHttpbin } = await import(join(root, "packages/host/dist/src/index.js"));
const wasmPath = join(root, "plugins", args.plugin, "build", "main.wasm");
const wasm = await readFile(wasmPath).catch(() => fail(`${wasmPath} is missing; is "${args.plugin}" a plugin under plugins/?`));
const loaded = await PluginHost.load(wasm, { name: args.plugin, configuration: args.config, printLogs: console.log });
if (!loaded.ok) fail(`the plugin did not start: ${loaded.error}\n${loaded.logs.map((l) => l.message ?? l).join("\n")}`);

const httpbin = await startHttpbin();
const wanted = Number(args.port);
const port = wanted && (await isFree(wanted)) ? wanted : await freePort();
const gateway = await startGateway({ host: loaded.host, upstream: `http://127.0.0.1:${httpbin.port}`, port });

console.log(`
The local gateway is listening on ${gateway.url}, with plugins/${args.plugin} in front of httpbin on 127.0.0.1:${httpbin.port}.
Plugin configuration: ${args.config}

Try:
  curl -i ${gateway.url}/get

Ctrl-C stops both.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await gateway.close();
    await httpbin.stop();
    process.exit(0);
  });
}

async function isFree(candidate) {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(candidate, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
