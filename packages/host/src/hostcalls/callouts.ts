/**
 * HTTP and Redis callouts (gRPC: ./grpc.ts). They always run on the root context of the caller and are answered
 * there, asynchronously. A test cluster's callout times out on the host's clock; a real upstream's times out in
 * the network bridge.
 */
import { WasmResult } from "../abi/enums.js";
import type { RootContext } from "../context/root-context.js";
import type { HttpCalloutResult, RedisCalloutResult } from "../services/callouts.js";
import { PendingHttpCallout, PendingRedisCallout } from "../services/pending-callouts.js";
import { HeaderMap } from "../stream/header-map.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { CalloutType, nextToken, pairsArgument, rootOf } from "./callout-arguments.js";
import type { HostFunctions } from "./host-function.js";

const encoder = new TextEncoder();

/** The Redis client name without its `?db=…` options: what `proxy_redis_call` names. */
const bareCluster = (cluster: string) => cluster.split("?")[0]!;

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

/** HTTP and Redis callout host functions. */
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
      const hostTimeoutMs = vm.services.callouts.reachesNetwork?.(cluster) ? 0 : callout.timeoutMs;
      const deliver = (result: HttpCalloutResult) => deliverHttpResponse(vm, root, token, result);
      const pending = new PendingHttpCallout(callout, vm.services, deliver, hostTimeoutMs);
      vm.services.callouts.httpCall(callout).then((result) => pending.answer(result), () => pending.fail());
      vm.memory.writeU32(tokenPtr, token);
      return WasmResult.Ok;
    },
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
      if (!vm.services.callouts.redisInit(init)) return WasmResult.BadArgument;
      vm.services.redisTimeouts.set(bareCluster(init.cluster), init.timeoutMs);
      return WasmResult.Ok;
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
      const hostTimeoutMs = vm.services.callouts.reachesNetwork?.(cluster) ? 0 : vm.services.redisTimeouts.get(bareCluster(cluster)) ?? 0;
      const deliver = (result: RedisCalloutResult) => deliverRedisResponse(vm, root, token, result);
      const pending = new PendingRedisCallout(callout, vm.services, deliver, hostTimeoutMs);
      vm.services.callouts.redisCall(callout).then((result) => pending.answer(result), () => pending.fail());
      vm.memory.writeU32(tokenPtr, token);
      return WasmResult.Ok;
    },
  };
}
