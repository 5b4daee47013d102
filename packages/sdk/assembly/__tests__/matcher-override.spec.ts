import { JsonValue } from "../json";
import { Category, RuleMatcher } from "../matcher";

/** The Go tests' `completeConfig`: `consumers` is global, `allow` per rule. */
class CompleteConfig {
  consumers: string[] = [];
  allow: string[] = [];
}

const SAME_LEVEL_ERROR = "consumers and allow should not be configured at the same level";

function strings(json: JsonValue): string[] {
  const items = json.array();
  const result = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) result[i] = items[i].string();
  return result;
}

function parseGlobalConfig(context: i32, json: JsonValue, global: CompleteConfig): string | null {
  if (json.get("consumers").exists() && json.get("allow").exists()) return SAME_LEVEL_ERROR;
  global.consumers = strings(json.get("consumers"));
  return null;
}

function parseOverrideRuleConfig(context: i32, json: JsonValue, global: CompleteConfig, config: CompleteConfig): string | null {
  if (json.get("consumers").exists() && json.get("allow").exists()) return SAME_LEVEL_ERROR;
  config.consumers = global.consumers;
  config.allow = strings(json.get("allow"));
  return null;
}

function parse(matcher: RuleMatcher<CompleteConfig>, text: string): string | null {
  return matcher.parseRuleConfig<i32>(0, JsonValue.parse(text).value, parseGlobalConfig, parseOverrideRuleConfig);
}

describe("parseRuleConfig with an override parser (Go test vectors)", () => {
  it("override rule config", () => {
    const m = new RuleMatcher<CompleteConfig>();
    expect(parse(m, '{"consumers":["c1","c2","c3"],"_rules_":[{"_match_route_":["r1","r2"],"allow":["c1","c3"]}]}')).toBeNull();
    expect(m.hasGlobalConfig).toBe(true);
    expect(m.globalConfig.consumers.join(",")).toBe("c1,c2,c3");
    expect(m.globalConfig.allow.length).toBe(0);
    expect(m.ruleConfigs.length).toBe(1);
    const rule = m.ruleConfigs[0];
    expect(rule.category).toBe(Category.Route);
    expect(rule.routes.length).toBe(2);
    expect(rule.config.consumers.join(",")).toBe("c1,c2,c3");
    expect(rule.config.allow.join(",")).toBe("c1,c3");
  });

  it("invalid global config without rules", () => {
    const m = new RuleMatcher<CompleteConfig>();
    expect(parse(m, '{"consumers":["c1","c2","c3"],"allow":["c1"]}'))
      .toBe("parse config failed, no valid rules; global config parse error:" + SAME_LEVEL_ERROR);
  });

  it("invalid rule config", () => {
    const m = new RuleMatcher<CompleteConfig>();
    expect(parse(m, '{"_rules_":[{"_match_route_":["r1","r2"],"consumers":["c1","c2"],"allow":["c1"]}]}')).toBe(SAME_LEVEL_ERROR);
  });
});

describe("global config failures with rules", () => {
  it("start with the rules only: unmatched requests are skipped", () => {
    const m = new RuleMatcher<CompleteConfig>();
    expect(parse(m, '{"consumers":["c1"],"allow":["x"],"_rules_":[{"_match_route_":["r1"],"allow":["c1"]}]}')).toBeNull();
    expect(m.hasGlobalConfig).toBe(false);
    expect(m.getMatchConfig("h", "other", "") == null).toBe(true);
    expect(m.getMatchConfig("h", "r1", "")!.allow.join(",")).toBe("c1");
  });

  it("reset the matcher when it parses a new configuration", () => {
    const m = new RuleMatcher<CompleteConfig>();
    expect(parse(m, '{"consumers":["c1"]}')).toBeNull();
    expect(parse(m, '{"_rules_":[{"_match_route_":["r1"],"allow":["c1"]}]}')).toBeNull();
    expect(m.hasGlobalConfig).toBe(false);
    expect(m.globalConfig.consumers.length).toBe(0);
    expect(m.ruleConfigs.length).toBe(1);
  });
});
