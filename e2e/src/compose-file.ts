/**
 * The parts of a plugin's docker-compose.yaml both backends need: which service is the Higress gateway, its
 * published ports and mounted files, its wasm log level, and the upstream services beside it.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";

/** A `"host:container"` port publication. */
export interface PublishedPort {
  readonly host: number;
  readonly container: number;
}

/** A bind mount: a file of the project (absolute path) seen at `target` in the container. */
export interface Mount {
  readonly source: string;
  readonly target: string;
}

/** The gateway service. */
export interface GatewayService {
  readonly service: string;
  readonly ports: readonly PublishedPort[];
  readonly mounts: readonly Mount[];
  /** From `--component-log-level wasm:<level>`; `info` when not given. */
  readonly wasmLogLevel: string;
}

/** A service the gateway's clusters reach by its name. */
export interface UpstreamService {
  readonly service: string;
  readonly image: string;
}

/** A docker-compose.yaml read for the e2e runner. */
export interface ComposeFile {
  readonly path: string;
  readonly gateway: GatewayService;
  readonly upstreams: readonly UpstreamService[];
}

/** How the gateway image is recognised: Higress's gateway, at any registry and tag. */
const GATEWAY_IMAGE = /(^|\/)higress\/gateway(:|@|$)/;

interface ServiceNode {
  image?: string;
  command?: string | string[];
  ports?: string[];
  volumes?: string[];
}

function publishedPort(spec: string, file: string): PublishedPort {
  const match = /^(?:[\d.]+:)?(\d+):(\d+)$/.exec(spec);
  if (match === null) throw new Error(`${file}: port "${spec}" is not "host:container"`);
  return { host: Number(match[1]), container: Number(match[2]) };
}

function mount(spec: string, base: string): Mount {
  const [source = "", target = ""] = spec.split(":");
  return { source: resolve(base, source), target };
}

function wasmLogLevel(command: string | string[] | undefined): string {
  const text = Array.isArray(command) ? command.join(" ") : (command ?? "");
  return /--component-log-level\s+(?:\S+,)?wasm:(\w+)/.exec(text)?.[1] ?? "info";
}

/** Parses a docker-compose.yaml's text; `path` names the file and anchors its relative paths. */
export function parseComposeFile(text: string, path: string): ComposeFile {
  const services = (parse(text) as { services?: Record<string, ServiceNode> }).services ?? {};
  const entries = Object.entries(services);
  const gateways = entries.filter(([, node]) => GATEWAY_IMAGE.test(node.image ?? ""));
  if (gateways.length !== 1) throw new Error(`${path}: expected one Higress gateway service, found ${gateways.length}`);
  const [service, node] = gateways[0]!;
  return {
    path,
    gateway: {
      service,
      ports: (node.ports ?? []).map((spec) => publishedPort(spec, path)),
      mounts: (node.volumes ?? []).map((spec) => mount(spec, dirname(path))),
      wasmLogLevel: wasmLogLevel(node.command),
    },
    upstreams: entries.filter(([name]) => name !== service).map(([name, other]) => ({ service: name, image: other.image ?? "" })),
  };
}

/** Reads a docker-compose.yaml. */
export async function readComposeFile(path: string): Promise<ComposeFile> {
  return parseComposeFile(await readFile(path, "utf8"), resolve(path));
}
