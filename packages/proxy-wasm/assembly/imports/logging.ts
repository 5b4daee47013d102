// Host imports: logging. Pointers and sizes are wasm i32 (`usize`); every call returns a `Status`.
import { LogLevel, Status } from "../types";

/** Logs `message_size` bytes at `message_data` at `level` (Envoy prints "wasm log ...: <message>"). */
@external("env", "proxy_log")
export declare function proxy_log(level: LogLevel, message_data: usize, message_size: usize): Status;

/** Writes the host's current log level (u32, 0..6) to `return_log_level`. ABI 0.2.1. */
@external("env", "proxy_get_log_level")
export declare function proxy_get_log_level(return_log_level: usize): Status;
