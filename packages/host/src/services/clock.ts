/**
 * The host's one clock: what `proxy_get_current_time_nanoseconds` and WASI `clock_time_get` read, and what
 * callout timeouts and (on the fake clock) tick periods are scheduled on. Envoy reads its dispatcher's time
 * source for all of these; a test host either uses the machine's time or a fake one that only moves when the
 * test advances it.
 */

/** A time source with one-shot timers. */
export interface Clock {
  /** Wall-clock nanoseconds since the epoch (Envoy `timeSource().systemTime()`, WASI `REALTIME`). */
  realtimeNs(): bigint;
  /** Monotonic nanoseconds from an arbitrary origin (WASI `MONOTONIC`). */
  monotonicNs(): bigint;
  /** Runs `fire` once `ms` have passed on this clock; the returned function cancels it. */
  setTimer(ms: number, fire: () => void): () => void;
}

/** Cancels nothing: for a timer that was never armed. */
export const noTimer = (): void => undefined;

/** The machine's clock; its timers are Node timers. */
export const systemClock: Clock = {
  realtimeNs: () => BigInt(Date.now()) * 1_000_000n,
  monotonicNs: () => process.hrtime.bigint(),
  setTimer(ms, fire) {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  },
};

interface FakeTimer {
  readonly at: number;
  readonly order: number;
  readonly fire: () => void;
}

/**
 * A clock that stands still until `advance(ms)`, which fires every timer that falls due, in time order (timers
 * due at the same instant in the order they were set), each with the clock reading its own due time.
 */
export class FakeClock implements Clock {
  private elapsedMs = 0;
  private armed = 0;
  private readonly timers: FakeTimer[] = [];

  /** `epochMs`: the wall-clock time at which the fake clock starts (default: now). Monotonic time starts at 0. */
  constructor(private readonly epochMs: number = Date.now()) {}

  realtimeNs(): bigint {
    return BigInt(Math.floor(this.epochMs)) * 1_000_000n + this.monotonicNs();
  }

  monotonicNs(): bigint {
    return BigInt(Math.round(this.elapsedMs * 1_000_000));
  }

  setTimer(ms: number, fire: () => void): () => void {
    const timer = { at: this.elapsedMs + Math.max(0, ms), order: this.armed++, fire };
    this.timers.push(timer);
    return () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) this.timers.splice(index, 1);
    };
  }

  /** Moves time on by `ms`, firing due timers (including those they set) as their time comes; returns how many fired. */
  advance(ms: number): number {
    const until = this.elapsedMs + Math.max(0, ms);
    let fired = 0;
    for (let next = this.nextDue(until); next !== undefined; next = this.nextDue(until)) {
      this.timers.splice(this.timers.indexOf(next), 1);
      this.elapsedMs = next.at;
      next.fire();
      fired++;
    }
    this.elapsedMs = until;
    return fired;
  }

  private nextDue(until: number): FakeTimer | undefined {
    let next: FakeTimer | undefined;
    for (const timer of this.timers) {
      if (timer.at <= until && (next === undefined || timer.at < next.at || (timer.at === next.at && timer.order < next.order))) next = timer;
    }
    return next;
  }
}
