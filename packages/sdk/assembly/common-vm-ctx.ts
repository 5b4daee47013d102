// `setCtx` and its options (Go `SetCtx(name, options...)` / `CommonVmCtx`): what a plugin registers once, at the
// top level of assembly/main.ts, chained as `setCtx<MyConfig>("name").parseConfig(...).processRequestHeaders(...)`.
import { DataStatus, registerRootContext, RootContext } from "@higress-ts/proxy-wasm/assembly";
import {
  OnHttpBodyFunc, OnHttpHeadersFunc, OnHttpStreamDoneFunc, OnHttpStreamingBodyFunc, OnPluginStartOrReload,
  ParseConfigFunc, ParseConfigWithContextFunc, ParseRawConfigFunc, ParseRawRuleConfigFunc, ParseRuleConfigFunc,
} from "./callbacks";
import { CommonHttpCtx } from "./common-http-ctx";
import { CommonPluginCtx, passesPrePluginStart, setMaxRequestsPerIoCycle } from "./common-plugin-ctx";
import { startWithJsonConfig } from "./json-config";
import { DefaultLog, Log, setPluginLog, setSafeLogEnabled } from "./log";

/** The part of a plugin's registration the VM needs without knowing its config type. */
abstract class VmContext {
  /** Builds the plugin (root) context the host announced. */
  abstract newPluginContext(contextId: u32): RootContext;
}

/** Reads and parses the configuration at plugin start; false fails the start. */
export type StartWithConfig<C> = (plugin: CommonPluginCtx<C>, configurationSize: u32) => bool;

/** A body phase of the plugin's streams: what the body callback answers. */
export type BodyPhase<C> = (ctx: CommonHttpCtx<C>, bodySize: u32, endOfStream: bool) => DataStatus;

let registeredVm: VmContext | null = null;

/**
 * Registers the plugin `pluginName` with config class `C` and returns its options, to chain (Go `SetCtx`). `C`
 * must be a class constructible without arguments: the SDK creates one per config (global and each rule) with
 * `instantiate<C>()` and hands it to the parse function to fill. Installs a `DefaultLog` named `pluginName`.
 */
export function setCtx<C>(pluginName: string): CommonVmCtx<C> {
  return setCtxWithOptions<C>(pluginName).withLogger(new DefaultLog(pluginName));
}

/** As `setCtx`, without installing a logger (Go `SetCtxWithOptions`): chain `withLogger` yourself. */
export function setCtxWithOptions<C>(pluginName: string): CommonVmCtx<C> {
  const vm = new CommonVmCtx<C>(pluginName);
  registeredVm = vm;
  registerRootContext((contextId: u32): RootContext => registeredVm!.newPluginContext(contextId));
  return vm;
}

/**
 * A plugin's registration: its name, how its config is parsed, its handlers and options. Every option method
 * returns the same object, so options chain; a later option of the same kind replaces an earlier one.
 */
export class CommonVmCtx<C> extends VmContext {
  /**
   * How the plugin start reads the configuration: set by the parse options to the JSON start (so a plugin
   * without a parse function links no JSON reader nor rule matcher); null without one.
   */
  startWithConfig: StartWithConfig<C> | null = null;
  parseConfigFunc: ParseConfigFunc<C> | null = null;
  parseConfigWithContextFunc: ParseConfigWithContextFunc<C> | null = null;
  parseRawConfigFunc: ParseRawConfigFunc<C> | null = null;
  parseRuleConfigFunc: ParseRuleConfigFunc<C> | null = null;
  parseRawRuleConfigFunc: ParseRawRuleConfigFunc<C> | null = null;
  onHttpRequestHeaders: OnHttpHeadersFunc<C> | null = null;
  onHttpRequestBody: OnHttpBodyFunc<C> | null = null;
  onHttpStreamingRequestBody: OnHttpStreamingBodyFunc<C> | null = null;
  onHttpResponseHeaders: OnHttpHeadersFunc<C> | null = null;
  onHttpResponseBody: OnHttpBodyFunc<C> | null = null;
  onHttpStreamingResponseBody: OnHttpStreamingBodyFunc<C> | null = null;
  onHttpStreamDone: OnHttpStreamDoneFunc<C> | null = null;
  /** The request-body phase; set by the request body options, so other plugins link none of its code. */
  requestBodyPhase: BodyPhase<C> | null = null;
  /** The response-body phase; set by the response body options. */
  responseBodyPhase: BodyPhase<C> | null = null;
  /**
   * Keeps a request's cached headers at the end of its request-headers callback, for a later handler may ask
   * for them; set by the options of later phases, so plugins with none link no header reading for it.
   */
  keepRequestHeaders: ((ctx: CommonHttpCtx<C>) => void) | null = null;
  /** Keeps a response's `content-type` and `content-encoding` for its body phase; set by the response body options. */
  keepResponseHeaders: ((ctx: CommonHttpCtx<C>) => void) | null = null;
  prePluginStartOrReloadFunc: OnPluginStartOrReload | null = null;
  /** Runs `prePluginStartOrReloadFunc` at plugin start; set by `prePluginStartOrReload`. */
  runPrePluginStart: ((plugin: CommonPluginCtx<C>) => bool) | null = null;
  rebuildAfterRequests: u64 = 0;
  rebuildMaxMemBytes: u64 = 0;
  /** Counts each request against the rebuild options; set by them, so other plugins link no rebuild check. */
  checkRebuild: ((plugin: CommonPluginCtx<C>) => void) | null = null;
  maxRequestsPerIoCycle: u64 = 0;
  /** Applies `maxRequestsPerIoCycle` at plugin start; set by `withMaxRequestsPerIoCycle`. */
  applyMaxRequestsPerIoCycle: ((maxRequests: u64) => void) | null = null;

  constructor(
    /** The plugin's name, as printed in each log line. */
    public readonly pluginName: string,
  ) {
    super();
  }

  newPluginContext(contextId: u32): RootContext {
    return new CommonPluginCtx<C>(contextId, this);
  }

  /** Parses the JSON config with `f` (Go `ParseConfig`). */
  parseConfig(f: ParseConfigFunc<C>): CommonVmCtx<C> {
    this.clearParsers();
    this.parseConfigFunc = f;
    return this;
  }

  /** Parses the JSON config with `f`, which also gets the plugin context (Go `ParseConfigWithContext`). */
  parseConfigWithContext(f: ParseConfigWithContextFunc<C>): CommonVmCtx<C> {
    this.clearParsers();
    this.parseConfigWithContextFunc = f;
    return this;
  }

  /** Parses the raw config bytes with `f` (Go `ParseRawConfig`); rules get their raw JSON. */
  parseRawConfig(f: ParseRawConfigFunc<C>): CommonVmCtx<C> {
    this.clearParsers();
    this.parseRawConfigFunc = f;
    return this;
  }

  /** Parses the global config with `f` and each rule with `g`, from the global one (Go `ParseOverrideConfig`). */
  parseOverrideConfig(f: ParseConfigFunc<C>, g: ParseRuleConfigFunc<C>): CommonVmCtx<C> {
    this.parseConfig(f);
    this.parseRuleConfigFunc = g;
    return this;
  }

  /** As `parseOverrideConfig`, on raw bytes (Go `ParseOverrideRawConfig`). */
  parseOverrideRawConfig(f: ParseRawConfigFunc<C>, g: ParseRawRuleConfigFunc<C>): CommonVmCtx<C> {
    this.parseRawConfig(f);
    this.parseRawRuleConfigFunc = g;
    return this;
  }

  /** Handles request headers (Go `ProcessRequestHeaders`). */
  processRequestHeaders(f: OnHttpHeadersFunc<C>): CommonVmCtx<C> {
    this.onHttpRequestHeaders = f;
    return this;
  }

  /** Handles the whole request body, once, at its end (Go `ProcessRequestBody`). */
  processRequestBody(f: OnHttpBodyFunc<C>): CommonVmCtx<C> {
    this.onHttpRequestBody = f;
    this.handleRequestBody();
    return this;
  }

  /** Handles each request body chunk as it passes (Go `ProcessStreamingRequestBody`). */
  processStreamingRequestBody(f: OnHttpStreamingBodyFunc<C>): CommonVmCtx<C> {
    this.onHttpStreamingRequestBody = f;
    this.handleRequestBody();
    return this;
  }

  /** Handles response headers (Go `ProcessResponseHeaders`). */
  processResponseHeaders(f: OnHttpHeadersFunc<C>): CommonVmCtx<C> {
    this.onHttpResponseHeaders = f;
    this.handleLaterPhases();
    return this;
  }

  /** Handles the whole response body, once, at its end (Go `ProcessResponseBody`). */
  processResponseBody(f: OnHttpBodyFunc<C>): CommonVmCtx<C> {
    this.onHttpResponseBody = f;
    this.handleResponseBody();
    return this;
  }

  /** Handles each response body chunk as it passes (Go `ProcessStreamingResponseBody`). */
  processStreamingResponseBody(f: OnHttpStreamingBodyFunc<C>): CommonVmCtx<C> {
    this.onHttpStreamingResponseBody = f;
    this.handleResponseBody();
    return this;
  }

  /** Runs when a stream is done (Go `ProcessStreamDone`). */
  processStreamDone(f: OnHttpStreamDoneFunc<C>): CommonVmCtx<C> {
    this.onHttpStreamDone = f;
    this.handleLaterPhases();
    return this;
  }

  /** A handler runs after request headers: the request's cached headers must outlive that callback. */
  private handleLaterPhases(): void {
    this.keepRequestHeaders = (ctx: CommonHttpCtx<C>): void => {
      ctx.keepRequestLine();
    };
  }

  /** A request body handler: install the request-body phase. */
  private handleRequestBody(): void {
    this.requestBodyPhase = (ctx: CommonHttpCtx<C>, bodySize: u32, endOfStream: bool): DataStatus =>
      ctx.requestBody(bodySize, endOfStream);
    this.handleLaterPhases();
  }

  /** A response body handler: install the response-body phase, which needs the response's body kind. */
  private handleResponseBody(): void {
    this.responseBodyPhase = (ctx: CommonHttpCtx<C>, bodySize: u32, endOfStream: bool): DataStatus =>
      ctx.responseBody(bodySize, endOfStream);
    this.keepResponseHeaders = (ctx: CommonHttpCtx<C>): void => {
      ctx.keepResponseKind();
    };
    this.handleLaterPhases();
  }

  /** Runs `f` first at each plugin start or reload; its error fails the start (Go `PrePluginStartOrReload`). */
  prePluginStartOrReload(f: OnPluginStartOrReload): CommonVmCtx<C> {
    this.prePluginStartOrReloadFunc = f;
    this.runPrePluginStart = (plugin: CommonPluginCtx<C>): bool =>
      passesPrePluginStart(plugin, plugin.vm.prePluginStartOrReloadFunc!);
    return this;
  }

  /** Logs through `logger` (Go `WithLogger`). */
  withLogger(logger: Log): CommonVmCtx<C> {
    setPluginLog(logger);
    return this;
  }

  /** `log.unsafeInfo` logs at debug with a leading newline (Go `EnableSafeLog`). */
  enableSafeLog(): CommonVmCtx<C> {
    setSafeLogEnabled(true);
    return this;
  }

  /** Asks Higress to rebuild the VM after every `requestCount` requests (Go `WithRebuildAfterRequests`). */
  withRebuildAfterRequests(requestCount: u64): CommonVmCtx<C> {
    this.rebuildAfterRequests = requestCount;
    this.checkRebuild = (plugin: CommonPluginCtx<C>): void => plugin.checkRebuild();
    return this;
  }

  /** Asks Higress to rebuild the VM once its memory reaches `memSizeBytes` (Go `WithRebuildMaxMemBytes`). */
  withRebuildMaxMemBytes(memSizeBytes: u64): CommonVmCtx<C> {
    this.rebuildMaxMemBytes = memSizeBytes;
    this.checkRebuild = (plugin: CommonPluginCtx<C>): void => plugin.checkRebuild();
    return this;
  }

  /**
   * Caps the requests Envoy handles per I/O cycle, gateway-wide; the smallest value wins (Go
   * `WithMaxRequestsPerIoCycle`).
   */
  withMaxRequestsPerIoCycle(maxRequests: u64): CommonVmCtx<C> {
    this.maxRequestsPerIoCycle = maxRequests;
    this.applyMaxRequestsPerIoCycle = setMaxRequestsPerIoCycle;
    return this;
  }

  private clearParsers(): void {
    this.startWithConfig = (plugin: CommonPluginCtx<C>, configurationSize: u32): bool =>
      startWithJsonConfig<C>(plugin, configurationSize);
    this.parseConfigFunc = null;
    this.parseConfigWithContextFunc = null;
    this.parseRawConfigFunc = null;
    this.parseRuleConfigFunc = null;
    this.parseRawRuleConfigFunc = null;
  }
}
