// The shapes of the functions a plugin hands to `setCtx` (Go's `ParseConfigFunc`, `onHttpHeadersFunc`, ...). They
// are plain function references: AssemblyScript has no closures, so instead of capturing, each receives what it
// may need — the request's `HttpContext` (per-request values, the plugin context), the config chosen for the
// request — and returns its error as a value (`string` message, or null for success).
import { DataStatus, HeaderStatus } from "@higress-ts/proxy-wasm/assembly";
import { HttpContext } from "./http-context";
import { JsonValue } from "./json";
import { PluginContext } from "./plugin-context";

/** Fills `config` from the plugin's JSON config; returns an error message or null. */
export type ParseConfigFunc<C> = (json: JsonValue, config: C) => string | null;

/** As `ParseConfigFunc`, with the plugin context (per-plugin values, rule-level isolation, leader election). */
export type ParseConfigWithContextFunc<C> = (context: PluginContext, json: JsonValue, config: C) => string | null;

/** Fills `config` from the raw config bytes (any format); returns an error message or null. */
export type ParseRawConfigFunc<C> = (configBytes: ArrayBuffer, config: C) => string | null;

/** Fills a rule's `config` from its JSON, starting from the parsed `global` config (shared: do not change it). */
export type ParseRuleConfigFunc<C> = (json: JsonValue, global: C, config: C) => string | null;

/** Fills a rule's `config` from its raw JSON bytes, starting from the parsed `global` config. */
export type ParseRawRuleConfigFunc<C> = (configBytes: ArrayBuffer, global: C, config: C) => string | null;

/** Request or response headers arrived; `config` is the one chosen for this request. */
export type OnHttpHeadersFunc<C> = (context: HttpContext, config: C) => HeaderStatus;

/** The whole request or response body, once, at the end of the stream. */
export type OnHttpBodyFunc<C> = (context: HttpContext, config: C, body: ArrayBuffer) => DataStatus;

/** One body chunk as it passes; the returned bytes replace the chunk. */
export type OnHttpStreamingBodyFunc<C> = (
  context: HttpContext, config: C, chunk: ArrayBuffer, isLastChunk: bool,
) => ArrayBuffer;

/** The stream is done (access-log time). */
export type OnHttpStreamDoneFunc<C> = (context: HttpContext, config: C) => void;

/** Runs first at each plugin start or reload; an error fails the start. */
export type OnPluginStartOrReload = (context: PluginContext) => string | null;

/** Periodic work registered with `registerTickFunc`. */
export type TickFunc = () => void;
