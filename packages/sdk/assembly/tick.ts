// Periodic work (Go `RegisterTickFunc`): functions registered while the config is parsed run on the plugin's
// 100 ms timer, each when its own period has passed since it last ran.
import { TickFunc } from "./callbacks";

/** The timer period the SDK sets when tick functions are registered; periods must be multiples of it. */
export const TICK_PERIOD_MS: i64 = 100;

/** A registered tick function and when it last ran. */
export class TickFuncEntry {
  /** Unix ms of the last run; 0 makes the first tick run it. */
  lastExecuted: i64 = 0;

  constructor(
    /** Run every `period` ms. */
    public readonly period: i64,
    public readonly fn: TickFunc,
  ) {}
}

let registered: TickFuncEntry[] = [];

/**
 * Runs `tickFunc` every `tickPeriod` ms. Call it while the config is parsed (in a parse function): the plugin
 * start collects what was registered. Returns an error when the period is not a positive multiple of 100 ms.
 */
export function registerTickFunc(tickPeriod: i64, tickFunc: TickFunc): string | null {
  if (tickPeriod <= 0 || tickPeriod % TICK_PERIOD_MS != 0) {
    return "tick period must be a positive multiple of 100 ms, got " + tickPeriod.toString();
  }
  registered.push(new TickFuncEntry(tickPeriod, tickFunc));
  return null;
}

/** Hands over the functions registered since the last call, and forgets them. */
export function takeTickFuncs(): TickFuncEntry[] {
  const taken = registered;
  registered = [];
  return taken;
}

/** Runs each entry whose period has passed at `nowMs`. */
export function runTickFuncs(entries: TickFuncEntry[], nowMs: i64): void {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (nowMs - entry.lastExecuted < entry.period) continue;
    entry.lastExecuted = nowMs;
    const fn = entry.fn;
    fn();
  }
}
