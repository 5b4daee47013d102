/**
 * What every callout host function shares: the root context it runs on and is answered on, its token with
 * cpp-host's arithmetic (step 4, type in the low two bits), and its header-pairs arguments.
 */
import { parsePairs, type HeaderPairs } from "../abi/pairs.js";
import { RootContext } from "../context/root-context.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext } from "./host-function.js";

/** cpp-host callout types (`kCalloutTypeMask = 0x3`). */
export enum CalloutType {
  Http = 0,
  GrpcCall = 1,
  GrpcStream = 2,
  Redis = 3,
}

const tokens = new WeakMap<PluginVm, number[]>();

/** The next token of a type in this VM: HTTP 4, 8…; gRPC call 5, 9…; gRPC stream 6, 10…; Redis 7, 11…. */
export function nextToken(vm: PluginVm, type: CalloutType): number {
  const next = tokens.get(vm) ?? [4, 5, 6, 7];
  tokens.set(vm, next);
  const token = next[type]!;
  next[type] = token + 4;
  return token;
}

/** The callout type a token carries in its low two bits. */
export const calloutTypeOf = (token: number): CalloutType => token & 3;

/** Serialized pairs from the plugin; malformed ones read as empty, as in Envoy, and are a strict-mode violation. */
export function pairsArgument(vm: PluginVm, what: string, ptr: number, size: number): HeaderPairs {
  const parsed = parsePairs(vm.memory.read(ptr, size));
  if (parsed.malformed !== undefined) {
    vm.services.logs.violation("malformed_pairs", `${what}: malformed pairs (${parsed.malformed}); Envoy reads them as empty`);
  }
  return parsed.pairs;
}

/** The root context of the effective context: where callouts run and are answered. */
export function rootOf(vm: PluginVm): RootContext {
  const root = vm.context(activeContext(vm).rootId);
  if (!(root instanceof RootContext)) throw new Error("callout without a root context");
  return root;
}
