import { Pair } from "@higress-ts/proxy-wasm/assembly";
import { responseStatusCode } from "../assembly/status";

function withStatus(value: string): Pair[] {
  return [Pair.of("content-type", "text/plain"), Pair.of(":status", value)];
}

describe("responseStatusCode", () => {
  it("reads :status wherever it is in the headers", () => {
    expect(responseStatusCode(withStatus("200"))).toBe(200);
    expect(responseStatusCode([Pair.of(":status", "404"), Pair.of("server", "envoy")])).toBe(404);
  });
  it("gives 502 when :status is missing", () => {
    expect(responseStatusCode([Pair.of("server", "envoy")])).toBe(502);
    expect(responseStatusCode([])).toBe(502);
  });
  it("gives 500 when :status is not a number", () => {
    expect(responseStatusCode(withStatus(""))).toBe(500);
    expect(responseStatusCode(withStatus("abc"))).toBe(500);
    expect(responseStatusCode(withStatus(" 200"))).toBe(500);
    expect(responseStatusCode(withStatus("200 OK"))).toBe(500);
    expect(responseStatusCode(withStatus("+"))).toBe(500);
  });
  it("accepts a sign, as strconv.Atoi does", () => {
    expect(responseStatusCode(withStatus("+201"))).toBe(201);
    expect(responseStatusCode(withStatus("-1"))).toBe(-1);
    expect(responseStatusCode(withStatus("007"))).toBe(7);
  });
  it("gives 500 for a number that does not fit an i32", () => {
    expect(responseStatusCode(withStatus("2147483647"))).toBe(2147483647);
    expect(responseStatusCode(withStatus("-2147483648"))).toBe(-2147483648);
    expect(responseStatusCode(withStatus("2147483648"))).toBe(500);
    expect(responseStatusCode(withStatus("99999999999999999999999"))).toBe(500);
  });
});
