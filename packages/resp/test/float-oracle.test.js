// The exact float writer and reader against V8's, which are exact too (ECMAScript asks for the shortest digits that
// read back, the closest when several, and correctly rounded reading): the digits must agree on every double, and
// reading must agree on random, long and halfway decimal texts. Go's layout ('g' with exponent at -5 and 6, two
// exponent digits; 'f') is built here from V8's digits.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { compileWithBindings } from "./compile-bindings.js";

let floats;

before(async () => {
  floats = await compileWithBindings("test/oracle/floats.ts", "floats");
});

/** xorshift64: the same doubles on every run. */
let state = 0x9e3779b97f4a7c15n;
function next64() {
  state ^= (state << 13n) & 0xffffffffffffffffn;
  state ^= state >> 7n;
  state ^= (state << 17n) & 0xffffffffffffffffn;
  return state;
}
const view = new DataView(new ArrayBuffer(8));
function doubleOf(bits) {
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}
function bitsOf(value) {
  view.setFloat64(0, value);
  return view.getBigUint64(0);
}
function below(n) {
  return Number(next64() % BigInt(n));
}

/** A finite double: any bit pattern, or one of small magnitude, near 1, subnormal or near the largest. */
function randomDouble() {
  const bits = next64();
  switch (below(5)) {
    case 0: return doubleOf(bits & 0x000fffffffffffffn); // subnormal
    case 1: return doubleOf((bits & 0x800fffffffffffffn) | (BigInt(1023 + below(80) - 40) << 52n));
    case 2: return doubleOf((bits & 0x800fffffffffffffn) | (BigInt(2046 - below(3)) << 52n));
    case 3: return Math.round(doubleOf(bits) % 1e9) / 10 ** below(12);
    default: {
      const value = doubleOf(bits);
      return Number.isFinite(value) ? value : 1.5;
    }
  }
}

/** V8's shortest digits of a finite nonzero magnitude and the decimal point position: value = 0.digits × 10^point. */
function shortest(value) {
  const [mantissa, exponent] = Math.abs(value).toExponential().split("e");
  return { digits: mantissa.replace(".", ""), point: Number(exponent) + 1 };
}

/** Go's strconv.FormatFloat(value, fixed ? 'f' : 'g', -1, 64), built from V8's digits. */
function goFormat(value, fixed) {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  const sign = Object.is(value, -0) || value < 0 ? "-" : "";
  if (value === 0) return sign + "0";
  const { digits, point } = shortest(value);
  const exponent = point - 1;
  if (!fixed && (exponent < -4 || exponent >= 6)) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${magnitude}`;
  }
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The exact decimal text of the point halfway between the positive finite double with `bits` and the next one up. */
function midpointAbove(bits) {
  const field = Number(bits >> 52n);
  const fraction = bits & 0xfffffffffffffn;
  const significand = field === 0 ? fraction : fraction | 0x10000000000000n;
  const twos = (field === 0 ? 1 : field) - 1075 - 1; // midpoint = (2 × significand + 1) × 2^twos
  const odd = 2n * significand + 1n;
  if (twos >= 0) return String(odd << BigInt(twos));
  const scaled = String(odd * 5n ** BigInt(-twos)).padStart(-twos + 1, "0");
  return `${scaled.slice(0, scaled.length + twos)}.${scaled.slice(scaled.length + twos)}`;
}

describe("Go float text against V8's exact conversions", () => {
  it("writes 100,000 random doubles with V8's shortest digits, in Go's 'g' and 'f' layouts", () => {
    const fixed = [
      1e21, 1.25e22, 123456789012345680000, 5e-324, -0, 0.1, 1e-7, 1.7976931348623157e308, -2.2250738585072014e-308,
    ];
    for (const value of fixed) assert.equal(floats.format(value, true), goFormat(value, true), String(value));
    assert.equal(floats.format(1.25e22, true), "12500000000000000000000");
    let longestFixed = 0;
    for (let round = 0; round < 100_000; round++) {
      const value = randomDouble();
      assert.equal(floats.format(value, false), goFormat(value, false), String(value));
      const text = floats.format(value, true);
      assert.equal(text, goFormat(value, true), String(value));
      longestFixed = Math.max(longestFixed, text.length);
    }
    assert.ok(longestFixed <= 327, `fixed text of ${longestFixed} bytes`);
    assert.equal(floats.format(-5e-324, true).length, 327);
  });

  it("reads 100,000 random texts as V8 does: short and long digits, any exponent, every double it writes", () => {
    for (let round = 0; round < 100_000; round++) {
      let text;
      switch (below(3)) {
        case 0: text = floats.format(randomDouble(), false); break;
        case 1: {
          let digits = "";
          for (let n = 1 + below(below(2) === 0 ? 20 : 900); n > 0; n--) digits += below(10);
          const dot = below(digits.length + 1);
          text = `${digits.slice(0, dot)}.${digits.slice(dot)}e${below(700) - 350 - dot}`;
          break;
        }
        default: text = (below(2) === 0 ? "-" : "") + below(1e9) + "e" + (below(660) - 340);
      }
      const expected = Number(text);
      assert.equal(bitsOf(floats.parse(text)), bitsOf(expected), text);
    }
  });

  it("reads 20,000 exact halfway points (and a hair either side) to even, as V8 does", () => {
    for (let round = 0; round < 20_000; round++) {
      const bits = bitsOf(randomDouble()) & 0x7fffffffffffffffn;
      if (bits >= 0x7fefffffffffffffn) continue;
      const midpoint = midpointAbove(bits);
      const sides = [midpoint, `${midpoint}000000000000000000001`];
      const last = midpoint.length - 1;
      if (!midpoint.includes(".")) sides.push(String(BigInt(midpoint) - 1n));
      else sides.push(midpoint.slice(0, last) + String(Number(midpoint[last]) - 1)); // the last digit is 5
      for (const text of sides) assert.equal(bitsOf(floats.parse(text)), bitsOf(Number(text)), text);
    }
  });
});
