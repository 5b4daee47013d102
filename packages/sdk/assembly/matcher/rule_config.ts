import { JsonValue } from "../json";
import { Category } from "./category";
import { HostMatcher } from "./host_matcher";
import { MATCH_DOMAIN_KEY, MATCH_ROUTE_KEY, MATCH_ROUTE_PREFIX_KEY, MATCH_SERVICE_KEY } from "./keys";
import { ServiceMatcher } from "./service_matcher";

/** One entry of `_rules_`: its match conditions and its parsed plugin config. */
export class RuleConfig<T> {
  /** The condition the rule matches on. */
  category: Category = Category.Route;
  /** `_match_route_`: route names, matched exactly; without duplicates, in config order. */
  readonly routes: string[] = [];
  /** `_match_domain_`, in config order. */
  readonly hosts: HostMatcher[] = [];
  /** `_match_service_`, without duplicates, in config order. */
  readonly services: ServiceMatcher[] = [];
  /** `_match_route_prefix_`, without duplicates, in config order. */
  readonly routePrefixes: string[] = [];

  constructor(
    /** The rule's plugin config, filled by the caller's parse function. */
    public config: T,
  ) {}

  /**
   * Reads the match conditions of a rule (each key may hold an array or a single string; empty route, service and
   * prefix entries are ignored) and decides its category; null when the rule has none.
   */
  static fromMatchConditions<T>(rule: JsonValue, config: T): RuleConfig<T> | null {
    const result = new RuleConfig<T>(config);
    const routes = distinctNonEmpty(rule.get(MATCH_ROUTE_KEY));
    for (let i = 0; i < routes.length; i++) result.routes.push(routes[i]);
    const domains = rule.get(MATCH_DOMAIN_KEY).array();
    for (let i = 0; i < domains.length; i++) result.hosts.push(HostMatcher.parse(domains[i].stringAsWritten()));
    const services = distinctNonEmpty(rule.get(MATCH_SERVICE_KEY));
    for (let i = 0; i < services.length; i++) result.services.push(new ServiceMatcher(services[i]));
    const prefixes = distinctNonEmpty(rule.get(MATCH_ROUTE_PREFIX_KEY));
    for (let i = 0; i < prefixes.length; i++) result.routePrefixes.push(prefixes[i]);

    const hasRoute = result.routes.length > 0;
    const hasService = result.services.length > 0;
    if (hasRoute) result.category = hasService ? Category.RouteAndService : Category.Route;
    else if (result.hosts.length > 0) result.category = Category.Host;
    else if (hasService) result.category = Category.Service;
    else if (result.routePrefixes.length > 0) result.category = Category.RoutePrefix;
    else return null;
    return result;
  }

  /**
   * The key under which rule-level isolation keeps this rule's last good JSON: the category and the sorted match
   * conditions, `cat:<n>|routes:<a,b>|services:<…>|prefixes:<…>|hosts:<type:host,…>` (empty parts left out).
   */
  hashKey(): string {
    const parts = ["cat:" + digit(this.category)];
    appendSorted(parts, "routes:", this.routes);
    const services = new Array<string>(this.services.length);
    for (let i = 0; i < services.length; i++) services[i] = this.services[i].service;
    appendSorted(parts, "services:", services);
    appendSorted(parts, "prefixes:", this.routePrefixes);
    const hosts = new Array<string>(this.hosts.length);
    for (let i = 0; i < hosts.length; i++) hosts[i] = digit(this.hosts[i].matchType) + ":" + this.hosts[i].host;
    appendSorted(parts, "hosts:", hosts);
    return parts.join("|");
  }
}

// Match conditions are a handful of short strings: lists searched and sorted in place beat a Set and Array#sort,
// which would link hashing and a 1 KB TimSort into every plugin.

/** The non-empty entries of a match condition (an array or a single string), first occurrences in config order. */
function distinctNonEmpty(list: JsonValue): string[] {
  const result = new Array<string>();
  const items = list.array();
  for (let i = 0; i < items.length; i++) {
    const item = items[i].stringAsWritten();
    if (item.length > 0 && !result.includes(item)) result.push(item);
  }
  return result;
}

/** Appends `label` and a sorted copy of the items (by UTF-16 code units), comma-joined, unless there are none. */
function appendSorted(parts: string[], label: string, items: string[]): void {
  if (items.length == 0) return;
  const sorted = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    // Insertion: move the larger ones already placed up by one.
    const item = items[i];
    let j = i;
    for (; j > 0 && sorted[j - 1] > item; j--) sorted[j] = sorted[j - 1];
    sorted[j] = item;
  }
  parts.push(label + sorted.join(","));
}

/** The decimal digit of an enum value below 10, without linking integer printing. */
function digit(value: i32): string {
  return String.fromCharCode(0x30 + value);
}
