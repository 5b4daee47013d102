// The plugin start of Go's `CommonPluginCtx.OnPluginStart` and what the plugin context does afterwards: create
// each stream's context, pick the config per request, run tick functions, hand callout answers over.
import {
  BufferType, callForeignFunction, getBufferBytes, getCurrentTimeNanoseconds, getProperty, HttpContext as StreamContext,
  RedisStatus, setProperty, setTickPeriodMilliseconds, Status,
} from "@higress-ts/proxy-wasm/assembly";
import { deliverHttpCallResponse } from "@higress-ts/http/assembly";
import { CommonHttpCtx } from "./common-http-ctx";
import { CommonVmCtx } from "./common-vm-ctx";
import { JsonValue } from "./json";
import { log } from "./log";
import { RuleMatcher } from "./matcher";
import { PluginContext } from "./plugin-context";
import { deliverRedisCallResponse } from "./redis/delivery";
import { PLUGIN_ID_KEY } from "./plugin-id";
import { takeTickFuncs, TICK_PERIOD_MS, TickFuncEntry, runTickFuncs } from "./tick";

/** The plugin context of a plugin with config class `C`. */
export class CommonPluginCtx<C> extends PluginContext {
  /** The global config and the rules of the current configuration. */
  readonly matcher: RuleMatcher<C> = new RuleMatcher<C>();
  private tickFuncs: TickFuncEntry[] = [];
  private requestCount: u64 = 0;

  constructor(id: u32, public readonly vm: CommonVmCtx<C>) {
    super(id);
  }

  /** Plugin start (or reload): a false return fails it, after a log line saying why. */
  onConfigure(pluginConfigurationSize: u32): bool {
    const vm = this.vm;
    const prePluginStart = vm.prePluginStartOrReloadFunc;
    if (prePluginStart !== null) {
      const error = prePluginStart(this);
      if (error !== null) {
        log.error("prePluginStartOrReload failed: " + error);
        return false;
      }
    }
    if (vm.maxRequestsPerIoCycle > 0) setMaxRequestsPerIoCycle(vm.maxRequestsPerIoCycle);
    let config = JsonValue.missing();
    if (pluginConfigurationSize == 0) {
      if (vm.hasCustomConfig) log.warn("config is empty, but has ParseConfigFunc");
    } else {
      const read = getBufferBytes(BufferType.PluginConfiguration, 0, pluginConfigurationSize);
      if (!read.ok) {
        log.critical("error reading plugin configuration: status " + (<i32>read.status).toString());
        return false;
      }
      const parsed = JsonValue.parse(read.text()!);
      if (!parsed.ok) {
        log.warn("the plugin configuration is not a valid json: " + parsed.error!);
        return false;
      }
      config = parsed.value;
    }
    takeTickFuncs();
    const pluginID = config.get(PLUGIN_ID_KEY);
    if (config.isObject() && pluginID.exists()) {
      log.resetID(pluginID.string());
      config = config.without(PLUGIN_ID_KEY);
    }
    const error = this.parseConfig(config);
    const warnings = this.matcher.isolationWarnings;
    for (let i = 0; i < warnings.length; i++) log.warn(warnings[i]);
    if (error !== null) {
      log.warn("parse rule config failed: " + error);
      log.error("plugin start failed");
      return false;
    }
    this.tickFuncs = takeTickFuncs();
    if (this.tickFuncs.length > 0) setTickPeriodMilliseconds(<u32>TICK_PERIOD_MS);
    log.info("plugin start successfully");
    return true;
  }

  /** Parses the global config and the rules with the plugin's parse functions. */
  private parseConfig(config: JsonValue): string | null {
    const vm = this.vm;
    const hasRuleParser = vm.parseRuleConfigFunc !== null || vm.parseRawRuleConfigFunc !== null;
    return this.matcher.parseRuleConfig<CommonPluginCtx<C>>(
      this,
      config,
      (plugin: CommonPluginCtx<C>, json: JsonValue, config: C): string | null => plugin.parsePluginConfig(json, config),
      hasRuleParser
        ? (plugin: CommonPluginCtx<C>, json: JsonValue, global: C, config: C): string | null =>
          plugin.parseRuleConfig(json, global, config)
        : null,
      this.isRuleLevelConfigIsolation(),
    );
  }

  /** Runs whichever config parser the plugin registered; without one the config keeps its defaults. */
  private parsePluginConfig(json: JsonValue, config: C): string | null {
    const vm = this.vm;
    const raw = vm.parseRawConfigFunc;
    if (raw !== null) return raw(String.UTF8.encode(json.raw()), config);
    const plain = vm.parseConfigFunc;
    if (plain !== null) return plain(json, config);
    const withContext = vm.parseConfigWithContextFunc;
    if (withContext !== null) return withContext(this, json, config);
    return null;
  }

  /** Runs the plugin's rule (override) parser. */
  private parseRuleConfig(json: JsonValue, global: C, config: C): string | null {
    const vm = this.vm;
    const raw = vm.parseRawRuleConfigFunc;
    if (raw !== null) return raw(String.UTF8.encode(json.raw()), global, config);
    return vm.parseRuleConfigFunc!(json, global, config);
  }

  createHttpContext(contextId: u32): StreamContext | null {
    return new CommonHttpCtx<C>(contextId, this);
  }

  /**
   * The config for the current request (Go `GetMatchConfig`): with rules, matched on `authority` and the
   * properties `route_name` and `cluster_name`; null when the plugin is off for this request.
   */
  matchConfig(authority: string): C | null {
    const matcher = this.matcher;
    if (matcher.ruleConfigs.length == 0) return matcher.hasGlobalConfig ? matcher.globalConfig : null;
    return matcher.getMatchConfig(authority, propertyText("route_name"), propertyText("cluster_name"));
  }

  /** Counts a request for the rebuild options and asks Higress for a VM rebuild when one is due. */
  checkRebuild(): void {
    const vm = this.vm;
    let rebuild = false;
    if (vm.rebuildAfterRequests > 0 && ++this.requestCount >= vm.rebuildAfterRequests) {
      this.requestCount = 0;
      rebuild = true;
    }
    if (vm.rebuildMaxMemBytes > 0) {
      const memory = getProperty(["plugin_vm_memory"]).value;
      if (memory !== null && memory.byteLength == 8 && load<u64>(changetype<usize>(memory)) >= vm.rebuildMaxMemBytes) {
        rebuild = true;
      }
    }
    if (rebuild) setProperty(["wasm_need_rebuild"], String.UTF8.encode("true"));
  }

  onTick(): void {
    runTickFuncs(this.tickFuncs, <i64>(getCurrentTimeNanoseconds() / 1_000_000));
  }

  onHttpCallResponse(token: u32, numHeaders: u32, bodySize: u32, numTrailers: u32): void {
    deliverHttpCallResponse(token, numHeaders, bodySize);
  }

  onRedisCallResponse(token: u32, status: RedisStatus, responseSize: u32): void {
    deliverRedisCallResponse(token, status, responseSize);
  }
}

/** A property's text; "" when the host has none (NotFound is normal for `route_name` outside a route). */
function propertyText(name: string): string {
  const text = getProperty([name]).text();
  return text === null ? "" : text;
}

/** Higress foreign function `set_global_max_requests_per_io_cycle`, argument an 8-byte little-endian u64. */
function setMaxRequestsPerIoCycle(maxRequests: u64): void {
  const argument = new ArrayBuffer(8);
  store<u64>(changetype<usize>(argument), maxRequests);
  const result = callForeignFunction("set_global_max_requests_per_io_cycle", argument);
  if (result.status == Status.Ok) return;
  log.warn("set_global_max_requests_per_io_cycle failed: status " + (<i32>result.status).toString());
}
