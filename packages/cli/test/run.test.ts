import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import { parseEnvoyConfig, startHttpbin, type LocalService } from "@higress-ts/host";
import { CLI_DIR, PACKAGES_DIR, runCli } from "./cli-harness.js";
import { ASSEMBLYSCRIPT_DIR, makePlugin, scratchDir } from "./plugin-fixture.js";

/** A plugin on the SDK: adds `x-greeting: <greeting>` to requests, answers locally when `mock` is true; needs `mock`. */
const greeterSource = (greeting: string) => `import {
  addHttpRequestHeader, HeaderStatus, HttpContext, JsonValue, sendHttpResponse, setCtx,
} from "@higress-ts/sdk/assembly";

class GreeterConfig {
  mock: bool = false;
}

function parseConfig(json: JsonValue, config: GreeterConfig): string | null {
  if (!json.get("mock").exists()) return "mock is required";
  config.mock = json.get("mock").bool();
  return null;
}

function onHttpRequestHeaders(ctx: HttpContext, config: GreeterConfig): HeaderStatus {
  addHttpRequestHeader("x-greeting", "${greeting}");
  if (config.mock) sendHttpResponse(200, null, String.UTF8.encode("mocked"));
  return HeaderStatus.Continue;
}

setCtx<GreeterConfig>("greeter").parseConfig(parseConfig).processRequestHeaders(onHttpRequestHeaders);
`;

function makeGreeter(): string {
  return makePlugin({
    main: greeterSource("hello"),
    packageJson: { name: "@acme/plugin-greeter", version: "1.0.0", private: true, type: "module" },
    asconfig: { extends: "./node_modules/@higress-ts/sdk/node_modules/@higress-ts/proxy-wasm/asconfig.json" },
    links: { "@higress-ts/sdk": join(PACKAGES_DIR, "sdk"), assemblyscript: ASSEMBLYSCRIPT_DIR },
  });
}

/** The sessions a failed test left running, stopped after the file. */
const running = new Set<RunSession>();
after(() => Promise.all([...running].map((session) => session.stop())));

/** A `higress-ts run` in the background: what it printed so far, the gateway URL it announced, and how to stop it. */
class RunSession {
  stdout = "";
  stderr = "";
  private readonly exit: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => { this.stdout += chunk; });
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => { this.stderr += chunk; });
    this.exit = new Promise((resolve) => child.on("close", resolve));
  }

  /** Starts `higress-ts run <args>` and waits until it prints the curl to try; rejects with its output if it exits. */
  static async start(args: readonly string[]): Promise<{ session: RunSession; url: string }> {
    const session = new RunSession(spawn(process.execPath, [join(CLI_DIR, "bin", "higress-ts.js"), "run", ...args], { cwd: CLI_DIR }));
    running.add(session);
    const url = await session.waitFor(/curl -i (http:\/\/[^/\s]+)/);
    return { session, url: url[1]! };
  }

  /** Resolves when stdout matches; rejects if the process exits first. */
  async waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    let exited = false;
    void this.exit.then(() => { exited = true; });
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      if (exited) throw new Error(`higress-ts run exited before printing ${pattern}:\n${this.stdout}\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Ctrl-C, then the exit status. */
  async stop(): Promise<number | null> {
    running.delete(this);
    this.child.kill("SIGINT");
    return this.exit;
  }
}

/** The request headers httpbin saw, through the gateway. */
async function echoedHeaders(url: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/headers`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { headers: Record<string, string> }).headers;
}

describe("higress-ts run", () => {
  let plugin: string;
  before(() => { plugin = makeGreeter(); });

  it("builds the plugin when build/main.wasm is missing and runs it in front of a real httpbin with inline JSON config", async () => {
    const { session, url } = await RunSession.start([plugin, "--port", "0", "--config", '{"mock": false}']);
    assert.match(session.stdout, /^plugin config \(inline JSON\): \{"mock": false\}\n\[1\/2\] compiling /);
    assert.match(session.stdout, /Envoy would load this module\.\n/);
    assert.match(session.stdout, /runs the generated envoy\.yaml on http:\/\/127\.0\.0\.1:\d+: plugin greeter \(.*build\/main\.wasm\) in front of httpbin on 127\.0\.0\.1:\d+\./);
    assert.match(session.stdout, /\[info\]\[wasm\] wasm log  : \[greeter\] \[nil\] \[nil\] plugin start successfully\n/);
    const headers = await echoedHeaders(url);
    assert.equal(headers["X-Greeting"], "hello");
    assert.equal(headers["X-Envoy-Expected-Rq-Timeout-Ms"], "15000");
    await session.waitFor(/"GET \/headers HTTP\/1\.1" 200 /);
    assert.equal(await session.stop(), 0);
  });

  it("takes the config from a file, and does not rebuild a module newer than its sources", async () => {
    const built = statSync(join(plugin, "build", "main.wasm")).mtimeMs;
    const config = join(scratchDir("config"), "greeter.json");
    writeFileSync(config, '{ "mock": true }\n');
    const { session, url } = await RunSession.start([plugin, "--port", "0", "--config", config]);
    assert.match(session.stdout, /^plugin config \(.*greeter\.json\): \{ "mock": true \}\n/);
    assert.doesNotMatch(session.stdout, /compiling/);
    const response = await fetch(`${url}/get`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "mocked");
    assert.equal(await session.stop(), 0);
    assert.equal(statSync(join(plugin, "build", "main.wasm")).mtimeMs, built);
  });

  it("forwards to --upstream instead of starting httpbin", async () => {
    const httpbin = await startHttpbin();
    try {
      const { session, url } = await RunSession.start([plugin, "--port", "0", "--config", '{"mock": false}', "--upstream", `http://127.0.0.1:${httpbin.port}`]);
      assert.doesNotMatch(session.stdout, /in front of httpbin/);
      assert.equal((await echoedHeaders(url))["X-Greeting"], "hello");
      assert.equal(await session.stop(), 0);
    } finally {
      await httpbin.stop();
    }
  });

  it("prints the generated envoy.yaml, which the gateway's parser accepts, in the guide's shape", () => {
    const run = runCli(["run", plugin, "--print-envoy", "--config", '{"mock": true}']);
    assert.equal(run.status, 0, run.stderr);
    const parsed = parseEnvoyConfig(run.stdout);
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
    const [listener] = parsed.config.listeners;
    assert.equal(listener!.address.port, 10000);
    assert.deepEqual(listener!.http.wasmFilters.map((f) => [f.name, f.filename, f.configuration]), [["greeter", "/etc/envoy/main.wasm", '{"mock": true}']]);
    assert.deepEqual(parsed.config.clusters.map((c) => [c.name, c.type, c.endpoints]), [["httpbin", "LOGICAL_DNS", [{ address: "httpbin", port: 80 }]]]);
    const upstream = parse(runCli(["run", plugin, "--print-envoy", "--upstream", "http://127.0.0.1:8080", "--port", "8000"]).stdout);
    assert.equal(upstream.static_resources.clusters[0].type, "STATIC");
    assert.equal(upstream.static_resources.listeners[0].address.socket_address.port_value, 8000);
  });

  it("runs a given envoy.yaml (the guide's), its endpoints remapped, with --config replacing the filter's configuration", async () => {
    const httpbin = await startHttpbin();
    try {
      const guide = join(PACKAGES_DIR, "host", "test", "fixtures", "envoy", "guide-envoy.yaml");
      const { session, url } = await RunSession.start([
        plugin, "--envoy", guide, "--address", `httpbin:80=127.0.0.1:${httpbin.port}`, "--port", "0", "--config", '{"mock": false}',
      ]);
      assert.match(session.stdout, /runs .*guide-envoy\.yaml on http:\/\/127\.0\.0\.1:\d+: plugin greeter/);
      // The guide's own configuration lacks "mock", which this plugin requires: the plugin got --config's.
      assert.equal((await echoedHeaders(url))["X-Greeting"], "hello");
      assert.equal(await session.stop(), 0);
    } finally {
      await httpbin.stop();
    }
  });

  it("fails with the reason for a bad --config, naming the file or the plugin's refusal", () => {
    const invalid = runCli(["run", plugin, "--config", '{"mock": tru}']);
    assert.equal(invalid.status, 1);
    assert.match(invalid.stderr, /^error: --config is not valid JSON: /);
    const missing = runCli(["run", plugin, "--config", "no-such.json"]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^error: --config no-such\.json: no such file\n  Pass the config inline as a JSON object/);
    const list = join(scratchDir("config"), "list.json");
    writeFileSync(list, "[1, 2]");
    const notObject = runCli(["run", plugin, "--config", list]);
    assert.equal(notObject.status, 1);
    assert.match(notObject.stderr, /^error: --config .*list\.json is not a JSON object\n/);
    const refused = runCli(["run", plugin, "--port", "0", "--config", '{"other": 1}']);
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /mock is required/);
    assert.match(refused.stderr, /^error: the gateway of the generated envoy\.yaml did not start: http filter greeter: Failed to configure base Wasm plugin\n  The plugin refused its configuration/);
  });

  it("with --watch, rebuilds on a source change and serves the new build on the same port", { timeout: 180_000 }, async () => {
    const { session, url } = await RunSession.start([plugin, "--port", "0", "--config", '{"mock": false}', "--watch"]);
    assert.equal((await echoedHeaders(url))["X-Greeting"], "hello");
    writeFileSync(join(plugin, "assembly", "main.ts"), "this is not AssemblyScript\n");
    await session.waitFor(/The build failed; the gateway keeps running the previous build\.\n/);
    assert.equal((await echoedHeaders(url))["X-Greeting"], "hello");
    writeFileSync(join(plugin, "assembly", "main.ts"), greeterSource("bonjour"));
    // Poll until the new build answers; requests during the reload may find the port closed for a moment.
    let greeting: string | undefined = "hello";
    while (greeting === "hello") greeting = await echoedHeaders(url).then((h) => h["X-Greeting"], () => "hello");
    assert.equal(greeting, "bonjour");
    assert.match(session.stdout, /assembly\/ changed: rebuilding\n\[1\/2\] compiling /);
    assert.match(session.stdout, new RegExp(`Reloaded: ${url.replace(/[.]/g, "\\.")} runs the new build\\.`));
    assert.match(readFileSync(join(plugin, "assembly", "main.ts"), "utf8"), /bonjour/);
    assert.equal(await session.stop(), 0);
  });
});
