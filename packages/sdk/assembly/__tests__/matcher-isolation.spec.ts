// Rule-level config isolation (Go's EnableRuleLevelConfigIsolation): a rule that fails keeps its last good config.
import { JsonValue } from "../json";
import { RuleMatcher } from "../matcher";

class LimitConfig {
  limit: i64 = 0;
}

function parseLimit(context: string, json: JsonValue, config: LimitConfig): string | null {
  const limit = json.get("limit");
  if (!limit.exists() || limit.int() <= 0) return context + ": limit must be positive";
  config.limit = limit.int();
  return null;
}

function parse(matcher: RuleMatcher<LimitConfig>, text: string, isolation: bool): string | null {
  return matcher.parseRuleConfig<string>("limit", JsonValue.parse(text).value, parseLimit, null, isolation);
}

function limitFor(matcher: RuleMatcher<LimitConfig>, route: string): i64 {
  const config = matcher.getMatchConfig("h", route, "");
  return config == null ? -1 : config.limit;
}

describe("rule-level config isolation", () => {
  it("keeps the last good config of a rule that now fails", () => {
    const m = new RuleMatcher<LimitConfig>();
    expect(parse(m, '{"_rules_":[{"_match_route_":["iso-a"],"limit":10},{"_match_route_":["iso-b"],"limit":20}]}', true)).toBeNull();
    expect(parse(m, '{"_rules_":[{"_match_route_":["iso-a"],"limit":0},{"_match_route_":["iso-b"],"limit":30}]}', true)).toBeNull();
    expect(limitFor(m, "iso-a")).toBe(10);
    expect(limitFor(m, "iso-b")).toBe(30);
    expect(m.isolationWarnings.length).toBe(1);
    expect(m.isolationWarnings[0]).toBe(
      'parse rule config failed for rule {"_match_route_":["iso-a"],"limit":0}: limit: limit must be positive, trying to load from backup',
    );
  });

  it("finds the backup by match conditions, whatever their order", () => {
    const m = new RuleMatcher<LimitConfig>();
    expect(parse(m, '{"_rules_":[{"_match_route_":["iso-c","iso-d"],"limit":5}]}', true)).toBeNull();
    expect(parse(m, '{"_rules_":[{"_match_route_":["iso-d","iso-c"]}]}', true)).toBeNull();
    expect(limitFor(m, "iso-c")).toBe(5);
  });

  it("skips a failing rule without a backup and keeps the others", () => {
    const m = new RuleMatcher<LimitConfig>();
    expect(parse(m, '{"_rules_":[{"_match_route_":["iso-new"],"limit":-1},{"_match_route_":["iso-e"],"limit":7}]}', true)).toBeNull();
    expect(limitFor(m, "iso-new")).toBe(-1);
    expect(limitFor(m, "iso-e")).toBe(7);
    expect(m.isolationWarnings.length).toBe(2);
    expect(m.isolationWarnings[1]).toBe('failed to load rule from backup, skipping rule: {"_match_route_":["iso-new"],"limit":-1}');
  });

  it("fails when every rule fails and none has a backup", () => {
    const m = new RuleMatcher<LimitConfig>();
    expect(parse(m, '{"_rules_":[{"_match_route_":["iso-f"]},{"_match_domain_":["iso.example.com"]}]}', true))
      .toBe("all rules failed to parse and no previous successful config available");
  });

  it("remembers rules only when isolation is on", () => {
    const m = new RuleMatcher<LimitConfig>();
    expect(parse(m, '{"_rules_":[{"_match_route_":["iso-g"],"limit":3}]}', false)).toBeNull();
    expect(parse(m, '{"_rules_":[{"_match_route_":["iso-g"]}]}', true))
      .toBe("all rules failed to parse and no previous successful config available");
  });

  it("is off by default: the first failing rule fails the configuration", () => {
    const m = new RuleMatcher<LimitConfig>();
    expect(parse(m, '{"_rules_":[{"_match_route_":["iso-h"],"limit":1},{"_match_route_":["iso-i"]}]}', false))
      .toBe("limit: limit must be positive");
  });
});
