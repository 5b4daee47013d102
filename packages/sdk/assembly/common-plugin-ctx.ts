// The plugin start of Go's `CommonPluginCtx.OnPluginStart` and what the plugin context does afterwards: create
// each stream's context, pick the config per request, run tick functions, hand callout answers over.
import {
  BufferType, callForeignFunction, getBufferBytes, getCurrentTimeNanoseconds, getProperty, HttpContext as StreamContext,
  RedisStatus, setProperty, setTickPeriodMilliseconds, Status,
} from "@higress-ts/proxy-wasm/assembly";
import { deliverHttpCallResponse } from "@higress-ts/http/assembly";
import { OnPluginStartOrReload } from "./callbacks";
import { CommonHttpCtx } from "./common-http-ctx";
import { CommonVmCtx } from "./common-vm-ctx";
import { HttpContext } from "./http-context";
import { COLON, decimalDigits, isSpace, QUOTE } from "./json/chars";
import { validateJson } from "./json/validate";
import { log } from "./log";
import { PluginContext } from "./plugin-context";
import { deliverRedisCallResponse } from "./redis/delivery";
import { takeTickFuncs, TICK_PERIOD_MS, TickFuncs } from "./tick";

/** How the rules of a configuration pick each request's config; installed by the JSON config start. */
export abstract class RuleChoice<C> {
  /** The config for `stream`'s request, or null when the plugin is off for it. */
  abstract configFor(stream: HttpContext): C | null;
}

/** The plugin context of a plugin with config class `C`. */
export class CommonPluginCtx<C> extends PluginContext {
  /** The config of requests no rule matches; null when the plugin is off for them. */
  globalConfig: C | null = instantiate<C>();
  /** The rules of the configuration; null when there are none. */
  rules: RuleChoice<C> | null = null;
  private tickFuncs: TickFuncs | null = null;
  private requestCount: u64 = 0;

  constructor(id: u32, public readonly vm: CommonVmCtx<C>) {
    super(id);
  }

  /** Plugin start (or reload): a false return fails it, after a log line saying why. */
  onConfigure(pluginConfigurationSize: u32): bool {
    const vm = this.vm;
    const prePluginStart = vm.runPrePluginStart;
    if (prePluginStart !== null && !prePluginStart(this)) return false;
    const applyMaxRequestsPerIoCycle = vm.applyMaxRequestsPerIoCycle;
    if (applyMaxRequestsPerIoCycle !== null) applyMaxRequestsPerIoCycle(vm.maxRequestsPerIoCycle);
    takeTickFuncs();
    const startWithConfig = vm.startWithConfig;
    const started = startWithConfig === null
      ? startWithoutParser(pluginConfigurationSize)
      : startWithConfig(this, pluginConfigurationSize);
    if (!started) return false;
    this.tickFuncs = takeTickFuncs();
    if (this.tickFuncs !== null) setTickPeriodMilliseconds(<u32>TICK_PERIOD_MS);
    log.info("plugin start successfully");
    return true;
  }

  createHttpContext(contextId: u32): StreamContext | null {
    return new CommonHttpCtx<C>(contextId, this);
  }

  /**
   * The config for `stream`'s request (Go `GetMatchConfig`): with rules, matched on its `:authority` and the
   * properties `route_name` and `cluster_name`; null when the plugin is off for it. Without rules nothing is read.
   */
  matchConfig(stream: CommonHttpCtx<C>): C | null {
    const rules = this.rules;
    return rules === null ? this.globalConfig : rules.configFor(stream);
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
    const tickFuncs = this.tickFuncs;
    if (tickFuncs !== null) tickFuncs.run(<i64>(getCurrentTimeNanoseconds() / 1_000_000));
  }

  onHttpCallResponse(token: u32, numHeaders: u32, bodySize: u32, numTrailers: u32): void {
    deliverHttpCallResponse(token, numHeaders, bodySize);
  }

  onRedisCallResponse(token: u32, status: RedisStatus, responseSize: u32): void {
    deliverRedisCallResponse(token, status, responseSize);
  }
}

/**
 * The start of a plugin without a parse function: its config class keeps its defaults and serves every request.
 * The configuration must still be valid JSON, and one with `_rules_` fails the start (rules need a parse
 * function; Go would apply them), so that rules meant to limit the plugin to some routes never silently turn it
 * on everywhere.
 */
function startWithoutParser(configurationSize: u32): bool {
  if (configurationSize == 0) return true;
  const bytes = readConfiguration(configurationSize);
  if (bytes === null) return false;
  const error = validateJson(bytes);
  if (error !== null) return rejectInvalidJson(error.message());
  if (!hasRules(bytes)) return true;
  log.error("_rules_ need a parse function (parseConfig)");
  return false;
}

/** The plugin configuration's bytes; null (after a log line) when the host cannot give them. */
export function readConfiguration(configurationSize: u32): ArrayBuffer | null {
  const read = getBufferBytes(BufferType.PluginConfiguration, 0, configurationSize);
  if (!read.ok) log.critical("error reading plugin configuration: status " + decimalDigits(<u32>read.status));
  return read.value;
}

/** Logs why the configuration is not JSON; false, to fail the start. */
export function rejectInvalidJson(reason: string): bool {
  log.warn("the plugin configuration is not a valid json: " + reason);
  return false;
}

/** `"_rules_` as a little-endian u64 load reads its eight bytes. */
const QUOTE_RULES: u64 = 0x5f73656c75725f22;

/** Whether the valid JSON `bytes` name a member `_rules_` (`"_rules_"` followed by a colon). */
function hasRules(bytes: ArrayBuffer): bool {
  const data = changetype<usize>(bytes);
  const size = bytes.byteLength;
  for (let at = 0; at + 9 <= size; at++) {
    if (load<u64>(data + at) != QUOTE_RULES || load<u8>(data + at + 8) != <u8>QUOTE) continue;
    let i = at + 9;
    while (i < size && isSpace(load<u8>(data + i))) i++;
    if (i < size && load<u8>(data + i) == COLON) return true;
  }
  return false;
}

/** Runs the `prePluginStartOrReload` hook; false, after a log line with its error, fails the start. */
export function passesPrePluginStart(plugin: PluginContext, hook: OnPluginStartOrReload): bool {
  const error = hook(plugin);
  if (error === null) return true;
  log.error("prePluginStartOrReload failed: " + error);
  return false;
}

/**
 * Higress foreign function `set_global_max_requests_per_io_cycle`, argument an 8-byte little-endian u64; nothing
 * for 0.
 */
export function setMaxRequestsPerIoCycle(maxRequests: u64): void {
  if (maxRequests == 0) return;
  const argument = new ArrayBuffer(8);
  store<u64>(changetype<usize>(argument), maxRequests);
  const result = callForeignFunction("set_global_max_requests_per_io_cycle", argument);
  if (result.status == Status.Ok) return;
  log.warn("set_global_max_requests_per_io_cycle failed: status " + decimalDigits(<u32>result.status));
}
