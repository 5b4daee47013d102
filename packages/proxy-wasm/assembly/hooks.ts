// AssemblyScript's runtime hooks routed to the host, so a module imports nothing but `env.proxy_*`:
// the shared asconfig.json points `abort`, `trace` and `seed` here with `use`.
import { log } from "./hostcalls/logging";
import { getCurrentTimeNanoseconds } from "./hostcalls/time";
import { LogLevel } from "./types";

/** `abort` (failed bounds check, `assert`, explicit abort): logs at critical, then traps; Envoy marks the VM failed. */
export function logAbort(
  message: string | null = null, fileName: string | null = null, lineNumber: u32 = 0, columnNumber: u32 = 0,
): void {
  let line = "abort: " + (message === null ? "" : message);
  if (fileName !== null) line += " at " + fileName + ":" + lineNumber.toString() + ":" + columnNumber.toString();
  log(LogLevel.Critical, line);
  unreachable();
}

/** `trace(message, n, a0..a4)`: logs the message and its first `n` numbers at info. */
export function logTrace(
  message: string, n: i32 = 0, a0: f64 = 0, a1: f64 = 0, a2: f64 = 0, a3: f64 = 0, a4: f64 = 0,
): void {
  let line = "trace: " + message;
  if (n > 0) line += " " + a0.toString();
  if (n > 1) line += ", " + a1.toString();
  if (n > 2) line += ", " + a2.toString();
  if (n > 3) line += ", " + a3.toString();
  if (n > 4) line += ", " + a4.toString();
  log(LogLevel.Info, line);
}

/**
 * `seed` for `Math.random`: the host's clock. Not callable from top-level code, which runs in `_initialize`
 * where cpp-host allows only `proxy_log` (and WASI).
 */
export function seedFromClock(): f64 {
  return <f64>getCurrentTimeNanoseconds();
}
