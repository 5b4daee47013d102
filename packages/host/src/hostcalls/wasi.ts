/** WASI functions as cpp-host provides them (reference §6.4), registered under both WASI module names. */
import { randomFillSync } from "node:crypto";
import { LogLevel } from "../log.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import type { HostFunctions } from "./host-function.js";
import { logPluginOutput } from "./log.js";

/** WASI errno values cpp-host returns. */
export enum WasiErrno {
  Success = 0,
  Badf = 8,
  Notdir = 20,
  Fault = 21,
  Inval = 28,
  Noent = 44,
  Nosys = 52,
  Notsup = 58,
}

/** cpp-host `PROXY_WASM_HOST_WASI_RANDOM_GET_MAX_SIZE_BYTES`. */
const RANDOM_GET_MAX = 64 * 1024;
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const isStdio = (fd: number) => fd === 1 || fd === 2;
const stdioOnly = (fd: number) => (isStdio(fd) ? WasiErrno.Success : WasiErrno.Badf);
const notSupported = () => WasiErrno.Notsup;
const noSys = () => WasiErrno.Nosys;

/** The WASI functions; memory faults become `FAULT` in the guard. */
export function wasiFunctions(vm: PluginVm): HostFunctions {
  const mem = () => vm.memory;
  /** fd 1 → info, fd 2 → error: all iovecs of one call form one line, one trailing newline stripped. */
  const write = (fd: number, iovs: number, iovsLen: number, writtenPtr: number) => {
    if (!isStdio(fd)) return WasiErrno.Badf;
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < iovsLen >>> 0; i++) {
      chunks.push(mem().read(mem().readU32(iovs + i * 8), mem().readU32(iovs + i * 8 + 4)));
    }
    const bytes = Buffer.concat(chunks);
    mem().writeU32(writtenPtr, bytes.length);
    const text = decoder.decode(bytes);
    logPluginOutput(vm, fd === 1 ? LogLevel.Info : LogLevel.Error, text.endsWith("\n") ? text.slice(0, -1) : text);
    return WasiErrno.Success;
  };
  const environment = () => Object.entries(vm.config.environment).map(([k, v]) => encoder.encode(`${k}=${v}\0`));
  const hostError = (message: string) => vm.services.logs.host(LogLevel.Error, message);
  return {
    fd_write: write,
    fd_pwrite: (fd: number, iovs: number, iovsLen: number, _offset: bigint, writtenPtr: number) =>
      write(fd, iovs, iovsLen, writtenPtr),
    fd_read: noSys,
    fd_pread: noSys,
    fd_prestat_dir_name: noSys,
    fd_fdstat_set_flags: noSys,
    fd_seek() {
      hostError("wasi_unstable fd_seek");
      return WasiErrno.Success;
    },
    fd_close() {
      hostError("wasi_unstable fd_close");
      return WasiErrno.Success;
    },
    fd_fdstat_get(fd: number, statPtr: number) {
      if (!isStdio(fd)) return WasiErrno.Badf;
      mem().write(statPtr, new Uint8Array(24));
      mem().writeU64(statPtr + 8, 64n);
      return WasiErrno.Success;
    },
    fd_prestat_get: () => WasiErrno.Badf,
    fd_filestat_get: () => WasiErrno.Badf,
    fd_advise: () => WasiErrno.Success,
    fd_allocate: stdioOnly,
    fd_datasync: stdioOnly,
    fd_fdstat_set_rights: stdioOnly,
    fd_filestat_set_size: stdioOnly,
    fd_filestat_set_times: stdioOnly,
    fd_sync: stdioOnly,
    fd_tell(fd: number, offsetPtr: number) {
      if (!isStdio(fd)) return WasiErrno.Badf;
      mem().writeU64(offsetPtr, 0n);
      return WasiErrno.Success;
    },
    fd_renumber: (fd: number) => (isStdio(fd) ? WasiErrno.Notsup : WasiErrno.Badf),
    fd_readdir(_fd: number, _buf: number, _len: number, _cookie: bigint, usedPtr: number) {
      mem().writeU32(usedPtr, 0);
      return WasiErrno.Notdir;
    },
    path_open: () => WasiErrno.Noent,
    path_create_directory: notSupported,
    path_filestat_get: notSupported,
    path_filestat_set_times: notSupported,
    path_link: notSupported,
    path_remove_directory: notSupported,
    path_rename: notSupported,
    path_symlink: notSupported,
    path_unlink_file: notSupported,
    path_readlink(_fd: number, _path: number, _pathLen: number, _buf: number, _bufLen: number, usedPtr: number) {
      mem().writeU32(usedPtr, 0);
      return WasiErrno.Notsup;
    },
    sock_accept(_fd: number, _flags: number, fdPtr: number) {
      mem().writeU32(fdPtr, 0);
      return WasiErrno.Notsup;
    },
    sock_recv(_fd: number, _data: number, _len: number, _flags: number, sizePtr: number, flagsPtr: number) {
      mem().writeU32(sizePtr, 0);
      mem().writeU32(flagsPtr, 0);
      return WasiErrno.Notsup;
    },
    sock_send(_fd: number, _data: number, _len: number, _flags: number, sizePtr: number) {
      mem().writeU32(sizePtr, 0);
      return WasiErrno.Notsup;
    },
    sock_shutdown: notSupported,
    environ_sizes_get(countPtr: number, sizePtr: number) {
      const entries = environment();
      mem().writeU32(countPtr, entries.length);
      mem().writeU32(sizePtr, entries.reduce((n, e) => n + e.length, 0));
      return WasiErrno.Success;
    },
    environ_get(environPtr: number, bufferPtr: number) {
      let offset = bufferPtr;
      environment().forEach((entry, i) => {
        mem().writeU32(environPtr + i * 4, offset);
        mem().write(offset, entry);
        offset += entry.length;
      });
      return WasiErrno.Success;
    },
    args_sizes_get(countPtr: number, sizePtr: number) {
      mem().writeU32(countPtr, 0);
      mem().writeU32(sizePtr, 0);
      return WasiErrno.Success;
    },
    args_get: () => WasiErrno.Success,
    clock_time_get(id: number, _precision: bigint, timePtr: number) {
      // Both clocks are the host's: the fake clock moves them together.
      if (id === 0) mem().writeU64(timePtr, vm.services.clock.realtimeNs());
      else if (id === 1) mem().writeU64(timePtr, vm.services.clock.monotonicNs());
      else return WasiErrno.Notsup;
      return WasiErrno.Success;
    },
    clock_res_get(id: number, resolutionPtr: number) {
      if (id !== 0 && id !== 1) return WasiErrno.Notsup;
      mem().writeU64(resolutionPtr, 1n);
      return WasiErrno.Success;
    },
    random_get(bufferPtr: number, length: number) {
      if (length >>> 0 > RANDOM_GET_MAX) return WasiErrno.Inval;
      mem().write(bufferPtr, randomFillSync(new Uint8Array(length >>> 0)));
      return WasiErrno.Success;
    },
    sched_yield: () => WasiErrno.Success,
    poll_oneoff(_in: number, _out: number, _subscriptions: number, eventsPtr: number) {
      mem().writeU32(eventsPtr, 0);
      return WasiErrno.Success;
    },
    proc_exit() {
      vm.services.logs.host(LogLevel.Trace, "wasi_unstable proc_exit");
    },
  };
}
