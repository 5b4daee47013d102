import { JsonValue } from "../json";
import { Category, MatchType, NO_MATCH_CONDITION_ERROR, RuleMatcher } from "../matcher";

/** The Go tests' `customConfig`. */
class CustomConfig {
  name: string = "";
  age: i64 = 0;
}

/** Stands in for the SDK's plugin context: the parse functions reach it only through their argument. */
class TestContext {
  parsed: i32 = 0;
}

function parseConfig(context: TestContext, json: JsonValue, config: CustomConfig): string | null {
  context.parsed++;
  config.name = json.get("name").string();
  config.age = json.get("age").int();
  return null;
}

function keepMatchRoute(context: TestContext, json: JsonValue, config: CustomConfig): string | null {
  config.name = json.get("_match_route_").raw();
  return null;
}

function parse(text: string, context: TestContext = new TestContext()): RuleMatcher<CustomConfig> {
  const matcher = new RuleMatcher<CustomConfig>();
  const error = matcher.parseRuleConfig<TestContext>(context, JsonValue.parse(text).value, parseConfig);
  expect(error).toBeNull(text);
  return matcher;
}

function parseError(text: string): string {
  const matcher = new RuleMatcher<CustomConfig>();
  const error = matcher.parseRuleConfig<TestContext>(new TestContext(), JsonValue.parse(text).value, parseConfig);
  expect(error).not.toBeNull(text);
  return error!;
}

function nameFor(matcher: RuleMatcher<CustomConfig>, authority: string, route: string, cluster: string): string {
  const config = matcher.getMatchConfig(authority, route, cluster);
  return config == null ? "<none>" : config.name;
}

const RULES =
  '{"_rules_":[{"_match_domain_":["*.example.com","www.*","*","www.abc.com"],"name":"john", "age":18},' +
  '{"_match_route_":["test1","test2"],"name":"ann", "age":16},' +
  '{"_match_service_":["test1.dns","test2.static:8080"],"name":"ann", "age":16},' +
  '{"_match_route_prefix_":["api1","api2"],"name":"ann", "age":16}]}';

describe("parseRuleConfig (Go test vectors)", () => {
  it("global config", () => {
    const m = parse('{"name":"john", "age":18}');
    expect(m.hasGlobalConfig).toBe(true);
    expect(m.globalConfig.name).toBe("john");
    expect(m.globalConfig.age).toBe(18);
    expect(m.ruleConfigs.length).toBe(0);
  });

  it("rules config", () => {
    const m = parse(RULES);
    expect(m.hasGlobalConfig).toBe(false);
    expect(m.ruleConfigs.length).toBe(4);

    const host = m.ruleConfigs[0];
    expect(host.category).toBe(Category.Host);
    expect(host.hosts.length).toBe(4);
    expect(host.hosts[0].matchType).toBe(MatchType.Suffix);
    expect(host.hosts[0].host).toBe(".example.com");
    expect(host.hosts[1].matchType).toBe(MatchType.Prefix);
    expect(host.hosts[1].host).toBe("www.");
    expect(host.hosts[2].matchType).toBe(MatchType.Suffix);
    expect(host.hosts[2].host).toBe("");
    expect(host.hosts[3].matchType).toBe(MatchType.Exact);
    expect(host.hosts[3].host).toBe("www.abc.com");
    expect(host.routes.length).toBe(0);
    expect(host.services.length).toBe(0);
    expect(host.routePrefixes.length).toBe(0);
    expect(host.config.name).toBe("john");
    expect(host.config.age).toBe(18);

    const route = m.ruleConfigs[1];
    expect(route.category).toBe(Category.Route);
    expect(route.routes.length).toBe(2);
    expect(route.routes.includes("test1")).toBe(true);
    expect(route.routes.includes("test2")).toBe(true);
    expect(route.config.name).toBe("ann");
    expect(route.config.age).toBe(16);

    const service = m.ruleConfigs[2];
    expect(service.category).toBe(Category.Service);
    expect(service.services.length).toBe(2);
    expect(service.services[0].service).toBe("test1.dns");
    expect(service.services[1].service).toBe("test2.static:8080");

    const prefix = m.ruleConfigs[3];
    expect(prefix.category).toBe(Category.RoutePrefix);
    expect(prefix.routePrefixes.length).toBe(2);
    expect(prefix.routePrefixes[0]).toBe("api1");
    expect(prefix.routePrefixes[1]).toBe("api2");
  });

  it("no rule", () => {
    expect(parseError('{"_rules_":[]}')).toBe("parse config failed, no valid rules; global config parse error:<nil>");
  });

  it("invalid rule", () => {
    expect(parseError('{"_rules_":[{"age":16}]}')).toBe(NO_MATCH_CONDITION_ERROR);
    expect(NO_MATCH_CONDITION_ERROR).toBe(
      "there is at least one of  '_match_route_', '_match_domain_', '_match_service_' and '_match_route_prefix_' can present in configuration.",
    );
  });
});

describe("parseRuleConfig details", () => {
  it("treats an empty or missing config as a global config for every request", () => {
    const context = new TestContext();
    const empty = parse("{}", context);
    expect(empty.hasGlobalConfig).toBe(true);
    expect(context.parsed).toBe(1);
    expect(nameFor(empty, "any", "", "")).toBe("");
    const missing = new RuleMatcher<CustomConfig>();
    expect(missing.parseRuleConfig<TestContext>(context, JsonValue.missing(), parseConfig)).toBeNull();
    expect(missing.hasGlobalConfig).toBe(true);
    expect(context.parsed).toBe(2);
  });

  it("parses the whole object, _rules_ included, as the global config", () => {
    const m = parse('{"name":"global","_rules_":[{"_match_route_":["r"],"name":"rule"}]}');
    expect(m.hasGlobalConfig).toBe(true);
    expect(m.globalConfig.name).toBe("global");
    expect(m.ruleConfigs[0].config.name).toBe("rule");
  });

  it("reads _rules_ as Go's map does: the last repeated _rules_ counts, only other keys make a global", () => {
    const m = parse(
      '{"_rules_":[{"_match_route_":["a"]}],"_rules_":[{"_match_route_":["b"]},{"_match_route_":["c"]}]}',
    );
    expect(m.hasGlobalConfig).toBe(false);
    expect(m.ruleConfigs.length).toBe(2);
    expect(m.ruleConfigs[0].routes[0]).toBe("b");
    expect(parseError('{"_rules_":[{"_match_route_":["a"]}],"_rules_":[]}')).toBe(
      "parse config failed, no valid rules; global config parse error:<nil>",
    );
    const escaped = parse('{"_rules\\u005f":[{"_match_route_":["r"]}]}');
    expect(escaped.hasGlobalConfig).toBe(false);
    expect(escaped.ruleConfigs.length).toBe(1);
  });

  it("does not let a rule inherit global fields without an override parser", () => {
    const m = parse('{"name":"global","age":40,"_rules_":[{"_match_route_":["r"],"name":"rule"}]}');
    expect(m.ruleConfigs[0].config.age).toBe(0);
  });

  it("ignores empty route, service and prefix entries and accepts a single string", () => {
    expect(parseError('{"_rules_":[{"_match_route_":[""],"_match_service_":[""],"_match_route_prefix_":[""]}]}'))
      .toBe(NO_MATCH_CONDITION_ERROR);
    const m = parse('{"_rules_":[{"_match_route_":"solo","name":"s"}]}');
    expect(m.ruleConfigs[0].routes.includes("solo")).toBe(true);
  });

  it("picks the category route+service, then host, then service, then prefix", () => {
    const m = parse(
      '{"_rules_":[{"_match_route_":["r"],"_match_service_":["s.dns"],"_match_domain_":["h"]},' +
      '{"_match_domain_":["h"],"_match_service_":["s.dns"],"_match_route_prefix_":["p"]},' +
      '{"_match_service_":["s.dns"],"_match_route_prefix_":["p"]},{"_match_route_":["r"],"_match_domain_":["h"]}]}',
    );
    expect(m.ruleConfigs[0].category).toBe(Category.RouteAndService);
    expect(m.ruleConfigs[1].category).toBe(Category.Host);
    expect(m.ruleConfigs[2].category).toBe(Category.Service);
    expect(m.ruleConfigs[3].category).toBe(Category.Route);
  });

  it("hands the rule's JSON, match keys included, to the parser", () => {
    const m = new RuleMatcher<CustomConfig>();
    const json = JsonValue.parse('{"_rules_":[{"_match_route_":["r"],"name":"n"}]}').value;
    expect(m.parseRuleConfig<TestContext>(new TestContext(), json, keepMatchRoute)).toBeNull();
    expect(m.ruleConfigs[0].config.name).toBe('["r"]');
  });

  it("builds the isolation hash key from sorted conditions", () => {
    const m = parse(
      '{"_rules_":[{"_match_route_":["b","a"],"_match_service_":["y.dns","x.dns:80"]},' +
      '{"_match_domain_":["www.*","*.z.com","exact.com"]},{"_match_route_prefix_":["p2","p1"]},' +
      '{"_match_route_":["r3","r10","R","","r1","r3"]}]}',
    );
    expect(m.ruleConfigs[0].hashKey()).toBe("cat:4|routes:a,b|services:x.dns:80,y.dns");
    expect(m.ruleConfigs[1].hashKey()).toBe("cat:1|hosts:0:www.,1:exact.com,2:.z.com");
    expect(m.ruleConfigs[2].hashKey()).toBe("cat:3|prefixes:p1,p2");
    expect(m.ruleConfigs[3].hashKey()).toBe("cat:0|routes:R,r1,r10,r3");
    expect(m.ruleConfigs[3].routes.join(",")).toBe("r3,r10,R,r1");
  });
});

describe("getMatchConfig", () => {
  it("picks rules by host, route, service and route prefix, first match wins", () => {
    const m = parse(
      '{"name":"global","_rules_":[{"_match_route_":["default/foo"],"name":"route"},' +
      '{"_match_domain_":["*.example.com","www.*"],"name":"domain"},' +
      '{"_match_service_":["qwen.dns:443"],"name":"service"},' +
      '{"_match_route_":["default/bar"],"_match_service_":["httpbin.dns"],"name":"route+service"},' +
      '{"_match_route_prefix_":["api-"],"name":"prefix"},' +
      '{"_match_route_":["default/foo"],"name":"shadowed"}]}',
    );
    expect(nameFor(m, "a.example.com", "default/foo", "")).toBe("route");
    expect(nameFor(m, "a.example.com:8080", "other", "")).toBe("domain");
    expect(nameFor(m, "www.test.com", "", "")).toBe("domain");
    expect(nameFor(m, "example.com", "", "outbound|443||qwen.dns")).toBe("service");
    expect(nameFor(m, "h", "default/bar", "outbound|80||httpbin.dns")).toBe("route+service");
    expect(nameFor(m, "h", "default/bar", "outbound|80||other.dns")).toBe("global");
    expect(nameFor(m, "h", "api-users", "")).toBe("prefix");
    expect(nameFor(m, "h", "xapi-users", "")).toBe("global");
  });

  it("returns null when nothing matches and there is no global config", () => {
    const m = parse(RULES);
    expect(nameFor(m, "anything", "", "")).toBe("john");
    const routeOnly = parse('{"_rules_":[{"_match_route_":["r"],"name":"r"}]}');
    expect(nameFor(routeOnly, "h", "other", "")).toBe("<none>");
    expect(nameFor(routeOnly, "h", "r", "")).toBe("r");
  });

  it("checks each rule on its own category only (not services on every rule, as an old Go version did)", () => {
    const m = parse('{"_rules_":[{"_match_domain_":["a.com"],"name":"d"},{"_match_service_":["s.dns"],"name":"s"}]}');
    expect(nameFor(m, "b.com", "", "outbound|80||s.dns")).toBe("s");
    expect(nameFor(m, "a.com", "", "outbound|80||other.dns")).toBe("d");
  });
});
