import { signature, type FunctionSignature, type ValueType } from "./wasm-types.js";

/** The two module names under which cpp-host registers every WASI function. */
export const WASI_MODULES = ["wasi_unstable", "wasi_snapshot_preview1"] as const;

const errno = (...params: ValueType[]) => signature(params, ["i32"]);
const i32 = "i32";
const i64 = "i64";

/**
 * cpp-host's `FOR_ALL_WASI_FUNCTIONS` (45 functions: WASI snapshot preview1 without `proc_raise`), each with its
 * wasm signature from WASI snapshot preview1. Every one returns an errno, except `proc_exit`.
 */
export const WASI_FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map([
  ["args_get", errno(i32, i32)],
  ["args_sizes_get", errno(i32, i32)],
  ["environ_get", errno(i32, i32)],
  ["environ_sizes_get", errno(i32, i32)],
  ["clock_res_get", errno(i32, i32)],
  ["clock_time_get", errno(i32, i64, i32)],
  ["fd_advise", errno(i32, i64, i64, i32)],
  ["fd_allocate", errno(i32, i64, i64)],
  ["fd_close", errno(i32)],
  ["fd_datasync", errno(i32)],
  ["fd_fdstat_get", errno(i32, i32)],
  ["fd_fdstat_set_flags", errno(i32, i32)],
  ["fd_fdstat_set_rights", errno(i32, i64, i64)],
  ["fd_filestat_get", errno(i32, i32)],
  ["fd_filestat_set_size", errno(i32, i64)],
  ["fd_filestat_set_times", errno(i32, i64, i64, i32)],
  ["fd_pread", errno(i32, i32, i32, i64, i32)],
  ["fd_prestat_get", errno(i32, i32)],
  ["fd_prestat_dir_name", errno(i32, i32, i32)],
  ["fd_pwrite", errno(i32, i32, i32, i64, i32)],
  ["fd_read", errno(i32, i32, i32, i32)],
  ["fd_readdir", errno(i32, i32, i32, i64, i32)],
  ["fd_renumber", errno(i32, i32)],
  ["fd_seek", errno(i32, i64, i32, i32)],
  ["fd_sync", errno(i32)],
  ["fd_tell", errno(i32, i32)],
  ["fd_write", errno(i32, i32, i32, i32)],
  ["path_create_directory", errno(i32, i32, i32)],
  ["path_filestat_get", errno(i32, i32, i32, i32, i32)],
  ["path_filestat_set_times", errno(i32, i32, i32, i32, i64, i64, i32)],
  ["path_link", errno(i32, i32, i32, i32, i32, i32, i32)],
  ["path_open", errno(i32, i32, i32, i32, i32, i64, i64, i32, i32)],
  ["path_readlink", errno(i32, i32, i32, i32, i32, i32)],
  ["path_remove_directory", errno(i32, i32, i32)],
  ["path_rename", errno(i32, i32, i32, i32, i32, i32)],
  ["path_symlink", errno(i32, i32, i32, i32, i32)],
  ["path_unlink_file", errno(i32, i32, i32)],
  ["poll_oneoff", errno(i32, i32, i32, i32)],
  ["proc_exit", signature([i32])],
  ["random_get", errno(i32, i32)],
  ["sched_yield", errno()],
  ["sock_accept", errno(i32, i32, i32)],
  ["sock_recv", errno(i32, i32, i32, i32, i32, i32)],
  ["sock_send", errno(i32, i32, i32, i32, i32)],
  ["sock_shutdown", errno(i32, i32)],
]);
