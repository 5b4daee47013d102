/**
 * The local gateway from an envoy.yaml: one HTTP/1.1 server per listener (on 127.0.0.1 by default), the
 * connection manager's request mutations, the route table, the wasm filters in order (each its own plugin
 * host, its callouts served by the file's clusters), the router, and an access log line per request.
 */
import { appendFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, resolve } from "node:path";
import type { HeaderPairs } from "../abi/pairs.js";
import { ENVOY_BUFFER_LIMIT } from "../config.js";
import { parseEnvoyConfig, type EnvoyConfig, type ListenerConfig, type WasmFilterConfig } from "../envoy-config/index.js";
import { PluginHost, type PluginHostOptions } from "../plugin-host.js";
import { formatAccessLog, type AccessRecord } from "./access-log.js";
import { EndpointPicker, upstreamClusters, type AddressMap } from "./clusters.js";
import { runFilterChain } from "./filter-chain.js";
import { fromRawHeaders, toOutgoingHeaders } from "./hop-by-hop.js";
import { findRoute, router } from "./router.js";
import { hasBody } from "./upstream-proxy.js";

/** How to run an envoy.yaml locally. */
export interface EnvoyGatewayOptions {
  /** Directory that relative wasm filenames resolve against when the yaml is given as text; default the cwd. */
  readonly baseDir?: string;
  /** Bind address of every listener; default `127.0.0.1` (the file's address is the container's). */
  readonly hostname?: string;
  /** Listener ports by listener name, 0 for a free port; default the file's `port_value`. */
  readonly ports?: Readonly<Record<string, number>>;
  /** Cluster endpoints remapped, e.g. `{ "httpbin:80": "127.0.0.1:8080" }`. */
  readonly addresses?: AddressMap;
  /** Wasm files by the filename written in the file, e.g. `{ "/etc/envoy/main.wasm": "build/main.wasm" }`. */
  readonly wasmFiles?: Readonly<Record<string, string>>;
  /**
   * Plugin host settings for every wasm filter (`logLevel` is `--component-log-level wasm:<level>`,
   * `printLogs` prints wasm logs in Envoy's format; test clusters, foreign functions, `mode`…).
   */
  readonly plugin?: Partial<Omit<PluginHostOptions, "name" | "configuration" | "vmConfiguration" | "rootId" | "vmId">>;
  /** Receives every access log line, besides the file's `access_log` sinks. */
  readonly accessLog?: (line: string) => void;
}

/** A running listener. */
export interface ListenerHandle {
  readonly name: string;
  /** `http://<hostname>:<port>`. */
  readonly url: string;
  /** The wasm filters' plugin hosts, in filter order. */
  readonly plugins: readonly PluginHost[];
}

/** A running gateway. */
export interface EnvoyGateway {
  readonly config: EnvoyConfig;
  readonly listeners: readonly ListenerHandle[];
  /** The first listener's URL. */
  readonly url: string;
  /** Stops listening, ticking and every plugin (`proxy_on_done`). */
  close(): Promise<void>;
}

/** The gateway, or why it could not start (an envoy.yaml error names the field; a plugin error is Envoy's message). */
export type EnvoyGatewayStart = { readonly ok: true; readonly gateway: EnvoyGateway } | { readonly ok: false; readonly error: string };

/**
 * Starts the gateway from an envoy.yaml path, or from its text (anything with a line break is text).
 * Never throws for a bad file or plugin.
 */
export async function startGatewayFromEnvoyYaml(source: string, options: EnvoyGatewayOptions = {}): Promise<EnvoyGatewayStart> {
  const isText = source.includes("\n");
  let text = source;
  if (!isText) {
    try {
      text = await readFile(source, "utf8");
    } catch (error) {
      return { ok: false, error: `cannot read ${source}: ${(error as Error).message}` };
    }
  }
  const parsed = parseEnvoyConfig(text);
  if (!parsed.ok) return { ok: false, error: `invalid envoy.yaml: ${parsed.error.message}` };
  const baseDir = isText ? (options.baseDir ?? process.cwd()) : dirname(resolve(source));
  const clusters = upstreamClusters(parsed.config.clusters, options.addresses);
  const started: Array<{ readonly server: Server; readonly handle: ListenerHandle; readonly stop: () => void }> = [];
  const closeAll = async () => {
    for (const { server, handle, stop } of started) {
      stop();
      server.closeAllConnections();
      server.close();
      handle.plugins.forEach((plugin) => plugin.close());
    }
  };
  for (const listener of parsed.config.listeners) {
    const plugins: PluginHost[] = [];
    for (const filter of listener.http.wasmFilters) {
      const loaded = await loadFilter(filter, listener, baseDir, clusters, options);
      if (typeof loaded === "string") {
        await closeAll();
        plugins.forEach((plugin) => plugin.close());
        return { ok: false, error: loaded };
      }
      plugins.push(loaded);
    }
    started.push(await listen(listener, plugins, new EndpointPicker(clusters), options));
  }
  const listeners = started.map((s) => s.handle);
  return {
    ok: true,
    gateway: { config: parsed.config, listeners, url: listeners[0]!.url, close: closeAll },
  };
}

/** Loads one wasm filter's plugin; returns the plugin or Envoy's reason for refusing it. */
async function loadFilter(
  filter: WasmFilterConfig,
  listener: ListenerConfig,
  baseDir: string,
  clusters: PluginHostOptions["upstreams"],
  options: EnvoyGatewayOptions,
): Promise<PluginHost | string> {
  const file = resolve(baseDir, options.wasmFiles?.[filter.filename] ?? filter.filename);
  let wasm: Uint8Array;
  try {
    wasm = await readFile(file);
  } catch (error) {
    return `http filter ${filter.filterName}: cannot read ${file}: ${(error as Error).message}`;
  }
  const outcome = await PluginHost.load(wasm, {
    bufferLimitBytes: listener.bufferLimitBytes ?? ENVOY_BUFFER_LIMIT,
    streamIdleTimeoutMs: listener.http.streamIdleTimeoutMs,
    upstreams: clusters,
    strict: false, // a gateway logs violations and keeps serving; `plugin.strict` refuses a plugin that violates while starting
    ...options.plugin,
    name: filter.name,
    configuration: filter.configuration,
    vmConfiguration: filter.vmConfiguration,
    rootId: filter.rootId,
    vmId: filter.vmId,
    environment: filter.environment,
    failOpen: filter.failOpen,
    allowOnHeadersStopIteration: filter.allowOnHeadersStopIteration,
  });
  return outcome.ok ? outcome.host : `http filter ${filter.filterName}: ${outcome.error}`;
}

/** Starts one listener's server and its plugins' tick timers. */
async function listen(listener: ListenerConfig, plugins: readonly PluginHost[], endpoints: EndpointPicker, options: EnvoyGatewayOptions) {
  const accessLog = accessLogSink(listener, options);
  const server = createServer((req, res) => void serve(listener, plugins, endpoints, accessLog, req, res));
  const stopTicks = plugins.map(driveTicks);
  server.listen(options.ports?.[listener.name] ?? listener.address.port, options.hostname ?? "127.0.0.1");
  await once(server, "listening");
  const { address, port } = server.address() as AddressInfo;
  const handle: ListenerHandle = { name: listener.name, url: `http://${address}:${port}`, plugins };
  return { server, handle, stop: () => stopTicks.forEach((stop) => stop()) };
}

/** Delivers `proxy_on_tick` with a real timer at the plugin's tick period; returns the stopper. */
function driveTicks(plugin: PluginHost): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearInterval(timer);
    timer = plugin.tickPeriodMs > 0 ? setInterval(() => plugin.tick(), plugin.tickPeriodMs).unref() : undefined;
  };
  plugin.services.events.on("tick-period", arm);
  arm();
  return () => {
    clearInterval(timer);
    plugin.services.events.off("tick-period", arm);
  };
}

/** Where a listener's access log lines go: its `access_log` entries and the option's sink. */
function accessLogSink(listener: ListenerConfig, options: EnvoyGatewayOptions): (line: string) => void {
  const sinks = listener.http.accessLogs.map((log): ((line: string) => void) => {
    if (log.kind === "file") return (line) => appendFileSync(log.path, `${line}\n`);
    const stream = log.kind === "stdout" ? process.stdout : process.stderr;
    return (line) => stream.write(`${line}\n`);
  });
  if (options.accessLog !== undefined) sinks.push(options.accessLog);
  return (line) => sinks.forEach((sink) => sink(line));
}

/**
 * The connection manager's request mutations before the filters: `:scheme` overwrite, `x-forwarded-proto`,
 * `x-request-id` generation.
 */
function mutateRequestHeaders(listener: ListenerConfig, headers: HeaderPairs): HeaderPairs {
  const result = [...headers];
  const has = (name: string) => result.some(([k]) => k === name);
  if (!has("x-forwarded-proto")) result.push(["x-forwarded-proto", "http"]);
  if (listener.http.generateRequestId && !has("x-request-id")) result.push(["x-request-id", randomUUID()]);
  return result;
}

/** The connection manager's response mutations after the filters: `server` overwritten (node adds `date`). */
function mutateResponseHeaders(listener: ListenerConfig, headers: HeaderPairs): HeaderPairs {
  return [...headers.filter(([k]) => k !== "server"), ["server", listener.http.serverName]];
}

/**
 * The request body as the filters consume it, counted for the access log on the way. (A `data` listener on the
 * request instead would put it in flowing mode and take the chunks away from the filters.)
 */
async function* counted(body: AsyncIterable<Buffer>, record: AccessRecord): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    record.bytesReceived += chunk.length;
    yield chunk;
  }
}

async function serve(
  listener: ListenerConfig,
  plugins: readonly PluginHost[],
  endpoints: EndpointPicker,
  accessLog: (line: string) => void,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const authority = req.headers.host ?? "";
  const headers = mutateRequestHeaders(listener, fromRawHeaders(req.rawHeaders));
  const header = (name: string) => headers.find(([k]) => k === name)?.[1];
  const record: AccessRecord = {
    start: new Date(),
    method: req.method ?? "GET",
    path: req.url ?? "/",
    protocol: `HTTP/${req.httpVersion}`,
    status: 0,
    flags: new Set(),
    bytesReceived: 0,
    bytesSent: 0,
    upstreamServiceTime: undefined,
    forwardedFor: header("x-forwarded-for"),
    userAgent: header("user-agent"),
    requestId: header("x-request-id"),
    authority,
    upstreamHost: undefined,
  };
  const aborted = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborted.abort();
  });
  const scheme = listener.http.schemeToOverwrite ?? "http";
  const route = findRoute(listener.http, [[":authority", authority], [":path", req.url ?? "/"], ...headers]);
  const outcome = await runFilterChain(
    plugins,
    {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      authority,
      scheme,
      headers,
      body: hasBody(req, false) ? counted(req, record) : undefined,
      protocol: `HTTP/${req.httpVersion}`,
      routeName: route?.name ?? "",
      clusterName: route?.action.kind === "route" ? route.action.cluster : "",
      source: { address: req.socket.remoteAddress ?? "127.0.0.1", port: req.socket.remotePort ?? 0 },
      destination: { address: req.socket.localAddress ?? "127.0.0.1", port: req.socket.localPort ?? 0 },
    },
    router(listener.http, endpoints, record),
    {
      headers: (pairs) => {
        record.status = Number(pairs.find(([k]) => k === ":status")?.[1] ?? 502);
        res.writeHead(record.status, toOutgoingHeaders(mutateResponseHeaders(listener, pairs)));
        res.flushHeaders();
      },
      data: (chunk) => {
        record.bytesSent += chunk.length;
        res.write(chunk);
      },
    },
    aborted.signal,
  );
  if (outcome.reset === "downstream_remote_disconnect") record.flags.add("DC");
  if (outcome.reset !== undefined) res.destroy();
  else res.end();
  accessLog(formatAccessLog(record, new Date()));
}
