import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CaseFileError, parseCases } from "../src/case-file.js";

describe("case files", () => {
  it("fills a single-step case's defaults and writes an object configuration as JSON text", () => {
    const [c] = parseCases("cases:\n  - name: one\n    configuration: { mockEnable: true }\n    expect: { status: 200 }\n", "cases.yaml");
    assert.deepEqual(c, {
      name: "one",
      configuration: '{\n  "mockEnable": true\n}\n',
      withinOneMinute: false,
      steps: [{ request: { method: "GET", path: "/", headers: {}, body: undefined }, expect: { status: 200, headers: {}, body: [], json: undefined } }],
    });
  });

  it("names the path of an unknown field, so a typo cannot weaken a case", () => {
    assert.throws(
      () => parseCases("cases:\n  - name: one\n    steps:\n      - expect: { stauts: 200 }\n", "cases.yaml"),
      new CaseFileError("cases.yaml: cases[0].steps[0].expect.stauts: unknown field"),
    );
  });

  it("refuses a case with both steps and expect, an invalid pattern, and two cases of one name", () => {
    assert.throws(() => parseCases("cases:\n  - name: a\n    expect: {}\n    steps: []\n", "f"), /cases\[0\]: needs either `request` and `expect`, or `steps`/);
    assert.throws(() => parseCases("cases:\n  - name: a\n    expect: { headers: { x: { matches: '(' } } }\n", "f"), /cases\[0\]\.expect\.headers\.x\.matches: Invalid regular expression/);
    assert.throws(() => parseCases("cases:\n  - name: a\n    expect: {}\n  - name: a\n    expect: {}\n", "f"), /two cases are named "a"/);
  });

  it("reports YAML syntax errors with the file's name", () => {
    assert.throws(() => parseCases("cases:\n  - name: a: b\n", "x/cases.yaml"), /^CaseFileError: x\/cases\.yaml: /);
  });
});
