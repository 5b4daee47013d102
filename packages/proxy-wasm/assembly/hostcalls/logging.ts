// Typed host calls: logging.
import { proxy_get_log_level, proxy_log } from "../imports/logging";
import { dataOf, RETURN_DATA, returnedU32, sizeOf } from "../memory";
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

/** The host's current log level; messages below it are dropped, so callers can skip building them. */
export function getLogLevel(): Result<LogLevel> {
  return returnedU32(proxy_get_log_level(RETURN_DATA));
}
