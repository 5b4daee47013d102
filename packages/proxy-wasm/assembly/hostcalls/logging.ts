// Typed host calls: logging.
import { proxy_get_log_level, proxy_log } from "../imports/logging";
import { dataOf, RETURN_DATA, sizeOf } from "../memory";
import { Result } from "../result";
import { LogLevel, Status } from "../types";

/** Logs `message` at `level`. */
export function log(level: LogLevel, message: string): Status {
  return logBytes(level, String.UTF8.encode(message));
}

/** Logs UTF-8 bytes as they are, without decoding them to a string first. */
export function logBytes(level: LogLevel, message: ArrayBuffer): Status {
  return proxy_log(level, dataOf(message), sizeOf(message));
}

/**
 * The host's current log level: messages below it are dropped, so callers can skip building them. When the host
 * does not answer, the value is `LogLevel.Trace` (drop nothing).
 */
export function getLogLevel(): Result<LogLevel> {
  const status = proxy_get_log_level(RETURN_DATA);
  return new Result<LogLevel>(status, status == Status.Ok ? load<i32>(RETURN_DATA) : LogLevel.Trace);
}
