/** Log capture in Envoy's words: levels of the `wasm` logger and its line format. */
import type { Violation, ViolationKind } from "./violations.js";

/** spdlog levels of Envoy's `wasm` logger; `proxy_log` accepts Trace..Critical, `Off` only comes back from `proxy_get_log_level`. */
export enum LogLevel {
  Trace = 0,
  Debug = 1,
  Info = 2,
  Warn = 3,
  Error = 4,
  Critical = 5,
  Off = 6,
}

/** Level names as Envoy prints them (`[info]`, `[warning]`, …), indexed by `LogLevel`. */
const LEVEL_NAMES = ["trace", "debug", "info", "warning", "error", "critical", "off"] as const;

/** A level given by name (`"info"`, `"warn"`, …) or number. */
export type LogLevelName = "trace" | "debug" | "info" | "warn" | "error" | "critical" | "off";

/** Turns a level name or number into a `LogLevel`. */
export function toLogLevel(level: LogLevel | LogLevelName): LogLevel {
  if (typeof level === "number") return level;
  const index = ["trace", "debug", "info", "warn", "error", "critical", "off"].indexOf(level);
  return index < 0 ? LogLevel.Info : index;
}

/** One captured line: `source` is `plugin` for `proxy_log`/WASI output, `host` for what Envoy itself logs (traps, diagnostics). */
export interface LogRecord {
  readonly time: Date;
  readonly level: LogLevel;
  readonly source: "plugin" | "host";
  /** The text the plugin (or host) logged. */
  readonly message: string;
  /** The line as Envoy logs it after the `[wasm]` tag, e.g. `wasm log hello-world  : hello`. */
  readonly line: string;
}

/** Envoy's default log line: `[2026-11-28 08:00:00.123][info][wasm] <line>`. */
export function formatLogRecord(record: LogRecord): string {
  const t = record.time;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const stamp =
    `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ` +
    `${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}.${pad(t.getMilliseconds(), 3)}`;
  return `[${stamp}][${LEVEL_NAMES[record.level]}][wasm] ${record.line}`;
}

/** Collects the log lines of one plugin host; lines below `level` are dropped as Envoy's logger drops them. */
export class LogSink {
  readonly records: LogRecord[] = [];
  /** Every violation so far, whatever the log level (strict mode fails on them). */
  readonly violations: Violation[] = [];

  constructor(
    /** The `wasm` logger level; also what `proxy_get_log_level` returns. */
    public level: LogLevel = LogLevel.Info,
    /** Where formatted lines go as they are captured (e.g. `console.log`), if anywhere. */
    public print?: (line: string) => void,
  ) {}

  /** Records a plugin line with Envoy's `wasm log<prefix>: ` in front. */
  plugin(level: LogLevel, prefix: string, message: string): void {
    this.add(level, "plugin", message, `wasm log${prefix}: ${message}`);
  }

  /** Records a line Envoy itself would log about the plugin. */
  host(level: LogLevel, message: string): void {
    this.add(level, "host", message, message);
  }

  /** The one place a violation is reported: recorded, and logged as a host warning. */
  violation(kind: ViolationKind, message: string): void {
    this.violations.push({ kind, message });
    this.host(LogLevel.Warn, message);
  }

  private add(level: LogLevel, source: LogRecord["source"], message: string, line: string): void {
    if (level < this.level) return;
    const record: LogRecord = { time: new Date(), level, source, message, line };
    this.records.push(record);
    this.print?.(formatLogRecord(record));
  }
}
