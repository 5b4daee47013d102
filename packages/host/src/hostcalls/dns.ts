/** Envoy's `envoy_resolve_dns`: resolves asynchronously and answers `envoy_on_resolve_dns` on the root context. */
import { lookup } from "node:dns/promises";
import { WasmResult } from "../abi/enums.js";
import { RootContext } from "../context/root-context.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

const encoder = new TextEncoder();
const tokens = new WeakMap<PluginVm, number>();

/**
 * The answer layout: u32 N, N × u32 TTL, then N NUL-terminated addresses. Node's resolver reports no
 * TTL, so every TTL is 0 [a host simplification].
 */
export function serializeDnsAnswer(addresses: readonly string[]): Uint8Array {
  const text = addresses.map((a) => encoder.encode(`${a}\0`));
  const out = new Uint8Array(4 + 4 * addresses.length + text.reduce((n, t) => n + t.length, 0));
  new DataView(out.buffer).setUint32(0, addresses.length, true);
  let pos = 4 + 4 * addresses.length;
  for (const t of text) {
    out.set(t, pos);
    pos += t.length;
  }
  return out;
}

/** The DNS host function; the answer is the `CallData` buffer during `envoy_on_resolve_dns`. */
export function dnsFunctions(vm: PluginVm): HostFunctions {
  return {
    envoy_resolve_dns(namePtr: number, nameSize: number, tokenPtr: number) {
      const name = vm.memory.readString(namePtr, nameSize);
      const root = vm.context(activeContext(vm).rootId);
      if (!(root instanceof RootContext)) return WasmResult.BadArgument;
      const token = tokens.get(vm) ?? 1;
      tokens.set(vm, token + 1);
      vm.memory.writeU32(tokenPtr, token);
      const answer = (addresses: string[]) =>
        vm.services.settle(() => {
          root.callData = serializeDnsAnswer(addresses);
          vm.call(root, "envoy_on_resolve_dns", root.id, token, root.callData.length);
          root.callData = undefined;
        });
      vm.services.pending++;
      lookup(name, { all: true }).then(
        (found) => answer(found.map((a) => a.address)),
        () => answer([]),
      );
      return WasmResult.Ok;
    },
  };
}
