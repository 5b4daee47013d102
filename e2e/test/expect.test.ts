import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Expectation } from "../src/case-file.js";
import { jsonMismatches, responseMismatches } from "../src/expect.js";

const expectation = (fields: Partial<Expectation>): Expectation => ({ status: undefined, headers: {}, body: [], json: undefined, ...fields });
const response = { status: 429, headers: { "calltimeleft": "0, -1", "content-type": "text/plain" }, body: "Too many requests\n" };

describe("expectations", () => {
  it("accepts a response that meets every field given", () => {
    const met = expectation({ status: 429, headers: { callTimeLeft: "0, -1", timeStamp: null, "Content-Type": { matches: "^text/" } }, body: ["Too many"] });
    assert.deepEqual(responseMismatches(met, response), []);
  });

  it("reports each departure, then the response itself", () => {
    const unmet = expectation({ status: 200, headers: { callTimeLeft: "0", "content-type": null, timeStamp: { matches: "^\\d+$" } }, body: ["hello"] });
    assert.deepEqual(responseMismatches(unmet, response), [
      "status: expected 200, got 429",
      'header callTimeLeft: expected "0", got "0, -1"',
      'header content-type: expected absent, got "text/plain"',
      "header timeStamp: expected /^\\d+$/, got nothing",
      'body: "hello" not found',
      '(the response: 429 "Too many requests\\n")',
    ]);
  });

  it("matches JSON as a subset: keys by path, null for absent, patterns, arrays element by element", () => {
    const body = { headers: { Hello: "world", Host: "h" }, url: "http://h/get", list: [1, 2] };
    assert.deepEqual(jsonMismatches({ headers: { Hello: "world", "X-Token": null }, url: { matches: "/get$" }, list: [1, 2] }, body), []);
    assert.deepEqual(jsonMismatches({ headers: { Hello: "there", Host: null }, url: { matches: "^/" }, list: [1] }, body), [
      'json.headers.Hello: expected "there", got "world"',
      'json.headers.Host: expected absent, got "h"',
      'json.url: "http://h/get" does not match /^//',
      "json.list: expected [1], got [1,2]",
    ]);
  });

  it("says when a JSON expectation meets a body that is not JSON", () => {
    assert.deepEqual(responseMismatches(expectation({ json: { a: 1 } }), response), ["json: the body is not JSON"]);
  });
});
