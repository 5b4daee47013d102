/**
 * HTTP, gRPC and Redis callouts. They always run on the root context of the caller and are answered
 * there, asynchronously; tokens follow cpp-host's arithmetic (step 4, type in the low two bits).
 */
import { WasmResult } from "../abi/enums.js";
import { parsePairs, type HeaderPairs } from "../abi/pairs.js";
import { RootContext } from "../context/root-context.js";
import { LogLevel } from "../log.js";
import type { HttpCalloutResult, RedisCalloutResult } from "../services/callouts.js";
import { PendingHttpCallout, PendingRedisCallout } from "../services/pending-callouts.js";
import { HeaderMap } from "../stream/header-map.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { activeContext, type HostFunctions } from "./host-function.js";

/** cpp-host callout types (`kCalloutTypeMask = 0x3`). */
enum CalloutType {
  Http = 0,
  GrpcCall = 1,
  GrpcStream = 2,
  Redis = 3,
}

const encoder = new TextEncoder();
const tokens = new WeakMap<PluginVm, number[]>();

/** The next token of a type in this VM: HTTP 4, 8…; gRPC call 5, 9…; gRPC stream 6, 10…; Redis 7, 11…. */
function nextToken(vm: PluginVm, type: CalloutType): number {
  const next = tokens.get(vm) ?? [4, 5, 6, 7];
  tokens.set(vm, next);
  const token = next[type]!;
  next[type] = token + 4;
  return token;
}

function pairsArgument(vm: PluginVm, what: string, ptr: number, size: number): HeaderPairs {
  const parsed = parsePairs(vm.memory.read(ptr, size));
  if (parsed.malformed !== undefined) {
    vm.services.logs.host(LogLevel.Warn, `${what}: malformed pairs (${parsed.malformed}); Envoy reads them as empty`);
  }
  return parsed.pairs;
}

function rootOf(vm: PluginVm): RootContext {
  const root = vm.context(activeContext(vm).rootId);
  if (!(root instanceof RootContext)) throw new Error("callout without a root context");
  return root;
}

/** Delivers an HTTP callout answer to `proxy_on_http_call_response`, maps 6/7 and buffer 4 readable only during it. */
function deliverHttpResponse(vm: PluginVm, root: RootContext, token: number, result: HttpCalloutResult): void {
  if ("reset" in result) {
    root.status = { code: WasmResult.BrokenConnection, message: "reset" };
    vm.call(root, "proxy_on_http_call_response", root.id, token, 0, 0, 0);
    return;
  }
  const body = typeof result.body === "string" ? encoder.encode(result.body) : result.body ?? new Uint8Array(0);
  const response = { headers: new HeaderMap(result.headers), body, trailers: new HeaderMap(result.trailers ?? []) };
  root.status = { code: WasmResult.Ok, message: "" };
  root.calloutResponse = response;
  vm.call(root, "proxy_on_http_call_response", root.id, token, response.headers.size, body.length, response.trailers.size);
  root.calloutResponse = undefined;
}

function deliverRedisResponse(vm: PluginVm, root: RootContext, token: number, result: RedisCalloutResult): void {
  const response = result.status === 0 ? (typeof result.response === "string" ? encoder.encode(result.response) : result.response) : new Uint8Array(0);
  root.redisResponse = response;
  vm.call(root, "proxy_on_redis_call_response", root.id, token, result.status, response.length);
  root.redisResponse = undefined;
}

/** Callout host functions. */
export function calloutFunctions(vm: PluginVm): HostFunctions {
  return {
    proxy_http_call(
      clusterPtr: number, clusterSize: number, headersPtr: number, headersSize: number, bodyPtr: number,
      bodySize: number, trailersPtr: number, trailersSize: number, timeoutMs: number, tokenPtr: number,
    ) {
      vm.memory.writeU32(tokenPtr, 0);
      const cluster = vm.memory.readString(clusterPtr, clusterSize);
      const headers = pairsArgument(vm, "proxy_http_call headers", headersPtr, headersSize);
      const body = vm.memory.read(bodyPtr, bodySize);
      const trailers = pairsArgument(vm, "proxy_http_call trailers", trailersPtr, trailersSize);
      const root = rootOf(vm);
      const map = new HeaderMap(headers);
      // Envoy checks presence only (`Path()`, `Method()`, `Host()`, which is `:authority`; a `host` header is not it).
      const complete = [":path", ":method", ":authority"].every((k) => map.get(k) !== undefined);
      const known = timeoutMs >= 0 && complete && vm.services.callouts.hasHttpCluster(cluster);
      if (body.length > 0) map.set("content-length", String(body.length));
      // Envoy numbers a call before its async client may still refuse it.
      const token = known ? nextToken(vm, CalloutType.Http) : 0;
      const refusal = !known ? WasmResult.BadArgument
        : vm.services.callouts.hasNoHealthyUpstream?.(cluster) ? WasmResult.InternalFailure : undefined;
      const callout = { token, cluster, headers: map.pairs(), body, trailers, timeoutMs: timeoutMs >>> 0 };
      vm.services.calloutLog.http.push({ ...callout, accepted: refusal === undefined });
      if (refusal !== undefined) return refusal;
      const pending = new PendingHttpCallout(callout, vm.services, (result) => deliverHttpResponse(vm, root, token, result));
      vm.services.callouts.httpCall(callout).then((result) => pending.answer(result), () => pending.fail());
      vm.memory.writeU32(tokenPtr, token);
      return WasmResult.Ok;
    },
    proxy_grpc_call(
      servicePtr: number, serviceSize: number, serviceNamePtr: number, serviceNameSize: number,
      methodPtr: number, methodSize: number, _metadataPtr: number, _metadataSize: number,
      _messagePtr: number, _messageSize: number, _timeoutMs: number, tokenPtr: number,
    ) {
      return refuseGrpc(vm, "proxy_grpc_call", [servicePtr, serviceSize, serviceNamePtr, serviceNameSize, methodPtr, methodSize], tokenPtr);
    },
    proxy_grpc_stream(
      servicePtr: number, serviceSize: number, serviceNamePtr: number, serviceNameSize: number,
      methodPtr: number, methodSize: number, _metadataPtr: number, _metadataSize: number, tokenPtr: number,
    ) {
      return refuseGrpc(vm, "proxy_grpc_stream", [servicePtr, serviceSize, serviceNamePtr, serviceNameSize, methodPtr, methodSize], tokenPtr);
    },
    proxy_grpc_send: (token: number) => ((token & 3) === CalloutType.GrpcStream ? WasmResult.NotFound : WasmResult.BadArgument),
    proxy_grpc_cancel: () => WasmResult.NotFound,
    proxy_grpc_close: () => WasmResult.NotFound,
    proxy_redis_init(
      clusterPtr: number, clusterSize: number, userPtr: number, userSize: number, passPtr: number, passSize: number,
      timeoutMs: number,
    ) {
      const init = {
        cluster: vm.memory.readString(clusterPtr, clusterSize),
        username: vm.memory.readString(userPtr, userSize),
        password: vm.memory.readString(passPtr, passSize),
        timeoutMs: timeoutMs >>> 0,
      };
      return vm.services.callouts.redisInit(init) ? WasmResult.Ok : WasmResult.BadArgument;
    },
    proxy_redis_call(clusterPtr: number, clusterSize: number, queryPtr: number, querySize: number, tokenPtr: number) {
      vm.memory.writeU32(tokenPtr, 0);
      const cluster = vm.memory.readString(clusterPtr, clusterSize);
      const query = vm.memory.read(queryPtr, querySize);
      const root = rootOf(vm);
      const accepted = vm.services.callouts.hasRedisCluster(cluster);
      const token = accepted ? nextToken(vm, CalloutType.Redis) : 0;
      vm.services.calloutLog.redis.push({ token, cluster, query, accepted });
      if (!accepted) return WasmResult.BadArgument;
      const callout = { token, cluster, query };
      const pending = new PendingRedisCallout(callout, vm.services, (result) => deliverRedisResponse(vm, root, token, result));
      vm.services.callouts.redisCall(callout).then((result) => pending.answer(result), () => pending.fail());
      vm.memory.writeU32(tokenPtr, token);
      return WasmResult.Ok;
    },
  };
}

/**
 * gRPC: the local host has no gRPC clusters, so every call is what Envoy answers for an unknown cluster at
 * dispatch (`PARSE_FAILURE`), recorded and logged so the plugin author sees why.
 */
function refuseGrpc(vm: PluginVm, hostcall: string, ranges: readonly number[], tokenPtr: number): WasmResult {
  vm.memory.writeU32(tokenPtr, 0);
  const [service, serviceName, method] = [0, 2, 4].map((i) => vm.memory.readString(ranges[i]!, ranges[i + 1]!)) as [string, string, string];
  vm.services.calloutLog.grpc.push({ service, serviceName, method });
  vm.services.logs.host(
    LogLevel.Warn,
    `${hostcall} to ${service} ${serviceName}/${method}: gRPC is unavailable in the local host; answered PARSE_FAILURE as Envoy does for an unknown cluster`,
  );
  return WasmResult.ParseFailure;
}
