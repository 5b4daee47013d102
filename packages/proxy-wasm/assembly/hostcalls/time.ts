// Typed host calls: clock and timer.
import { proxy_get_current_time_nanoseconds, proxy_set_tick_period_milliseconds } from "../imports/time";
import { RETURN_DATA } from "../memory";
import { Status } from "../types";

/** Wall-clock time in nanoseconds since the epoch (0 if the host refuses). */
export function getCurrentTimeNanoseconds(): u64 {
  return proxy_get_current_time_nanoseconds(RETURN_DATA) == Status.Ok ? load<u64>(RETURN_DATA) : 0;
}

/** Calls the root context's `onTick` every `period` ms; 0 stops the timer. */
export function setTickPeriodMilliseconds(period: u32): Status {
  return proxy_set_tick_period_milliseconds(period);
}
