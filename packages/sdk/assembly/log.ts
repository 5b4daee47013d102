// The plugin logger: Go's `log.Log` with the wrapper's `DefaultLog` line format `[plugin] [pluginID] [requestID] msg`.
import { effectiveContext, getLogLevel, logBytes, LogLevel } from "@higress-ts/proxy-wasm/assembly";
import { HttpContext } from "./http-context";

/** A plugin logger (Go `log.Log`). Install another one with `VmContext.withLogger`. */
export interface Log {
  /** Logs at trace level. */
  trace(msg: string): void;
  /** Logs at debug level. */
  debug(msg: string): void;
  /** Logs at info level. */
  info(msg: string): void;
  /** Logs at warn level. */
  warn(msg: string): void;
  /** Logs at error level. */
  error(msg: string): void;
  /** Logs at critical level. */
  critical(msg: string): void;
  /** Sets the plugin id printed in each line (the config's `_plugin_id_`). */
  resetID(pluginID: string): void;
}

const NIL = String.UTF8.encode("nil");

/**
 * The wrapper's default logger. Before formatting anything it asks the host's level (`proxy_get_log_level`) and
 * drops lines below it; a line is built once, as UTF-8, straight from its parts: `[name] [pluginID] [requestID] msg`,
 * where the request id is the `x-request-id` of the stream the line is logged for (the effective context; `nil`
 * outside a request).
 */
export class DefaultLog implements Log {
  private name: ArrayBuffer;
  private pluginID: ArrayBuffer = NIL;

  constructor(pluginName: string) {
    this.name = String.UTF8.encode(pluginName);
  }

  trace(msg: string): void {
    this.write(LogLevel.Trace, msg);
  }

  debug(msg: string): void {
    this.write(LogLevel.Debug, msg);
  }

  info(msg: string): void {
    this.write(LogLevel.Info, msg);
  }

  warn(msg: string): void {
    this.write(LogLevel.Warn, msg);
  }

  error(msg: string): void {
    this.write(LogLevel.Error, msg);
  }

  critical(msg: string): void {
    this.write(LogLevel.Critical, msg);
  }

  resetID(pluginID: string): void {
    this.pluginID = String.UTF8.encode(pluginID);
  }

  private write(level: LogLevel, msg: string): void {
    if (!isLogEnabled(level)) return;
    const stream = effectiveContext();
    const found = stream instanceof HttpContext ? changetype<HttpContext>(stream).requestIdForLog() : null;
    const requestID = found === null || found.byteLength == 0 ? NIL : found;
    const name = this.name;
    const pluginID = this.pluginID;
    const msgSize = String.UTF8.byteLength(msg);
    const line = new ArrayBuffer(name.byteLength + pluginID.byteLength + requestID.byteLength + msgSize + 9);
    let at = appendBracketed(changetype<usize>(line), name);
    at = appendBracketed(at, pluginID);
    at = appendBracketed(at, requestID);
    String.UTF8.encodeUnsafe(changetype<usize>(msg), msg.length, at);
    logBytes(level, line);
  }
}

/** Whether the host prints lines at `level`; when it cannot tell, everything is printed (Go assumes trace). */
export function isLogEnabled(level: LogLevel): bool {
  const current = getLogLevel();
  return !current.ok || level >= current.value;
}

/** Writes `[part] ` at `at` and returns the end. */
function appendBracketed(at: usize, part: ArrayBuffer): usize {
  const size = <usize>part.byteLength;
  store<u8>(at, 0x5b); // [
  memory.copy(at + 1, changetype<usize>(part), size);
  store<u8>(at + 1 + size, 0x5d); // ]
  store<u8>(at + 2 + size, 0x20); // space
  return at + 3 + size;
}

let pluginLog: Log = new DefaultLog("");
let safeLogEnabled = false;

/** Installs the logger behind the `log` functions (Go `log.SetPluginLog`); `setCtx` installs a `DefaultLog`. */
export function setPluginLog(logger: Log): void {
  pluginLog = logger;
}

/** Turns safe-log mode on or off (Go `log.SetSafeLogEnabled`): `log.unsafeInfo` then logs at debug. */
export function setSafeLogEnabled(enabled: bool): void {
  safeLogEnabled = enabled;
}

/** Whether safe-log mode is on (Go `log.IsSafeLogEnabled`). */
export function isSafeLogEnabled(): bool {
  return safeLogEnabled;
}

/** The plugin's logger, as Go's package `log`: `log.info("...")` anywhere in the plugin. */
export namespace log {
  /** Logs at trace level. */
  export function trace(msg: string): void {
    pluginLog.trace(msg);
  }

  /** Logs at debug level. */
  export function debug(msg: string): void {
    pluginLog.debug(msg);
  }

  /** Logs at info level. */
  export function info(msg: string): void {
    pluginLog.info(msg);
  }

  /** Logs at warn level. */
  export function warn(msg: string): void {
    pluginLog.warn(msg);
  }

  /** Logs at error level. */
  export function error(msg: string): void {
    pluginLog.error(msg);
  }

  /** Logs at critical level. */
  export function critical(msg: string): void {
    pluginLog.critical(msg);
  }

  /** Sets the plugin id printed in each line (Go `log.ResetID`; the SDK calls it with the config's `_plugin_id_`). */
  export function resetID(pluginID: string): void {
    pluginLog.resetID(pluginID);
  }

  /**
   * Logs a message that may carry sensitive data: at info normally; in safe-log mode at debug with a leading
   * newline, so line-oriented log collectors do not capture it whole.
   */
  export function unsafeInfo(msg: string): void {
    if (safeLogEnabled) pluginLog.debug("\n" + msg);
    else pluginLog.info(msg);
  }
}
