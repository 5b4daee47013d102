/** Host functions cpp-host lets a module call while it is starting or allocating (reference §4.2, §6.3). */
import type { HostMode } from "../loader/index.js";

const WASI_DURING_START = [
  "fd_write", "args_sizes_get", "args_get", "environ_sizes_get", "environ_get", "clock_time_get", "clock_res_get",
  "random_get", "poll_oneoff", "fd_fdstat_get", "fd_fdstat_set_flags", "fd_advise", "fd_allocate", "fd_datasync",
  "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
  "fd_prestat_dir_name", "fd_prestat_get", "fd_pwrite", "fd_readdir", "fd_renumber", "fd_sync", "fd_tell",
  "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link", "path_readlink",
  "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file", "sock_accept", "sock_recv",
  "sock_send", "sock_shutdown",
];

const bothWasiModules = (names: string[]) =>
  names.flatMap((n) => [`wasi_unstable.${n}`, `wasi_snapshot_preview1.${n}`]);

/** `<module>.<name>` of the imports callable during `_initialize`/`main`/`_start`; Higress drops `emscripten_notify_memory_growth`. */
export function startAllowList(mode: HostMode): ReadonlySet<string> {
  const env = mode === "envoy" ? ["env.proxy_log", "env.emscripten_notify_memory_growth"] : ["env.proxy_log"];
  return new Set([...env, ...bothWasiModules(WASI_DURING_START)]);
}

/** Imports callable inside the module's allocator: upstream restricts them, Higress does not (`undefined`). */
export function mallocAllowList(mode: HostMode): ReadonlySet<string> | undefined {
  if (mode === "higress") return undefined;
  return new Set(["env.proxy_log", ...bothWasiModules(["fd_write", "clock_time_get", "poll_oneoff"])]);
}

/** The trap cpp-host raises when a restricted import is called. */
export class RestrictedCallbackError extends Error {
  constructor(readonly importName: string) {
    super("restricted_callback");
  }
}
