/** Envoy's property tree (reference §7): CEL attributes, Wasm tokens, filter state, Higress legacy names. */
import { WasmResult } from "../abi/enums.js";
import { serializePairs } from "../abi/pairs.js";
import { HeaderMap } from "../stream/header-map.js";
import type { PluginVm } from "../vm/plugin-vm.js";

/** A value at the end of a path; `bigint` is CEL int64, `HeaderMap` a CEL map. */
export type PropertyLeaf = string | Uint8Array | bigint | boolean | HeaderMap;
/** A node with named children. */
export interface PropertyBranch {
  readonly [segment: string]: PropertyNode;
}
/** A node, computed on demand when it is a function. */
export type PropertyNode = PropertyLeaf | PropertyBranch | (() => PropertyNode) | undefined;

/** What a stream exposes to the tree. */
export interface StreamAttributes {
  readonly requestHeaders: HeaderMap;
  readonly responseHeaders: HeaderMap | undefined;
  readonly responseTrailers: HeaderMap | undefined;
  readonly startTime: Date;
  readonly protocol: string;
  readonly routeName: string;
  readonly clusterName: string;
  readonly responseCodeDetails: string | undefined;
  readonly requestBodyBytes: number;
  readonly connectionId: bigint;
  readonly source: { readonly address: string; readonly port: number };
  readonly destination: { readonly address: string; readonly port: number };
}

const encoder = new TextEncoder();

/** The Wasm tokens every context sees, plus Higress's `plugin_vm_memory`. */
export function rootProperties(vm: PluginVm): PropertyBranch {
  const { name, rootId, vmId, mode } = vm.config;
  return {
    plugin_name: name,
    plugin_root_id: rootId,
    plugin_vm_id: vmId,
    plugin_vm_memory: mode === "higress" ? () => BigInt(vm.memory.byteLength) : undefined,
  };
}

/** The tree of a stream context. */
export function streamProperties(vm: PluginVm, s: StreamAttributes): PropertyBranch {
  const header = (name: string) => () => s.requestHeaders.get(name);
  const path = () => s.requestHeaders.get(":path") ?? "";
  const response = s.responseHeaders;
  const xds = { route_name: s.routeName, cluster_name: s.clusterName };
  return {
    ...rootProperties(vm),
    connection_id: s.connectionId,
    request: {
      path,
      url_path: () => path().split("?")[0],
      query: () => path().split("?").slice(1).join("?"),
      host: header(":authority"),
      scheme: header(":scheme"),
      method: header(":method"),
      headers: s.requestHeaders,
      referer: header("referer"),
      useragent: header("user-agent"),
      id: header("x-request-id"),
      protocol: s.protocol,
      time: BigInt(s.startTime.getTime()) * 1_000_000n,
      size: () => BigInt(s.requestHeaders.get("content-length") ?? s.requestBodyBytes),
    },
    response: {
      code: response === undefined ? undefined : BigInt(response.get(":status") ?? 0),
      code_details: s.responseCodeDetails,
      headers: response,
      trailers: s.responseTrailers,
    },
    source: { address: `${s.source.address}:${s.source.port}`, port: BigInt(s.source.port) },
    destination: { address: `${s.destination.address}:${s.destination.port}`, port: BigInt(s.destination.port) },
    xds,
  };
}

/**
 * Higress's legacy top-level names, answered after filter state as a Higress gateway does. (`x_request_id` is
 * not one: Go's wrapper writes it into filter state itself, so it reads back only what a plugin set.)
 */
export function higressLegacyProperties(s: StreamAttributes): PropertyBranch {
  return {
    route_name: s.routeName,
    cluster_name: s.clusterName,
  };
}

/** The outcome of `proxy_get_property`. */
export type PropertyResult = { status: WasmResult.Ok; value: Uint8Array } | { status: WasmResult };

/** Resolves a `\0`-separated path: tree first, then filter state `wasm.<first segment>`, then `fallback`. */
export function resolveProperty(
  tree: PropertyNode,
  filterState: Map<string, Uint8Array> | undefined,
  fallback: PropertyNode,
  path: string[],
): PropertyResult {
  const [first, ...rest] = path;
  if (first === undefined || first === "") return { status: WasmResult.SerializationFailure };
  let node = child(tree, first);
  if (node === undefined) node = filterState?.get(first);
  if (node === undefined) node = child(fallback, first);
  for (const segment of rest) {
    if (node === undefined) break;
    node = child(node, segment);
  }
  return serialize(node);
}

function evaluate(node: PropertyNode): PropertyNode {
  return typeof node === "function" ? evaluate(node()) : node;
}

function child(node: PropertyNode, segment: string): PropertyNode {
  const value = evaluate(node);
  if (value instanceof HeaderMap) {
    const values = value.getAll(segment);
    return values.length === 0 ? undefined : values.join(",");
  }
  if (value === undefined || typeof value !== "object" || value instanceof Uint8Array) return undefined;
  return Object.hasOwn(value, segment) ? evaluate((value as PropertyBranch)[segment]) : undefined;
}

function serialize(node: PropertyNode): PropertyResult {
  const value = evaluate(node);
  if (value === undefined) return { status: WasmResult.NotFound };
  if (typeof value === "string") return ok(encoder.encode(value));
  if (value instanceof Uint8Array) return ok(value);
  if (typeof value === "bigint") {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigInt64(0, value, true);
    return ok(bytes);
  }
  if (typeof value === "boolean") return ok(Uint8Array.of(value ? 1 : 0));
  if (value instanceof HeaderMap) return ok(serializePairs(value.pairs()));
  return { status: WasmResult.SerializationFailure };
}

function ok(value: Uint8Array): PropertyResult {
  return { status: WasmResult.Ok, value };
}
