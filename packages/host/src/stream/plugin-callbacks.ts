/** Calls into the plugin on behalf of one HTTP stream context, with Envoy's policy for a failed VM. */
import type { Context } from "../context/context.js";
import type { Interrupt } from "./interrupts.js";
import type { CallbackResult } from "./messages.js";

/** A callback that failed (trapped) with fail-closed policy. */
export const FAILED = Symbol("failed");

/** The plugin's callbacks for one stream context, and what each returned. */
export class PluginCallbacks {
  /** Every callback's raw result and the status Envoy read from it, in order. */
  readonly results: CallbackResult[] = [];
  private skipPlugin = false;

  constructor(private readonly context: Context) {}

  /** Fail open skipped the plugin: callbacks are no longer called. */
  get skipped(): boolean {
    return this.skipPlugin;
  }

  /** The failed-VM policy: fail open skips the plugin, fail closed answers 503 `wasm_fail_stream`. */
  failOrSkip(): Interrupt | undefined {
    if (!this.context.vm.config.failOpen) return { kind: "fail" };
    this.skipPlugin = true;
    return undefined;
  }

  /** Calls `name` with the context id and `args`; the raw result (0 for a missing export or a skipped plugin), or FAILED. */
  call(name: string, ...args: number[]): number | typeof FAILED {
    if (this.skipPlugin) return 0;
    const result = this.context.vm.call(this.context, name, this.context.id, ...args);
    if (result.status === "failed") return this.failOrSkip() === undefined ? 0 : FAILED;
    return result.status === "ok" ? result.value : 0;
  }

  /** Records what a filter callback returned (the raw value is undefined once the plugin is skipped). */
  record(callback: string, raw: number, status: string | undefined): void {
    this.results.push({ callback, raw: this.skipPlugin ? undefined : raw, status });
  }
}
