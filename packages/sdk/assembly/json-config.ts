// The start of a plugin that registered a parse function: Go's `OnPluginStart` from the configuration bytes on
// (valid JSON, `_plugin_id_`, the global config and `_rules_`), and the per-request choice among the rules. The
// parse options of `CommonVmCtx` install `startWithJsonConfig`, so only plugins that parse a config link this
// module, the JSON reader and the rule matcher.
import { getProperty } from "@higress-ts/proxy-wasm/assembly";
import { CommonPluginCtx, readConfiguration, rejectInvalidJson, RuleChoice } from "./common-plugin-ctx";
import { HttpContext } from "./http-context";
import { JsonValue } from "./json";
import { log } from "./log";
import { RuleMatcher } from "./matcher";
import { PLUGIN_ID_KEY } from "./plugin-id";

/**
 * Reads the plugin configuration as JSON and parses it with the plugin's parse functions into the global config
 * and the rules; false (after log lines saying why) fails the start. Empty is a missing value, with a warning.
 */
export function startWithJsonConfig<C>(plugin: CommonPluginCtx<C>, configurationSize: u32): bool {
  let config = JsonValue.missing();
  if (configurationSize == 0) {
    log.warn("config is empty, but has ParseConfigFunc");
  } else {
    const bytes = readConfiguration(configurationSize);
    if (bytes === null) return false;
    const parsed = JsonValue.parseBytes(bytes);
    if (!parsed.ok) return rejectInvalidJson(parsed.error!);
    config = parsed.value;
  }
  const pluginID = config.get(PLUGIN_ID_KEY);
  if (config.isObject() && pluginID.exists()) {
    log.resetID(pluginID.stringAsWritten());
    config = config.without(PLUGIN_ID_KEY);
  }
  const matcher = new RuleMatcher<C>();
  const error = parseRuleConfig<C>(plugin, matcher, config);
  const warnings = matcher.isolationWarnings;
  for (let i = 0; i < warnings.length; i++) log.warn(warnings[i]);
  if (error !== null) {
    log.warn("parse rule config failed: " + error);
    log.error("plugin start failed");
    return false;
  }
  plugin.globalConfig = matcher.hasGlobalConfig ? matcher.globalConfig : null;
  plugin.rules = matcher.ruleConfigs.length == 0 ? null : new MatcherChoice<C>(matcher);
  return true;
}

/** Parses the global config and the rules with the plugin's parse functions (Go `ParseRuleConfig`). */
function parseRuleConfig<C>(plugin: CommonPluginCtx<C>, matcher: RuleMatcher<C>, config: JsonValue): string | null {
  const vm = plugin.vm;
  const hasRuleParser = vm.parseRuleConfigFunc !== null || vm.parseRawRuleConfigFunc !== null;
  return matcher.parseRuleConfig<CommonPluginCtx<C>>(
    plugin,
    config,
    (plugin: CommonPluginCtx<C>, json: JsonValue, config: C): string | null => parsePluginConfig<C>(plugin, json, config),
    hasRuleParser
      ? (plugin: CommonPluginCtx<C>, json: JsonValue, global: C, config: C): string | null =>
        parseRuleOverride<C>(plugin, json, global, config)
      : null,
    plugin.isRuleLevelConfigIsolation(),
  );
}

/** Runs whichever config parser the plugin registered. */
function parsePluginConfig<C>(plugin: CommonPluginCtx<C>, json: JsonValue, config: C): string | null {
  const vm = plugin.vm;
  const raw = vm.parseRawConfigFunc;
  if (raw !== null) return raw(String.UTF8.encode(json.raw()), config);
  const plain = vm.parseConfigFunc;
  if (plain !== null) return plain(json, config);
  const withContext = vm.parseConfigWithContextFunc;
  if (withContext !== null) return withContext(plugin, json, config);
  return null;
}

/** Runs the plugin's rule (override) parser. */
function parseRuleOverride<C>(plugin: CommonPluginCtx<C>, json: JsonValue, global: C, config: C): string | null {
  const vm = plugin.vm;
  const raw = vm.parseRawRuleConfigFunc;
  if (raw !== null) return raw(String.UTF8.encode(json.raw()), global, config);
  return vm.parseRuleConfigFunc!(json, global, config);
}

/** The rules of a configuration, matched on `:authority` and the properties `route_name` and `cluster_name`. */
class MatcherChoice<C> extends RuleChoice<C> {
  constructor(private readonly matcher: RuleMatcher<C>) {
    super();
  }

  configFor(stream: HttpContext): C | null {
    return this.matcher.getMatchConfig(stream.host(), propertyText("route_name"), propertyText("cluster_name"));
  }
}

/** A property's text; "" when the host has none (NotFound is normal for `route_name` outside a route). */
function propertyText(name: string): string {
  const text = getProperty([name]).text();
  return text === null ? "" : text;
}
