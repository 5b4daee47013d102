import { join, resolve } from "node:path";
import { once } from "node:events";
import { Command, Option } from "commander";
import { startHttpbin, type EnvoyGatewayOptions, type LocalService, type LogLevelName } from "@higress-ts/host";
import { displayPath } from "../display-path.js";
import { readPluginPackage, type PluginPackage } from "../plugin/plugin-package.js";
import { needsBuild } from "../run/build-freshness.js";
import { readEnvoyFile } from "../run/envoy-file.js";
import { gatewayEnvoyYaml } from "../run/envoy-yaml.js";
import { readPluginConfig, type PluginConfig } from "../run/plugin-config.js";
import { ReloadableGateway } from "../run/reloadable-gateway.js";
import { SourceWatcher } from "../run/source-watcher.js";
import { addressMap, HTTPBIN, upstreamCluster } from "../run/upstream.js";
import { UserError } from "../user-error.js";
import { build, DEFAULT_BUILD } from "./build.js";
import { fail, reportUserErrors } from "./fail.js";

interface RunFlags {
  readonly config?: string;
  readonly envoy?: string;
  readonly address?: string[];
  readonly port?: string;
  readonly upstream?: string;
  readonly watch?: boolean;
  readonly logLevel: LogLevelName;
  readonly printEnvoy?: boolean;
}

/** The path the guide's docker compose file mounts the module at; the generated envoy.yaml names it too. */
const CONTAINER_WASM_FILE = "/etc/envoy/main.wasm";
/** The guide's listener port. */
const DEFAULT_PORT = 10000;
const LOG_LEVELS: readonly LogLevelName[] = ["trace", "debug", "info", "warn", "error", "critical"];

/** What the gateway runs: the envoy.yaml, how to start it locally, and words for the messages. */
interface GatewayPlan {
  readonly yaml: string;
  readonly options: EnvoyGatewayOptions;
  /** "the generated envoy.yaml" or the file's path. */
  readonly described: string;
  /** Whether the gateway forwards to a local httpbin that `run` starts. */
  readonly startsHttpbin: boolean;
  /** The generated file's plugin config, to show where it came from. */
  readonly config: PluginConfig | null;
}

/** `higress-ts run [dir]`: the local gateway with this plugin in front of an upstream. */
export function runCommand(): Command {
  return new Command("run")
    .description("Run the plugin on the local gateway in front of an upstream (a real httpbin by default), from a generated envoy.yaml or yours.")
    .argument("[dir]", "the plugin directory", ".")
    .option("--config <json|file>", "the plugin's configuration: a JSON object, or a JSON file (default: the plugin's example config, else {})")
    .option("--envoy <file>", "run this envoy.yaml instead of a generated one")
    .option("--address <name:port=host:port>", "with --envoy: remap a cluster endpoint of the file, e.g. httpbin:80=127.0.0.1:8080 (repeatable)",
      (value: string, all: string[] = []) => [...all, value])
    .option("--port <n>", `the (first) listener's port, 0 for any free port (default: ${DEFAULT_PORT}, or the file's with --envoy)`)
    .option("--upstream <url>", "forward to this http://host:port instead of starting httpbin")
    .option("--watch", "rebuild on change of assembly/** and reload the plugin (a new VM, same port)")
    .addOption(new Option("--log-level <level>", "the plugin's log level (Envoy's --component-log-level wasm:<level>)").choices(LOG_LEVELS).default("info"))
    .option("--print-envoy", "print the envoy.yaml that would run, then exit (without --upstream, the guide's: fits its docker compose file)")
    .addHelpText("after", `
The generated envoy.yaml has the shape of the Higress guide's: a listener on port ${DEFAULT_PORT}, the route "/" to the
cluster httpbin (httpbin:80, remapped to the local httpbin), the plugin's wasm filter (${CONTAINER_WASM_FILE}, read from
build/main.wasm) with the config as its configuration, and the router. With --envoy, every wasm filter whose module is not
a file here (such as ${CONTAINER_WASM_FILE}) or is build/main.wasm runs this plugin; --config replaces their configuration.

The plugin is built first if build/main.wasm is missing or older than assembly/. Ctrl-C stops everything.`)
    .action((dir: string, flags: RunFlags) => reportUserErrors(() => run(resolve(dir), flags)));
}

async function run(dir: string, flags: RunFlags): Promise<void> {
  const plugin = readPluginPackage(dir);
  const wasmFile = join(dir, DEFAULT_BUILD.out);
  const plan = planGateway(plugin, wasmFile, flags);
  if (flags.printEnvoy) {
    process.stdout.write(plan.yaml);
    return;
  }
  if (plan.config) console.log(`plugin config (${plan.config.source}): ${plan.config.json.trim()}`);
  if (needsBuild(dir, wasmFile) && !(await build(dir, DEFAULT_BUILD))) return;

  let httpbin: LocalService | null = null;
  if (plan.startsHttpbin) httpbin = await startLocalHttpbin();
  let gateway: ReloadableGateway;
  try {
    const addresses = httpbin ? { ...plan.options.addresses, [`${HTTPBIN.host}:${HTTPBIN.port}`]: `${httpbin.hostname}:${httpbin.port}` } : plan.options.addresses;
    gateway = await ReloadableGateway.start(plan.yaml, { ...plan.options, addresses }, plan.described);
  } catch (error) {
    await httpbin?.stop();
    throw error;
  }
  const url = gateway.gateway!.url;
  console.log(`\nThe local gateway runs ${plan.described} on ${url}: plugin ${plugin.pluginName} (${displayPath(wasmFile)})` +
    (httpbin ? ` in front of httpbin on ${httpbin.hostname}:${httpbin.port}.` : "."));
  console.log(`Try:\n  curl -i ${url}${httpbin ? "/get" : "/"}\n`);

  const watcher = flags.watch ? new SourceWatcher(join(dir, "assembly"), () => rebuild(dir, gateway, plan.described)) : null;
  console.log(watcher ? `Watching ${displayPath(join(dir, "assembly"))}/ to rebuild and reload. Ctrl-C stops everything.` : "Ctrl-C stops everything.");
  await Promise.race([once(process, "SIGINT"), once(process, "SIGTERM")]);
  await watcher?.close();
  await gateway.close();
  await httpbin?.stop();
  process.exitCode = 0;
}

/** The envoy.yaml to run and the gateway options for it, from the flags. */
function planGateway(plugin: PluginPackage, wasmFile: string, flags: RunFlags): GatewayPlan {
  const port = flags.port === undefined ? undefined : parsePort(flags.port);
  const pluginOptions = { logLevel: flags.logLevel, printLogs: console.log };
  if (flags.envoy !== undefined) {
    if (flags.upstream !== undefined) {
      throw new UserError("--upstream applies to the generated envoy.yaml", "With --envoy, remap the file's cluster endpoints with --address <name:port>=<host:port>.");
    }
    const config = flags.config === undefined ? undefined : readPluginConfig(flags.config, plugin).json;
    const file = readEnvoyFile(flags.envoy, wasmFile, config);
    const firstListener = file.listeners[0]!;
    return {
      yaml: file.text,
      options: {
        baseDir: file.baseDir,
        wasmFiles: file.wasmFiles,
        addresses: addressMap(flags.address ?? []),
        ...(port === undefined ? {} : { ports: { [firstListener]: port } }),
        plugin: pluginOptions,
      },
      described: displayPath(resolve(flags.envoy)),
      startsHttpbin: false,
      config: null,
    };
  }
  if (flags.address !== undefined) throw new UserError("--address applies to --envoy <file>", "The generated envoy.yaml forwards to --upstream <url> (default: a local httpbin).");
  const config = readPluginConfig(flags.config, plugin);
  const upstream = flags.upstream === undefined ? HTTPBIN : upstreamCluster(flags.upstream);
  return {
    yaml: gatewayEnvoyYaml({ pluginName: plugin.pluginName, wasmFile: CONTAINER_WASM_FILE, configuration: config.json, upstream, port: port ?? DEFAULT_PORT }),
    options: { baseDir: plugin.dir, wasmFiles: { [CONTAINER_WASM_FILE]: wasmFile }, plugin: pluginOptions },
    described: "the generated envoy.yaml",
    startsHttpbin: flags.upstream === undefined,
    config,
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${text} is not a port`, "Pass a number from 1 to 65535, or 0 for any free port.");
  return port;
}

async function startLocalHttpbin(): Promise<LocalService> {
  try {
    return await startHttpbin();
  } catch (error) {
    throw new UserError(`cannot start the local httpbin: ${(error as Error).message}`, "Or pass --upstream http://<host>:<port> to forward to a server of yours.");
  }
}

/** One --watch round: build, then reload the gateway if the module is good; the old plugin keeps serving otherwise. */
async function rebuild(dir: string, gateway: ReloadableGateway, described: string): Promise<void> {
  console.log(`\n${displayPath(join(dir, "assembly"))}/ changed: rebuilding`);
  if (!(await build(dir, DEFAULT_BUILD))) {
    console.log("The build failed; the gateway keeps running the previous build.");
    return;
  }
  try {
    await gateway.reload(described);
    console.log(`Reloaded: ${gateway.gateway!.url} runs the new build.`);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    fail(error.message, `${error.fix} The gateway is stopped until the next build that starts.`);
  }
}
