// The root context: one per plugin configuration in each VM (Envoy "root context", Higress "plugin context").
import { GrpcStatus, RedisStatus } from "../types";
import { Context } from "./context";
import { HttpContext } from "./http";
import { StreamContext } from "./stream";

/**
 * A plugin's root context. It lives as long as the plugin, receives the configuration and the timer, creates
 * the context of each stream, and receives the answers of every callout (HTTP, gRPC, Redis) made from it or
 * from its streams: the `token` a callout returned identifies the call, and it is up to the root context to map
 * tokens back to whatever started them (then `setEffectiveContext(streamId)` to act on that stream).
 */
export class RootContext extends Context {
  /** The VM started; the VM configuration is in `BufferType.VmConfiguration`. False fails the start. */
  onVmStart(vmConfigurationSize: u32): bool {
    return true;
  }

  /** Deprecated by Envoy: a configuration to check, in `BufferType.PluginConfiguration`. */
  validateConfiguration(pluginConfigurationSize: u32): bool {
    return true;
  }

  /** The plugin configuration, in `BufferType.PluginConfiguration` during this call. False rejects it. */
  onConfigure(pluginConfigurationSize: u32): bool {
    return true;
  }

  /** The timer set with `setTickPeriodMilliseconds` fired. */
  onTick(): void {}

  /** An item was enqueued on a shared queue this root context registered. */
  onQueueReady(queueId: u32): void {}

  /** The host called a function of this plugin; the arguments are in `BufferType.CallData`. */
  onForeignFunction(functionId: u32, argumentsSize: u32): void {}

  /** A new HTTP stream: return its context, or null if this plugin does not handle HTTP. */
  createHttpContext(contextId: u32): HttpContext | null {
    return null;
  }

  /** A new TCP connection (asked when `createHttpContext` returned null): its context, or null. */
  createStreamContext(contextId: u32): StreamContext | null {
    return null;
  }

  /**
   * An HTTP callout answered. Headers are in `MapType.HttpCallResponseHeaders`, the body in
   * `BufferType.HttpCallResponseBody`, readable only during this call; `numHeaders` 0 means the call failed
   * (see `getStatus()`).
   */
  onHttpCallResponse(token: u32, numHeaders: u32, bodySize: u32, numTrailers: u32): void {}

  /** A gRPC call or stream received its initial metadata (`MapType.GrpcReceiveInitialMetadata`). */
  onGrpcReceiveInitialMetadata(token: u32, numElements: u32): void {}

  /** A gRPC message arrived (`BufferType.GrpcReceiveBuffer`). */
  onGrpcReceive(token: u32, messageSize: u32): void {}

  /** A gRPC call or stream received its trailing metadata (`MapType.GrpcReceiveTrailingMetadata`). */
  onGrpcReceiveTrailingMetadata(token: u32, numElements: u32): void {}

  /** A gRPC call or stream closed with `status` (message through `getStatus()`). */
  onGrpcClose(token: u32, status: GrpcStatus): void {}

  /** Higress: a Redis call answered; the raw RESP reply is in `BufferType.RedisCallResponse`. */
  onRedisCallResponse(token: u32, status: RedisStatus, responseSize: u32): void {}
}
