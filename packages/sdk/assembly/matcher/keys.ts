// The config keys of rule matching, as Higress's control plane writes them (Go: pkg/matcher constants).

/** The list of rules, each a config object plus match conditions. */
// @ts-ignore: decorator
@lazy export const RULES_KEY = "_rules_";
/** Higress route names (`namespace/name`) a rule applies to, matched exactly against `route_name`. */
// @ts-ignore: decorator
@lazy export const MATCH_ROUTE_KEY = "_match_route_";
/** Domains a rule applies to: exact, `*.suffix` or `prefix.*`, matched against `:authority` without port. */
// @ts-ignore: decorator
@lazy export const MATCH_DOMAIN_KEY = "_match_domain_";
/** Services a rule applies to, `fqdn` or `fqdn:port`, matched against Envoy's `cluster_name`. */
// @ts-ignore: decorator
@lazy export const MATCH_SERVICE_KEY = "_match_service_";
/** Route name prefixes a rule applies to. */
// @ts-ignore: decorator
@lazy export const MATCH_ROUTE_PREFIX_KEY = "_match_route_prefix_";
