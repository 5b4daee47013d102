// Rule matching (`_rules_`): parse a plugin configuration into a global config and rules, pick one per request.
export { Category, MatchType } from "./category";
export { HostMatcher, hostEnd, hostMatch } from "./host_matcher";
export {
  MATCH_DOMAIN_KEY, MATCH_ROUTE_KEY, MATCH_ROUTE_PREFIX_KEY, MATCH_SERVICE_KEY, RULES_KEY,
} from "./keys";
export { RuleConfig } from "./rule_config";
export {
  NO_MATCH_CONDITION_ERROR, ParseConfigFunc, ParseOverrideConfigFunc, RuleMatcher,
} from "./rule_matcher";
export { ServiceMatcher, serviceMatch } from "./service_matcher";
