/** The shape of a host function and the guard every one runs behind. */
import type { Context } from "../context/context.js";
import { MemoryAccessError } from "../vm/memory.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { RestrictedCallbackError } from "../vm/restrictions.js";

/** A host function as wasm calls it: i32 arguments arrive as numbers, i64 ones as bigints. */
export type HostFunction = (...args: any[]) => number | void;

/** Host functions of one concern, keyed by import name. */
export type HostFunctions = Record<string, HostFunction>;

/**
 * Wraps a host function: traps with `restricted_callback` when the VM is in a restricted phase, and
 * turns an out-of-range memory access into `memoryFault` (`INVALID_MEMORY_ACCESS`, or WASI `FAULT`).
 */
export function guard(vm: PluginVm, importName: string, fn: HostFunction, memoryFault: number): HostFunction {
  return (...args) => {
    try {
      vm.checkRestricted(importName);
      return fn(...args);
    } catch (error) {
      if (error instanceof MemoryAccessError) return memoryFault;
      if (error instanceof RestrictedCallbackError) {
        vm.services.logs.violation("restricted_hostcall", `${importName} called while cpp-host restricts host calls (VM start or malloc): restricted_callback`);
      }
      throw error;
    }
  };
}

/** The context a host function acts on; a call outside any context (e.g. from a wasm start section) traps. */
export function activeContext(vm: PluginVm): Context {
  const context = vm.activeContext;
  if (context === undefined) throw new Error("proxy-wasm host function called outside any context");
  return context;
}
