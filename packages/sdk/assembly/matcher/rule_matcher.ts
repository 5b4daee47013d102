// Rule matching (`_rules_`) as Higress's Go SDK does it: a global config, then rules tried in config order per
// request, first match wins. AssemblyScript has no closures, so the parse functions are plain function
// references and whatever they need (the plugin context, the SDK's own state) comes in as the `context` argument.
import { JsonValue } from "../json";
import { Category } from "./category";
import { hostMatch } from "./host_matcher";
import { RULES_KEY } from "./keys";
import { loadRuleBackup, storeRuleBackup } from "./rule_backup";
import { RuleConfig } from "./rule_config";
import { serviceMatch } from "./service_matcher";

/** Parses a plugin config (global, or a rule's without an override parser) into `config`; returns an error or null. */
export type ParseConfigFunc<C, T> = (context: C, json: JsonValue, config: T) => string | null;

/**
 * Parses a rule's config into `config` starting from the global one (Go's `ParseOverrideConfig`); returns an error
 * or null. `global` is shared: copy what you need from it, never change it.
 */
export type ParseOverrideConfigFunc<C, T> = (context: C, json: JsonValue, global: T, config: T) => string | null;

/** The error for a rule without any match condition (verbatim from the Go SDK, two spaces included). */
// @ts-ignore: decorator
@lazy export const NO_MATCH_CONDITION_ERROR = "there is at least one of  '_match_route_', '_match_domain_', " +
  "'_match_service_' and '_match_route_prefix_' can present in configuration.";

/** The global config and rules of one plugin configuration, and the choice of config per request. */
export class RuleMatcher<T> {
  /** The rules that parsed, in config order. */
  ruleConfigs: RuleConfig<T>[] = [];
  /** The global config (top-level keys other than `_rules_`); meaningful only when `hasGlobalConfig`. */
  globalConfig: T = instantiate<T>();
  /** Whether requests no rule matches get `globalConfig` (else the plugin skips them). */
  hasGlobalConfig: bool = false;
  /** What rule-level isolation did with rules that failed to parse, for the SDK to log as warnings. */
  isolationWarnings: string[] = [];

  /**
   * Reads a whole plugin configuration (Go's `ParseRuleConfig`); returns the error that fails plugin start, or null.
   * - No keys at all (empty or absent config): the global config is `config` itself, active for every request.
   * - Keys besides `_rules_`: the whole object (with `_rules_`) is parsed as the global config; its failure is
   *   fatal only when there are no rules.
   * - Each rule: match conditions first (none is an error), then its config through `parseOverrideConfig(rule,
   *   global)` when given, else `parsePluginConfig(rule)` (so it does not inherit global fields); the JSON handed
   *   over still holds the `_match_*_` keys.
   * - A rule that fails: fatal, unless `ruleLevelIsolation`, where the rule's last good JSON is parsed instead, or
   *   the rule is skipped. Rules that parse are remembered for that purpose only under isolation.
   * `T` needs a constructor without arguments; each config is a fresh `instantiate<T>()`.
   */
  parseRuleConfig<C>(
    context: C,
    config: JsonValue,
    parsePluginConfig: ParseConfigFunc<C, T>,
    parseOverrideConfig: ParseOverrideConfigFunc<C, T> | null = null,
    ruleLevelIsolation: bool = false,
  ): string | null {
    this.ruleConfigs = [];
    this.globalConfig = instantiate<T>();
    this.hasGlobalConfig = false;
    this.isolationWarnings = [];

    const members = config.members();
    if (members.length == 0) {
      this.hasGlobalConfig = true;
      return parsePluginConfig(context, config, this.globalConfig);
    }
    // Go reads the members through a map: the last `_rules_` counts, and any other key makes a global config.
    let rules = new Array<JsonValue>();
    let hasGlobalKeys = false;
    for (let i = 0; i < members.length; i++) {
      if (members[i].key == RULES_KEY) rules = members[i].value.array();
      else hasGlobalKeys = true;
    }
    let globalConfigError: string | null = null;
    if (hasGlobalKeys) {
      const global = instantiate<T>();
      globalConfigError = parsePluginConfig(context, config, global);
      if (globalConfigError == null) {
        this.globalConfig = global;
        this.hasGlobalConfig = true;
      }
    }
    if (rules.length == 0) {
      if (this.hasGlobalConfig) return null;
      const reason = globalConfigError != null ? globalConfigError : "<nil>";
      return "parse config failed, no valid rules; global config parse error:" + reason;
    }

    for (let i = 0; i < rules.length; i++) {
      const ruleJson = rules[i];
      const rule = RuleConfig.fromMatchConditions<T>(ruleJson, instantiate<T>());
      if (rule == null) return NO_MATCH_CONDITION_ERROR;
      const error = this.parseRule<C>(context, ruleJson, rule.config, parsePluginConfig, parseOverrideConfig);
      if (error == null) {
        if (ruleLevelIsolation) storeRuleBackup(rule.hashKey(), ruleJson.raw());
        this.ruleConfigs.push(rule);
        continue;
      }
      if (!ruleLevelIsolation) return error;
      if (this.restoreRule<C>(context, ruleJson, rule, error, parsePluginConfig, parseOverrideConfig)) {
        this.ruleConfigs.push(rule);
      }
    }
    // Without isolation every rule either parsed or returned its error, so an empty list means isolation
    // skipped them all (Go's "no valid rules parsed" branch cannot be reached either).
    if (this.ruleConfigs.length > 0) return null;
    return "all rules failed to parse and no previous successful config available";
  }

  /** The config for one request (Go's `GetMatchConfig`): the first matching rule's, else the global one, else null. */
  getMatchConfig(authority: string, routeName: string, clusterName: string): T | null {
    const rules = this.ruleConfigs;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (matches(rule, authority, routeName, clusterName)) return rule.config;
    }
    return this.hasGlobalConfig ? this.globalConfig : null;
  }

  private parseRule<C>(
    context: C,
    json: JsonValue,
    config: T,
    parsePluginConfig: ParseConfigFunc<C, T>,
    parseOverrideConfig: ParseOverrideConfigFunc<C, T> | null,
  ): string | null {
    if (parseOverrideConfig != null) return parseOverrideConfig(context, json, this.globalConfig, config);
    return parsePluginConfig(context, json, config);
  }

  /** Rule-level isolation: parses the rule's last good JSON into a fresh config; whether that worked. */
  private restoreRule<C>(
    context: C,
    ruleJson: JsonValue,
    rule: RuleConfig<T>,
    error: string,
    parsePluginConfig: ParseConfigFunc<C, T>,
    parseOverrideConfig: ParseOverrideConfigFunc<C, T> | null,
  ): bool {
    const warnings = this.isolationWarnings;
    const raw = ruleJson.raw();
    warnings.push("parse rule config failed for rule " + raw + ": " + error + ", trying to load from backup");
    const backup = loadRuleBackup(rule.hashKey());
    if (backup != null) {
      rule.config = instantiate<T>();
      const backupJson = JsonValue.parse(backup).value;
      const backupError = this.parseRule<C>(context, backupJson, rule.config, parsePluginConfig, parseOverrideConfig);
      if (backupError == null) return true;
      warnings.push("failed to parse backup rule config: " + backupError);
    }
    warnings.push("failed to load rule from backup, skipping rule: " + raw);
    return false;
  }
}

function matches<T>(rule: RuleConfig<T>, authority: string, routeName: string, clusterName: string): bool {
  switch (rule.category) {
    case Category.Host: return hostMatch(rule.hosts, authority);
    case Category.Route: return rule.routes.includes(routeName);
    case Category.Service: return serviceMatch(rule.services, clusterName);
    case Category.RouteAndService: return rule.routes.includes(routeName) && serviceMatch(rule.services, clusterName);
    default: {
      const prefixes = rule.routePrefixes;
      for (let i = 0; i < prefixes.length; i++) {
        if (routeName.startsWith(prefixes[i])) return true;
      }
      return false;
    }
  }
}
