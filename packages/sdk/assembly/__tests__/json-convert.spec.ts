import { JsonValue } from "../json";

function value(json: string): JsonValue {
  return JsonValue.parse(json).value;
}

describe("string() as gjson String", () => {
  it("converts every kind", () => {
    expect(value('"a\\tb"').string()).toBe("a\tb");
    expect(value("true").string()).toBe("true");
    expect(value("false").string()).toBe("false");
    expect(value("null").string()).toBe("");
    expect(JsonValue.missing().string()).toBe("");
    expect(value('{"a": [1, 2]}').string()).toBe('{"a": [1, 2]}');
  });

  it("prints integers as written and other numbers in plain shortest decimal", () => {
    expect(value("42").string()).toBe("42");
    expect(value("-0").string()).toBe("-0");
    expect(value("12345678901234567890123").string()).toBe("12345678901234567890123");
    expect(value("1.50").string()).toBe("1.5");
    expect(value("2.0").string()).toBe("2");
    expect(value("1e3").string()).toBe("1000");
    expect(value("-2.5E+3").string()).toBe("-2500");
    expect(value("1.5e-7").string()).toBe("0.00000015");
    expect(value("1e21").string()).toBe("1000000000000000000000");
    expect(value("1.5e22").string()).toBe("15000000000000000000000");
    expect(value("0.1").string()).toBe("0.1");
  });

  it("prints Go's shortest digits where Grisu would not, and the extremes in full", () => {
    expect(value("1.25e22").string()).toBe("12500000000000000000000");
    expect(value("-0.0").string()).toBe("-0");
    expect(value("0.30000000000000004").string()).toBe("0.30000000000000004");
    expect(value("123456789.123456789").string()).toBe("123456789.12345679");
    expect(value("179.020904541015625").string()).toBe("179.02090454101562");
    expect(value("5e-324").string()).toBe("0." + "0".repeat(323) + "5");
    expect(value("-1.7976931348623157e308").string()).toBe("-17976931348623157" + "0".repeat(292));
  });
});

describe("int() as gjson Int", () => {
  it("reads numbers, truncating toward zero and exact on 64 bits", () => {
    expect(value("42").int()).toBe(42);
    expect(value("-7").int()).toBe(-7);
    expect(value("4.9").int()).toBe(4);
    expect(value("-4.9").int()).toBe(-4);
    expect(value("1e3").int()).toBe(1000);
    expect(value("9223372036854775807").int()).toBe(i64.MAX_VALUE);
    expect(value("-9223372036854775808").int()).toBe(i64.MIN_VALUE);
    expect(value("9007199254740993").int()).toBe(9007199254740993);
    expect(value("1e300").int()).toBe(i64.MAX_VALUE);
    expect(value("-1e300").int()).toBe(i64.MIN_VALUE);
  });

  it("reads strings of digits only", () => {
    expect(value('"123"').int()).toBe(123);
    expect(value('"-123"').int()).toBe(-123);
    expect(value('"1.5"').int()).toBe(0);
    expect(value('" 1"').int()).toBe(0);
    expect(value('""').int()).toBe(0);
    expect(value('"-"').int()).toBe(0);
  });

  it("maps true to 1 and everything else to 0", () => {
    expect(value("true").int()).toBe(1);
    expect(value("false").int()).toBe(0);
    expect(value("null").int()).toBe(0);
    expect(value("[1]").int()).toBe(0);
    expect(JsonValue.missing().int()).toBe(0);
  });
});

describe("float() as gjson Float", () => {
  it("converts every kind", () => {
    expect(value("1.5").float()).toBe(1.5);
    expect(value("-2e-3").float()).toBe(-0.002);
    expect(value('"2.5"').float()).toBe(2.5);
    expect(value('"+2.5"').float()).toBe(2.5);
    expect(value('"2.5x"').float()).toBe(0);
    expect(value('"abc"').float()).toBe(0);
    expect(value("true").float()).toBe(1);
    expect(value("false").float()).toBe(0);
    expect(value("{}").float()).toBe(0);
    expect(JsonValue.missing().float()).toBe(0);
  });
});

describe("bool() as gjson Bool", () => {
  it("is true for true, non-zero numbers and the strings true/t/1 in any case", () => {
    const truthy = ["true", "1", "-0.5", "1e3", "0.001", "100e-2", "1e-323", "5e+99999", "0.1e0001", "1e-00000000001", '"true"', '"TRUE"', '"True"', '"t"', '"T"', '"1"'];
    for (let i = 0; i < truthy.length; i++) expect(value(truthy[i]).bool()).toBe(true, truthy[i]);
  });

  it("is false for everything else", () => {
    const falsy = ["false", "0", "-0", "0.0", "0e5", "-0.000E-3", "1e-324", "1e-99999", "null", '"false"', '"yes"', '"0"', '""', '"2"', "{}", "[true]"];
    for (let i = 0; i < falsy.length; i++) expect(value(falsy[i]).bool()).toBe(false, falsy[i]);
    expect(JsonValue.missing().bool()).toBe(false);
  });
});

const config = value('{"name":"x","timeout":0,"ratio":0.5,"on":false,"off":null}');

describe("defaults: stringOr / intOr / floatOr / boolOr", () => {
  it("use the fallback for missing values and null", () => {
    expect(config.get("nope").stringOr("dflt")).toBe("dflt");
    expect(config.get("off").stringOr("dflt")).toBe("dflt");
    expect(config.get("nope").intOr(1000)).toBe(1000);
    expect(config.get("nope").floatOr(0.25)).toBe(0.25);
    expect(config.get("nope").boolOr(true)).toBe(true);
  });

  it("use the value when present, even a zero one", () => {
    expect(config.get("name").stringOr("dflt")).toBe("x");
    expect(config.get("timeout").intOr(1000)).toBe(0);
    expect(config.get("ratio").floatOr(0.25)).toBe(0.5);
    expect(config.get("on").boolOr(true)).toBe(false);
  });
});

describe("number precision", () => {
  it("rounds config-sized numbers correctly", () => {
    expect(value("1.25e22").float()).toBe(1.25e22);
    expect(value("0.1").float()).toBe(0.1);
    expect(value("3.141592653589793").float()).toBe(3.141592653589793);
    expect(value("-1e-22").float()).toBe(-1e-22);
    expect(value("9007199254740993").float()).toBe(9007199254740992);
  });

  it("still reads numbers outside the fast path", () => {
    expect(value("1e300").float()).toBe(1e300);
    expect(value("1e400").float()).toBe(Infinity);
    expect(value("1e-400").float()).toBe(0);
    expect(value("1e+99999").float()).toBe(Infinity);
  });

  it("rounds every text correctly: long digit strings, halfway points, subnormals", () => {
    // The point halfway between 1 and the next double rounds to even (1); a digit more above it rounds up.
    expect(value("1.00000000000000011102230246251565404236316680908203125").float()).toBe(1.0);
    expect(value("1.000000000000000111022302462515654042363166809082031251").float()).toBe(1.0000000000000002);
    expect(value("2.2250738585072011e-308").float()).toBe(2.225073858507201e-308);
    expect(value("2.4703282292062328e-324").float()).toBe(5e-324);
    expect(value("2.4703282292062327e-324").float()).toBe(0);
    expect(value("1.7976931348623158e308").float()).toBe(1.7976931348623157e308);
    expect(value("1.7976931348623159e308").float()).toBe(Infinity);
    expect(value("8.988465674311579e307").float()).toBe(8.988465674311579e307);
    expect(value('"9007199254740993.000000000000000000001"').float()).toBe(9007199254740994);
  });
});

describe("stringAsWritten", () => {
  it("is string() for everything but non-integer numbers, which keep their text", () => {
    expect(value('"a\\u0062"').stringAsWritten()).toBe("ab");
    expect(value("true").stringAsWritten()).toBe("true");
    expect(value("false").stringAsWritten()).toBe("false");
    expect(value("null").stringAsWritten()).toBe("");
    expect(value('{"a": [1]}').stringAsWritten()).toBe('{"a": [1]}');
    expect(value("-42").stringAsWritten()).toBe("-42");
    expect(value("1e3").stringAsWritten()).toBe("1e3");
    expect(value("1e3").string()).toBe("1000");
    expect(value("1.50").stringAsWritten()).toBe("1.50");
    expect(JsonValue.missing().stringAsWritten()).toBe("");
  });
});
