// Periodic work (Go `RegisterTickFunc`): functions registered while the config is parsed run on the plugin's
// 100 ms timer, each when its own period has passed since it last ran. Only plugins that register one link the
// list and the loop that runs it (`TickFuncs` is abstract).
import { TickFunc } from "./callbacks";

/** The timer period the SDK sets when tick functions are registered; periods must be multiples of it. */
export const TICK_PERIOD_MS: i64 = 100;

/** The tick functions a plugin start collected. */
export abstract class TickFuncs {
  /** Runs each function whose period has passed at `nowMs` (Unix ms). */
  abstract run(nowMs: i64): void;
}

/** A registered tick function and when it last ran. */
class TickFuncEntry {
  /** Unix ms of the last run; 0 makes the first tick run it. */
  lastExecuted: i64 = 0;

  constructor(
    /** Run every `period` ms. */
    public readonly period: i64,
    public readonly fn: TickFunc,
  ) {}
}

class TickFuncList extends TickFuncs {
  readonly entries: TickFuncEntry[] = [];

  run(nowMs: i64): void {
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (nowMs - entry.lastExecuted < entry.period) continue;
      entry.lastExecuted = nowMs;
      const fn = entry.fn;
      fn();
    }
  }
}

let registered: TickFuncs | null = null;

/**
 * Runs `tickFunc` every `tickPeriod` ms. Call it while the config is parsed (in a parse function): the plugin
 * start collects what was registered. Returns an error when the period is not a positive multiple of 100 ms.
 */
export function registerTickFunc(tickPeriod: i64, tickFunc: TickFunc): string | null {
  if (tickPeriod <= 0 || tickPeriod % TICK_PERIOD_MS != 0) {
    return "tick period must be a positive multiple of 100 ms, got " + tickPeriod.toString();
  }
  let list = registered;
  if (list === null) registered = list = new TickFuncList();
  changetype<TickFuncList>(list).entries.push(new TickFuncEntry(tickPeriod, tickFunc));
  return null;
}

/** Hands over the functions registered since the last call (null when none), and forgets them. */
export function takeTickFuncs(): TickFuncs | null {
  const taken = registered;
  registered = null;
  return taken;
}
