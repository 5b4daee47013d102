// Host imports: clock and timer.
import { Status } from "../types";

/** Writes the wall-clock time in nanoseconds since the epoch (u64) to `return_time`. */
@external("env", "proxy_get_current_time_nanoseconds")
export declare function proxy_get_current_time_nanoseconds(return_time: usize): Status;

/** Sets the period of `proxy_on_tick` for the root context of the effective context; 0 disables it. */
@external("env", "proxy_set_tick_period_milliseconds")
export declare function proxy_set_tick_period_milliseconds(tick_period: u32): Status;
