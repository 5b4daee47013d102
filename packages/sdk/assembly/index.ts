// The public API of @higress-ts/sdk: import everything a plugin needs from "@higress-ts/sdk/assembly".

// Registration and the shapes of the functions a plugin registers.
export { CommonVmCtx, setCtx, setCtxWithOptions } from "./common-vm-ctx";
export {
  OnHttpBodyFunc, OnHttpHeadersFunc, OnHttpStreamDoneFunc, OnHttpStreamingBodyFunc, OnPluginStartOrReload,
  ParseConfigFunc, ParseConfigWithContextFunc, ParseRawConfigFunc, ParseRawRuleConfigFunc, ParseRuleConfigFunc,
  TickFunc,
} from "./callbacks";
export { registerTickFunc } from "./tick";

// Contexts.
export { HttpContext, HTTPExecutionPhase } from "./http-context";
export { RouteResponseCallback } from "./route-call";
export { AI_LOG_KEY, CUSTOM_LOG_KEY, TRACE_SPAN_TAG_PREFIX } from "./user-attributes";
export { PluginContext } from "./plugin-context";
export { CONFIG_STORE_LEADER_KEY, VM_LEASE_KEY_PREFIX } from "./leader";
export { PLUGIN_ID_KEY } from "./plugin-id";

// Logging.
export { DefaultLog, isLogEnabled, isSafeLogEnabled, log, Log, setPluginLog, setSafeLogEnabled } from "./log";

// Config.
export { JsonMember, JsonType, JsonParseResult, JsonValue } from "./json";

// Helpers.
export {
  getPluginFingerPrint, getValueFromBody, isResponseFromUpstream, marshalStr, unifySSEChunk, unmarshalStr,
} from "./utils";

// The current stream: headers, bodies, local replies, resuming.
export * from "./headers";
export * from "./bodies";
export * from "./responses";

// The ABI vocabulary a plugin uses with the SDK.
export {
  Action, BufferType, DataStatus, GrpcStatus, HeaderStatus, LogLevel, MapType, Pair, Status, StreamType,
  callForeignFunction, getProperty, getCurrentTimeNanoseconds, getSharedData, setProperty, setSharedData,
  injectEncodedDataToFilterChain, setUpstreamOverrideHost, getUpstreamHosts,
} from "@higress-ts/proxy-wasm/assembly";

// Redis calls (on @higress-ts/resp).
export * from "./redis/index";

// HTTP calls (the whole of @higress-ts/http).
export * from "@higress-ts/http/assembly";
