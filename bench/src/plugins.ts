/**
 * The table of what is measured. Each reference plugin is one entry: its size target from issue 9, the ways it
 * runs (configuration, expected behaviour, per-request target), the clusters that answer its callouts, and its raw
 * twin (bench/twins/<name>, the same behaviour written directly on @higress-ts/proxy-wasm) when it has one.
 * A plugin that needs callouts lists clusters answered in-process, so nothing here touches the network.
 */
import type { HttpCalloutAnswer, RedisAnswer } from "./driver/bench-request.js";
import type { StreamState } from "./driver/stream-state.js";
import { localWasm, pluginWasm } from "./paths.js";

const decoder = new TextDecoder();

/** A way of running a plugin: a configuration and what every request must come out as. */
export interface PluginRun {
  /** e.g. "local reply", "passing through". */
  readonly label: string;
  readonly configuration: string;
  /** A description of what went wrong with a finished stream, or undefined if it behaved. */
  readonly check: (stream: StreamState) => string | undefined;
  /** Issue 9's per-request target in ns, where it sets one. */
  readonly perRequestTargetNs?: number;
}

/** One reference plugin. */
export interface PluginEntry {
  /** Its directory under plugins/ (and under bench/twins/ for its twin). */
  readonly name: string;
  /** Issue 9's size target for the release main.wasm, in bytes (the report says whether it is met). */
  readonly sizeTargetBytes: number;
  /**
   * What the test command holds the release main.wasm to: the target where it is met; where it is still missed,
   * the size reached so far rounded up to the next 64 bytes, so that any growth fails a test. Lowered as the plugin
   * shrinks, never raised to let a change pass.
   */
  readonly sizeCeilingBytes: number;
  /** Whether bench/twins/<name> holds a raw twin. */
  readonly hasTwin: boolean;
  readonly runs: readonly PluginRun[];
  readonly clusters?: Readonly<Record<string, HttpCalloutAnswer>>;
  readonly redisClusters?: Readonly<Record<string, RedisAnswer>>;
}

/** A module as measured: a plugin's SDK build, its raw twin, or the empty-filter baseline. */
export interface ModuleUnderTest {
  /** e.g. "hello-world", "hello-world (raw twin)". */
  readonly label: string;
  readonly kind: "sdk" | "raw twin" | "baseline";
  readonly file: string;
  readonly plugin: PluginEntry | undefined;
}

const KB = 1024;

/** Checks: a local reply 200 "hello world" after the request got `hello: world`. */
function answeredHelloWorld(stream: StreamState): string | undefined {
  if (stream.requestHeaders.get("hello") !== "world") return "request header hello: world missing";
  if (stream.localReply === undefined || stream.upstreamReached) return "no local reply";
  const text = decoder.decode(stream.localReply.body);
  if (stream.status !== 200 || text !== "hello world") return `answered ${stream.status} ${JSON.stringify(text)}`;
  return undefined;
}

/** Checks: the request went upstream with `hello: world` and the upstream's answer came back. */
function passedWithHelloHeader(stream: StreamState): string | undefined {
  if (stream.requestHeaders.get("hello") !== "world") return "request header hello: world missing";
  if (!stream.upstreamReached || stream.localReply !== undefined) return "answered locally";
  return undefined;
}

/** Checks: the request went upstream with the token the service answered. */
function passedWithToken(stream: StreamState): string | undefined {
  if (stream.requestHeaders.get("x-token") !== "abc") return "request header x-token: abc missing";
  if (!stream.upstreamReached || stream.localReply !== undefined) return "answered locally";
  return undefined;
}

/** Checks: the request went upstream and the response carries the quota left. */
function passedWithQuota(stream: StreamState): string | undefined {
  if (!stream.upstreamReached || stream.localReply !== undefined) return "answered locally";
  if (stream.responseHeaders?.get("calltimeleft") !== "999999") return `callTimeLeft ${stream.responseHeaders?.get("calltimeleft")}`;
  return undefined;
}

/** Checks: the request went upstream untouched. */
function passedUntouched(stream: StreamState): string | undefined {
  if (!stream.upstreamReached || stream.localReply !== undefined) return "answered locally";
  if (stream.requestHeaders.size !== stream.request.headers.length) return "request headers changed";
  return undefined;
}

/** The reference plugins, in the order the report shows them. */
export const PLUGINS: readonly PluginEntry[] = [
  {
    name: "hello-world",
    sizeTargetBytes: 12 * KB,
    sizeCeilingBytes: 12 * KB,
    hasTwin: true,
    runs: [{ label: "local reply", configuration: "", check: answeredHelloWorld, perRequestTargetNs: 500 }],
  },
  {
    name: "mock-enable",
    sizeTargetBytes: 32 * KB,
    sizeCeilingBytes: 32 * KB,
    hasTwin: true,
    runs: [
      { label: "passing through", configuration: '{"mockEnable":false}', check: passedWithHelloHeader, perRequestTargetNs: 1000 },
      { label: "local reply", configuration: '{"mockEnable":true}', check: answeredHelloWorld },
    ],
  },
  {
    name: "http-call",
    sizeTargetBytes: 40 * KB,
    sizeCeilingBytes: 40 * KB,
    hasTwin: false,
    runs: [{
      label: "token call, then upstream",
      configuration: '{"serviceName":"token.dns","servicePort":80,"requestPath":"/token","tokenHeader":"x-token"}',
      check: passedWithToken,
    }],
    clusters: { "outbound|80||token.dns": { headers: [[":status", "200"], ["x-token", "abc"]], body: new TextEncoder().encode("ok") } },
  },
  {
    name: "redis-qpm",
    sizeTargetBytes: 40 * KB,
    sizeCeilingBytes: 40 * KB,
    hasTwin: false,
    runs: [{
      label: "INCR + EXPIRE, then upstream",
      configuration: '{"serviceName":"redis.dns","servicePort":6379,"timeout":1000,"qpm":1000000}',
      check: passedWithQuota,
    }],
    // Every command is answered 1: INCR says "first hit of the minute", so EXPIRE follows on every request.
    redisClusters: { "outbound|6379||redis.dns": () => new TextEncoder().encode(":1\r\n") },
  },
];

/** The empty filter: a raw module that overrides no callback; its cost per request is the driver's. */
export const EMPTY_FILTER: ModuleUnderTest = {
  label: "empty filter (baseline)",
  kind: "baseline",
  file: localWasm("baseline/empty-filter"),
  plugin: undefined,
};

/** The empty filter's one run. */
export const EMPTY_FILTER_RUN: PluginRun = { label: "passing through", configuration: "", check: passedUntouched };

/** The SDK build of a plugin. */
export function sdkModule(plugin: PluginEntry): ModuleUnderTest {
  return { label: plugin.name, kind: "sdk", file: pluginWasm(plugin.name), plugin };
}

/** The raw twin of a plugin. */
export function twinModule(plugin: PluginEntry): ModuleUnderTest {
  return { label: `${plugin.name} (raw twin)`, kind: "raw twin", file: localWasm(`twins/${plugin.name}`), plugin };
}

/** Every module: each plugin's SDK build then its twin, then the baseline. */
export function allModules(): ModuleUnderTest[] {
  return [...PLUGINS.flatMap((p) => (p.hasTwin ? [sdkModule(p), twinModule(p)] : [sdkModule(p)])), EMPTY_FILTER];
}

/** The directories this package builds with `higress-ts build` (relative to bench/). */
export function localModuleDirs(): string[] {
  return [...PLUGINS.filter((p) => p.hasTwin).map((p) => `twins/${p.name}`), "baseline/empty-filter"];
}
