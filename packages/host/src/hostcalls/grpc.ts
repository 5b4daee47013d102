/**
 * gRPC callouts (reference §3.2, §4.1), run on and answered to the root context as Envoy's `Context::grpcCall`,
 * `grpcStream`, `grpcSend`, `grpcClose` and `grpcCancel` do. A call or stream to a cluster the host knows is
 * pending until a test answers it; the host has no gRPC client, so one to a real upstream closes with 14
 * UNAVAILABLE, and an unknown cluster is `PARSE_FAILURE` at dispatch.
 */
import { GrpcStatus, MapType, WasmResult } from "../abi/enums.js";
import type { RootContext } from "../context/root-context.js";
import { LogLevel } from "../log.js";
import type { GrpcCallout } from "../services/callouts.js";
import {
  PendingGrpcCall, PendingGrpcStream, type GrpcCallResult, type GrpcStreamEvent,
} from "../services/pending-callouts.js";
import { HeaderMap } from "../stream/header-map.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { CalloutType, calloutTypeOf, nextToken, pairsArgument, rootOf } from "./callout-arguments.js";
import type { HostFunctions } from "./host-function.js";

/** The calls and streams of each VM by token, while the plugin may still send on, close or cancel them. */
const open = new WeakMap<PluginVm, Map<number, PendingGrpcCall | PendingGrpcStream>>();

function openOf(vm: PluginVm): Map<number, PendingGrpcCall | PendingGrpcStream> {
  let map = open.get(vm);
  if (map === undefined) open.set(vm, (map = new Map()));
  return map;
}

/** The callout's arguments: `ranges` are service, service name, method and initial metadata (pointer, size). */
function readCallout(vm: PluginVm, ranges: readonly number[], message: Uint8Array | undefined, timeoutMs: number): Omit<GrpcCallout, "token"> {
  const [service, serviceName, method] = [0, 2, 4].map((i) => vm.memory.readString(ranges[i]!, ranges[i + 1]!)) as [string, string, string];
  const initialMetadata = pairsArgument(vm, "gRPC initial metadata", ranges[6]!, ranges[7]!);
  return { service, serviceName, method, initialMetadata, ...(message && { message }), timeoutMs };
}

/** Runs one root-context callback with a metadata map (4 or 5) or the message buffer (5) readable during it. */
function deliverEvent(vm: PluginVm, root: RootContext, token: number, event: GrpcStreamEvent): void {
  switch (event.type) {
    case "initial-metadata":
    case "trailing-metadata": {
      const initial = event.type === "initial-metadata";
      const map = new HeaderMap(event.metadata);
      root.grpcMetadata = { type: initial ? MapType.GrpcReceiveInitialMetadata : MapType.GrpcReceiveTrailingMetadata, map };
      vm.call(root, initial ? "proxy_on_grpc_receive_initial_metadata" : "proxy_on_grpc_receive_trailing_metadata", root.id, token, map.size);
      root.grpcMetadata = undefined;
      return;
    }
    case "message":
      root.grpcMessage = event.message;
      vm.call(root, "proxy_on_grpc_receive", root.id, token, event.message.length);
      root.grpcMessage = undefined;
      return;
    case "close":
      root.status = { code: event.status, message: event.statusMessage };
      vm.call(root, "proxy_on_grpc_close", root.id, token, event.status);
  }
}

/** Starts a call or stream on the root context; the token is written only when it is accepted, as cpp-host does. */
function dispatch(vm: PluginVm, hostcall: string, target: Omit<GrpcCallout, "token">, tokenPtr: number): WasmResult {
  const callouts = vm.services.callouts;
  if (!callouts.hasHttpCluster(target.service)) {
    vm.services.calloutLog.grpc.push({ token: 0, ...target, accepted: false });
    vm.services.logs.host(LogLevel.Warn, `${hostcall}: unknown cluster "${target.service}"; Envoy answers PARSE_FAILURE`);
    return WasmResult.ParseFailure;
  }
  const root = rootOf(vm);
  const stream = target.message === undefined;
  const token = nextToken(vm, stream ? CalloutType.GrpcStream : CalloutType.GrpcCall);
  const callout: GrpcCallout = { token, ...target };
  vm.services.calloutLog.grpc.push({ ...callout, accepted: true });
  const pending = stream ? openStream(vm, root, callout) : openCall(vm, root, callout);
  openOf(vm).set(token, pending);
  if (callouts.reachesNetwork?.(target.service)) {
    vm.services.logs.host(
      LogLevel.Warn,
      `${hostcall} to ${target.service} ${target.serviceName}/${target.method}: the local host does not speak gRPC to ` +
        `upstreams, so it closes with 14 UNAVAILABLE; to answer it in a test, name the cluster in \`clusters\` ` +
        `(e.g. { "${target.service}": answeredByHand }) and answer it from host.pendingCallouts()`,
    );
    setImmediate(() => pending.close(GrpcStatus.Unavailable, "the local host has no gRPC client"));
  }
  vm.memory.writeU32(tokenPtr, token);
  return WasmResult.Ok;
}

function openCall(vm: PluginVm, root: RootContext, callout: GrpcCallout): PendingGrpcCall {
  const deliver = (result: GrpcCallResult) => {
    openOf(vm).delete(callout.token);
    const event: GrpcStreamEvent = "message" in result
      ? { type: "message", message: result.message }
      : { type: "close", status: result.status, statusMessage: result.statusMessage };
    deliverEvent(vm, root, callout.token, event);
  };
  return new PendingGrpcCall(callout, vm.services, deliver, callout.timeoutMs);
}

function openStream(vm: PluginVm, root: RootContext, callout: GrpcCallout): PendingGrpcStream {
  const stream = new PendingGrpcStream(callout, vm.services, (event) => {
    // Envoy forgets a stream once both sides have closed.
    if (event.type === "close" && stream.localClosed) openOf(vm).delete(callout.token);
    deliverEvent(vm, root, callout.token, event);
  });
  return stream;
}

/** gRPC host functions. */
export function grpcFunctions(vm: PluginVm): HostFunctions {
  /** `proxy_grpc_close` of a call and `proxy_grpc_cancel` of anything: gone without a callback. */
  const cancel = (token: number) => {
    const pending = openOf(vm).get(token);
    if (pending === undefined) return WasmResult.NotFound;
    pending.cancel();
    openOf(vm).delete(token);
    return WasmResult.Ok;
  };
  const isGrpc = (token: number) => [CalloutType.GrpcCall, CalloutType.GrpcStream].includes(calloutTypeOf(token));
  return {
    proxy_grpc_call(
      servicePtr: number, serviceSize: number, serviceNamePtr: number, serviceNameSize: number,
      methodPtr: number, methodSize: number, metadataPtr: number, metadataSize: number,
      messagePtr: number, messageSize: number, timeoutMs: number, tokenPtr: number,
    ) {
      const ranges = [servicePtr, serviceSize, serviceNamePtr, serviceNameSize, methodPtr, methodSize, metadataPtr, metadataSize];
      const target = readCallout(vm, ranges, vm.memory.read(messagePtr, messageSize).slice(), timeoutMs >>> 0);
      return dispatch(vm, "proxy_grpc_call", target, tokenPtr);
    },
    proxy_grpc_stream(
      servicePtr: number, serviceSize: number, serviceNamePtr: number, serviceNameSize: number,
      methodPtr: number, methodSize: number, metadataPtr: number, metadataSize: number, tokenPtr: number,
    ) {
      const ranges = [servicePtr, serviceSize, serviceNamePtr, serviceNameSize, methodPtr, methodSize, metadataPtr, metadataSize];
      return dispatch(vm, "proxy_grpc_stream", readCallout(vm, ranges, undefined, 0), tokenPtr);
    },
    proxy_grpc_send(token: number, messagePtr: number, messageSize: number, endStream: number) {
      const message = vm.memory.read(messagePtr, messageSize).slice();
      if (calloutTypeOf(token) !== CalloutType.GrpcStream) return WasmResult.BadArgument;
      const stream = openOf(vm).get(token);
      if (!(stream instanceof PendingGrpcStream)) return WasmResult.NotFound;
      stream.sent.push({ message, endStream: endStream !== 0 });
      return WasmResult.Ok;
    },
    proxy_grpc_close(token: number) {
      if (!isGrpc(token)) return WasmResult.BadArgument;
      const stream = openOf(vm).get(token);
      if (!(stream instanceof PendingGrpcStream)) return cancel(token);
      // A stream half-closes: the server may still send and close, which the plugin then receives.
      stream.localClosed = true;
      if (!stream.open) openOf(vm).delete(token);
      return WasmResult.Ok;
    },
    proxy_grpc_cancel: (token: number) => (isGrpc(token) ? cancel(token) : WasmResult.BadArgument),
  };
}
