// AssemblyScript's runtime hooks routed to the host, so a module imports nothing but `env.proxy_*`:
// the shared asconfig.json points `abort`, `trace` and `seed` here with `use`.
import { log } from "./hostcalls/logging";
import { getCurrentTimeNanoseconds } from "./hostcalls/time";
import { proxy_log } from "./imports/logging";
import { LogLevel } from "./types";

/** Room for an abort line; longer messages are cut. */
const ABORT_LINE_CAPACITY: usize = 512;
const abortLine: usize = memory.data(<i32>ABORT_LINE_CAPACITY);

/**
 * `abort` (failed bounds check, `assert`, explicit abort): logs "abort: <message> at <file>:<line>:<column>" at
 * critical, then traps; Envoy marks the VM failed. The line is built in static memory, without allocating, since
 * the heap may be what failed.
 */
export function logAbort(
  message: string | null = null, fileName: string | null = null, lineNumber: u32 = 0, columnNumber: u32 = 0,
): void {
  let end = appendText(abortLine, "abort: ");
  if (message !== null) end = appendText(end, message);
  if (fileName !== null) {
    end = appendText(end, " at ");
    end = appendText(end, fileName);
    end = appendText(end, ":");
    end = appendDecimal(end, lineNumber);
    end = appendText(end, ":");
    end = appendDecimal(end, columnNumber);
  }
  proxy_log(LogLevel.Critical, abortLine, end - abortLine);
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

/** Writes `text` as UTF-8 at `at`, cut to the abort line (a UTF-16 unit takes at most 3 bytes); returns the end. */
function appendText(at: usize, text: string): usize {
  const units = min(<usize>text.length, (abortLine + ABORT_LINE_CAPACITY - at) / 3);
  return at + String.UTF8.encodeUnsafe(changetype<usize>(text), <i32>units, at);
}

/** Writes `value` in decimal at `at` if it fits in the abort line; returns the end. */
function appendDecimal(at: usize, value: u32): usize {
  let digits: usize = 1;
  for (let rest = value; rest >= 10; rest /= 10) digits++;
  const end = at + digits;
  if (end > abortLine + ABORT_LINE_CAPACITY) return at;
  let cursor = end;
  do {
    store<u8>(--cursor, 0x30 + value % 10);
    value /= 10;
  } while (value != 0);
  return end;
}
