/**
 * One instance of a plugin module, run as cpp-host runs a VM: restricted start, re-entrant allocator,
 * current and effective context, after-VM-call actions, and failure on the first trap.
 */
import type { AbiVersion } from "../loader/index.js";
import type { PluginConfig } from "../config.js";
import type { Context } from "../context/context.js";
import { createImports } from "../hostcalls/index.js";
import { LogLevel } from "../log.js";
import { MetricIds } from "../services/metrics.js";
import type { PluginServices } from "../services/plugin-services.js";
import { LinearMemory, MemoryAccessError } from "./memory.js";
import { RestrictedCallbackError, mallocAllowList, startAllowList } from "./restrictions.js";

/** The outcome of calling an export: its i32 result (0 for void), `missing` export, or `failed` VM. */
export type CallResult = { readonly status: "ok"; readonly value: number } | { readonly status: "missing" | "failed" };

type Export = (...args: Array<number | bigint>) => number | undefined;

/** A plugin VM: module instance plus cpp-host's `WasmBase` state. */
export class PluginVm {
  /** Why the VM failed (`FailState::RuntimeError` and friends); every later call is skipped. */
  failure: string | undefined;
  /** Context id 0 is the VM; ids count from 1. */
  private nextContextId = 1;
  private readonly contexts = new Map<number, Context>();
  private current: Context | undefined;
  private effectiveId = 0;
  private restricted: ReadonlySet<string> | undefined;
  private depth = 0;
  private afterCall: Array<() => void> = [];
  private instance!: WebAssembly.Instance;
  private linearMemory!: LinearMemory;
  /** This instance's metric ids over the shared stats. */
  readonly metricIds: MetricIds;

  private constructor(
    readonly abi: AbiVersion,
    readonly config: PluginConfig,
    readonly services: PluginServices,
  ) {
    this.metricIds = new MetricIds(services.metrics);
  }

  /** Instantiates the module and runs `_initialize` (+ `main(0,0)`) or `_start` under the restricted host-call list. */
  static create(module: WebAssembly.Module, abi: AbiVersion, config: PluginConfig, services: PluginServices): PluginVm {
    const vm = new PluginVm(abi, config, services);
    try {
      vm.instance = new WebAssembly.Instance(module, createImports(vm));
    } catch (error) {
      vm.fail(`Failed to instantiate Wasm module: ${messageOf(error)}`);
      return vm;
    }
    const memory = vm.instance.exports["memory"];
    if (!(memory instanceof WebAssembly.Memory)) {
      vm.fail("Wasm module is missing an exported memory");
      return vm;
    }
    vm.linearMemory = new LinearMemory(memory);
    if (vm.export("malloc") === undefined && vm.export("proxy_on_memory_allocate") === undefined) {
      vm.fail("Wasm module is missing malloc function.");
      return vm;
    }
    vm.restricted = startAllowList(config.mode);
    if (vm.export("_initialize") !== undefined) {
      vm.call(undefined, "_initialize");
      if (vm.export("main") !== undefined) vm.call(undefined, "main", 0, 0);
      else if (config.mode === "envoy") vm.call(undefined, "__main_void");
    } else {
      vm.call(undefined, "_start");
    }
    vm.restricted = undefined;
    return vm;
  }

  /** The module's linear memory. */
  get memory(): LinearMemory {
    return this.linearMemory;
  }

  private export(name: string): Export | undefined {
    const fn = this.instance.exports[name];
    return typeof fn === "function" ? (fn as Export) : undefined;
  }

  /** Registers a new context under the next id. */
  addContext<C extends Context>(make: (id: number) => C): C {
    const context = make(this.nextContextId++);
    this.contexts.set(context.id, context);
    return context;
  }

  /** Forgets a context (after `proxy_on_delete`). */
  removeContext(id: number): void {
    this.contexts.delete(id);
  }

  /** A live context by id. */
  context(id: number): Context | undefined {
    return this.contexts.get(id);
  }

  /** cpp-host `contextOrEffectiveContext()`: the effective context if set and alive, else the current one. */
  get activeContext(): Context | undefined {
    return (this.effectiveId !== 0 ? this.contexts.get(this.effectiveId) : undefined) ?? this.current;
  }

  /** cpp-host `current_context_`: the context whose callback is running, whatever the effective context. */
  get currentContext(): Context | undefined {
    return this.current;
  }

  /** `proxy_set_effective_context`; false for an unknown id. */
  setEffectiveContext(id: number): boolean {
    if (!this.contexts.has(id)) return false;
    this.effectiveId = id;
    return true;
  }

  /** Defers an action until the outermost VM call returns (Envoy `addAfterVmCallAction`). */
  afterVmCall(action: () => void): void {
    if (this.depth === 0) action();
    else this.afterCall.push(action);
  }

  /** Traps with `restricted_callback` if the import may not be called now. */
  checkRestricted(importName: string): void {
    if (this.restricted !== undefined && !this.restricted.has(importName)) {
      throw new RestrictedCallbackError(importName);
    }
  }

  /**
   * Calls an export as cpp-host does: skipped on a failed VM, effective context reset on entry and
   * restored on exit, after-call actions run once the outermost call returns; a trap fails the VM.
   */
  call(context: Context | undefined, name: string, ...args: Array<number | bigint>): CallResult {
    if (this.failure !== undefined) return { status: "failed" };
    const fn = this.export(name);
    if (fn === undefined) return { status: "missing" };
    const saved = { current: this.current, effectiveId: this.effectiveId };
    this.current = context;
    this.effectiveId = 0;
    this.depth++;
    let value: number | undefined;
    try {
      value = fn(...args);
    } catch (error) {
      this.fail(`Function: ${name} failed: ${trapMessage(error)}`);
    } finally {
      this.depth--;
      this.current = saved.current;
      this.effectiveId = saved.effectiveId;
    }
    if (this.failure !== undefined) {
      this.afterCall = [];
      return { status: "failed" };
    }
    if (this.depth === 0) this.runAfterCallActions();
    return { status: "ok", value: value ?? 0 };
  }

  private runAfterCallActions(): void {
    while (this.afterCall.length > 0) this.afterCall.shift()!();
  }

  /**
   * Allocates through `malloc` (preferred, as cpp-host does) or `proxy_on_memory_allocate`, re-entrantly,
   * in the VM context, with upstream's allocator restrictions. A zero or out-of-range result is an
   * `INVALID_MEMORY_ACCESS`.
   */
  allocate(size: number): number {
    const name = this.export("malloc") !== undefined ? "malloc" : "proxy_on_memory_allocate";
    const saved = this.restricted;
    this.restricted = mallocAllowList(this.config.mode) ?? saved;
    const result = this.call(undefined, name, size);
    this.restricted = saved;
    if (result.status !== "ok") throw new MemoryAccessError(0, size);
    const ptr = result.value >>> 0;
    if (ptr === 0 || ptr + size > this.memory.byteLength) throw new MemoryAccessError(ptr, size);
    return ptr;
  }

  /** cpp-host `copyToPointerSize`: empty ⇒ 0/0 without allocating; otherwise malloc, copy, write pointer and size. */
  copyOut(data: Uint8Array, ptrPtr: number, sizePtr: number): void {
    let ptr = 0;
    if (data.length > 0) {
      ptr = this.allocate(data.length);
      this.memory.write(ptr, data);
    }
    this.memory.writeU32(ptrPtr, ptr);
    this.memory.writeU32(sizePtr, data.length);
  }

  /** Marks the VM failed and logs why, as Envoy logs `fail()` at critical. */
  fail(message: string): void {
    if (this.failure !== undefined) return;
    this.failure = message;
    this.services.logs.host(LogLevel.Critical, `wasm failed: ${message}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** V8's "Uncaught <Type>: <message>" plus an in-VM backtrace with names from the `name` section. */
function trapMessage(error: unknown): string {
  if (error instanceof RestrictedCallbackError) return `restricted_callback (${error.importName})`;
  const head = error instanceof Error ? `Uncaught ${error.name}: ${error.message}` : `Uncaught ${String(error)}`;
  const frames = (error instanceof Error ? error.stack ?? "" : "")
    .split("\n")
    .filter((line) => line.includes("wasm://"))
    .slice(0, 20)
    .map((line, i) => `  ${i}: ${line.trim().replace(/^at /, "").replace(/ \(wasm:\/\/.*\)$/, "")}`);
  return frames.length === 0 ? head : `${head}\nProxy-Wasm plugin in-VM backtrace:\n${frames.join("\n")}`;
}
