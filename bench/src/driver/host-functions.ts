/**
 * The lean driver's `env` host functions: the proxy-wasm calls a plugin makes on the request path, each doing
 * the least real work that keeps the plugin's view true (values copied in and out through its allocator, header
 * maps kept, local replies and callouts recorded). Envoy's availability windows and refusals are the strict
 * host's business (`@higress-ts/host`), not this one's.
 */
import { MapType, WasmResult, parsePairs } from "@higress-ts/host";
import { HeaderList } from "./header-list.js";
import type { LeanHost } from "./lean-host.js";
import { decodeText } from "./text.js";

/** A host function as wasm calls it. */
export type HostFunction = (...args: any[]) => number | void;

const NOT_SET = 0;
const INFO = 2;
const WARN = 3;
const FIRST_METRIC_ID = 4;

/** The `env` functions of a lean host. */
export function leanHostFunctions(host: LeanHost): Record<string, HostFunction> {
  const memory = host.memory;
  const text = (ptr: number, size: number) => {
    memory.refresh();
    return decodeText(memory.bytes, ptr, ptr + size);
  };
  const mutableMap = (type: number) => (type === MapType.HttpCallResponseHeaders ? undefined : host.headerMap(type));
  const metrics: number[] = [];
  const sharedData = new Map<string, { value: Uint8Array; cas: number }>();
  return {
    proxy_log(level: number, ptr: number, size: number) {
      if (level >= WARN) host.warnings.push(text(ptr, size));
      return WasmResult.Ok;
    },
    proxy_get_log_level(levelPtr: number) {
      memory.writeU32(levelPtr, INFO);
      return WasmResult.Ok;
    },
    proxy_get_current_time_nanoseconds(timePtr: number) {
      memory.writeU64(timePtr, BigInt(Date.now()) * 1_000_000n);
      return WasmResult.Ok;
    },
    proxy_set_tick_period_milliseconds(periodMs: number) {
      host.tickPeriodMs = periodMs >>> 0;
      return WasmResult.Ok;
    },
    proxy_get_property(pathPtr: number, pathSize: number, dataPtr: number, sizePtr: number) {
      const value = host.property(text(pathPtr, pathSize));
      if (value === undefined) return WasmResult.NotFound;
      if (typeof value === "string") memory.returnText(value, dataPtr, sizePtr);
      else memory.returnBytes(value, dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_set_property(pathPtr: number, pathSize: number, dataPtr: number, dataSize: number) {
      const stream = host.activeStream();
      if (stream === undefined) return WasmResult.NotFound;
      stream.filterState.set(text(pathPtr, pathSize), memory.read(dataPtr, dataSize));
      return WasmResult.Ok;
    },
    proxy_get_header_map_value(type: number, keyPtr: number, keySize: number, dataPtr: number, sizePtr: number) {
      const map = host.headerMap(type);
      if (map === undefined) return WasmResult.BadArgument;
      const value = map.get(text(keyPtr, keySize));
      if (value === undefined) return WasmResult.NotFound;
      memory.returnText(value, dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_get_header_map_pairs(type: number, dataPtr: number, sizePtr: number) {
      memory.returnPairs(host.headerMap(type)?.pairs ?? [], dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_get_header_map_size(type: number, sizePtr: number) {
      const map = host.headerMap(type);
      if (map === undefined) return WasmResult.BadArgument;
      memory.writeU32(sizePtr, map.size);
      return WasmResult.Ok;
    },
    proxy_set_header_map_pairs(type: number, dataPtr: number, dataSize: number) {
      const map = mutableMap(type);
      if (map === undefined) return WasmResult.BadArgument;
      map.replaceAll(parsePairs(memory.read(dataPtr, dataSize)).pairs);
      return WasmResult.Ok;
    },
    proxy_add_header_map_value(type: number, keyPtr: number, keySize: number, valuePtr: number, valueSize: number) {
      const map = mutableMap(type);
      if (map === undefined) return WasmResult.BadArgument;
      map.add(text(keyPtr, keySize), text(valuePtr, valueSize));
      return WasmResult.Ok;
    },
    proxy_replace_header_map_value(type: number, keyPtr: number, keySize: number, valuePtr: number, valueSize: number) {
      const map = mutableMap(type);
      if (map === undefined) return WasmResult.BadArgument;
      map.replace(text(keyPtr, keySize), text(valuePtr, valueSize));
      return WasmResult.Ok;
    },
    proxy_remove_header_map_value(type: number, keyPtr: number, keySize: number) {
      const map = mutableMap(type);
      if (map === undefined) return WasmResult.BadArgument;
      map.remove(text(keyPtr, keySize));
      return WasmResult.Ok;
    },
    proxy_get_buffer_bytes(type: number, start: number, maxSize: number, dataPtr: number, sizePtr: number) {
      const bytes = host.buffer(type);
      if (bytes === undefined) return WasmResult.NotFound;
      const from = Math.min(start >>> 0, bytes.length);
      memory.returnBytes(bytes.subarray(from, Math.min(from + (maxSize >>> 0), bytes.length)), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_get_buffer_status(type: number, sizePtr: number, flagsPtr: number) {
      const bytes = host.buffer(type);
      if (bytes === undefined) return WasmResult.NotFound;
      memory.writeU32(sizePtr, bytes.length);
      memory.writeU32(flagsPtr, 0);
      return WasmResult.Ok;
    },
    proxy_set_buffer_bytes(type: number, start: number, size: number, dataPtr: number, dataSize: number) {
      return host.replaceBody(type, start >>> 0, size >>> 0, memory.read(dataPtr, dataSize));
    },
    proxy_send_local_response(
      status: number, _detailsPtr: number, _detailsSize: number, bodyPtr: number, bodySize: number,
      headersPtr: number, headersSize: number, _grpcStatus: number,
    ) {
      const stream = host.activeStream();
      if (stream === undefined || stream.localReply !== undefined) return WasmResult.Ok;
      const headers = new HeaderList([]);
      headers.replaceAll(parsePairs(memory.read(headersPtr, headersSize)).pairs);
      stream.localReply = { status, body: memory.read(bodyPtr, bodySize), headers };
      return WasmResult.Ok;
    },
    proxy_continue_stream() {
      const stream = host.activeStream();
      if (stream !== undefined) stream.continued = true;
      return WasmResult.Ok;
    },
    proxy_close_stream() {
      return WasmResult.Ok;
    },
    proxy_set_effective_context(contextId: number) {
      return host.setEffectiveContext(contextId) ? WasmResult.Ok : WasmResult.BadArgument;
    },
    proxy_done() {
      return WasmResult.Ok;
    },
    proxy_call_foreign_function(namePtr: number, nameSize: number, _argPtr: number, _argSize: number, dataPtr: number, sizePtr: number) {
      if (text(namePtr, nameSize) !== "clear_route_cache") return WasmResult.NotFound;
      memory.returnBytes(new Uint8Array(0), dataPtr, sizePtr);
      return WasmResult.Ok;
    },
    proxy_http_call(
      clusterPtr: number, clusterSize: number, _headersPtr: number, _headersSize: number, _bodyPtr: number,
      _bodySize: number, _trailersPtr: number, _trailersSize: number, _timeoutMs: number, tokenPtr: number,
    ) {
      const token = host.httpCall(text(clusterPtr, clusterSize));
      memory.writeU32(tokenPtr, token);
      return token === 0 ? WasmResult.BadArgument : WasmResult.Ok;
    },
    proxy_redis_init(clusterPtr: number, clusterSize: number) {
      return host.hasRedisCluster(text(clusterPtr, clusterSize)) ? WasmResult.Ok : WasmResult.BadArgument;
    },
    proxy_redis_call(clusterPtr: number, clusterSize: number, queryPtr: number, querySize: number, tokenPtr: number) {
      const token = host.redisCall(text(clusterPtr, clusterSize), memory.read(queryPtr, querySize));
      memory.writeU32(tokenPtr, token);
      return token === 0 ? WasmResult.BadArgument : WasmResult.Ok;
    },
    proxy_define_metric(_type: number, _namePtr: number, _nameSize: number, idPtr: number) {
      metrics.push(0);
      memory.writeU32(idPtr, FIRST_METRIC_ID + metrics.length - 1);
      return WasmResult.Ok;
    },
    proxy_increment_metric(id: number, offset: bigint) {
      const at = id - FIRST_METRIC_ID;
      if (metrics[at] === undefined) return WasmResult.NotFound;
      metrics[at] += Number(offset);
      return WasmResult.Ok;
    },
    proxy_record_metric(id: number, value: bigint) {
      const at = id - FIRST_METRIC_ID;
      if (metrics[at] === undefined) return WasmResult.NotFound;
      metrics[at] = Number(value);
      return WasmResult.Ok;
    },
    proxy_get_metric(id: number, valuePtr: number) {
      const value = metrics[id - FIRST_METRIC_ID];
      if (value === undefined) return WasmResult.NotFound;
      memory.writeU64(valuePtr, BigInt(value));
      return WasmResult.Ok;
    },
    proxy_get_shared_data(keyPtr: number, keySize: number, dataPtr: number, sizePtr: number, casPtr: number) {
      const entry = sharedData.get(text(keyPtr, keySize));
      if (entry === undefined) return WasmResult.NotFound;
      memory.returnBytes(entry.value, dataPtr, sizePtr);
      memory.writeU32(casPtr, entry.cas);
      return WasmResult.Ok;
    },
    proxy_set_shared_data(keyPtr: number, keySize: number, valuePtr: number, valueSize: number, cas: number) {
      const key = text(keyPtr, keySize);
      const entry = sharedData.get(key);
      if (cas !== NOT_SET && entry !== undefined && entry.cas !== cas) return WasmResult.CasMismatch;
      sharedData.set(key, { value: memory.read(valuePtr, valueSize), cas: (entry?.cas ?? 0) + 1 });
      return WasmResult.Ok;
    },
  };
}
