/** Compares what the client got with a case's expectation; every difference is reported, none thrown. */
import type { Expectation, HeaderExpectation, Pattern } from "./case-file.js";

/** A response as the client saw it. */
export interface ObservedResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

function isPattern(value: unknown): value is Pattern {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as Pattern).matches === "string";
}

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

function headerMismatch(name: string, expected: HeaderExpectation, actual: string | undefined): string | undefined {
  if (expected === null) return actual === undefined ? undefined : `header ${name}: expected absent, got ${show(actual)}`;
  if (actual === undefined) return `header ${name}: expected ${isPattern(expected) ? `/${expected.matches}/` : show(expected)}, got nothing`;
  if (isPattern(expected)) return new RegExp(expected.matches).test(actual) ? undefined : `header ${name}: ${show(actual)} does not match /${expected.matches}/`;
  return actual === expected ? undefined : `header ${name}: expected ${show(expected)}, got ${show(actual)}`;
}

/** Where `actual` departs from the subset `expected` (see `Expectation.json`), as `json<path>: …` lines. */
export function jsonMismatches(expected: unknown, actual: unknown, path = ""): string[] {
  const at = `json${path}`;
  if (expected === null) return actual === undefined || actual === null ? [] : [`${at}: expected absent, got ${show(actual)}`];
  if (isPattern(expected)) {
    return typeof actual === "string" && new RegExp(expected.matches).test(actual) ? [] : [`${at}: ${show(actual)} does not match /${expected.matches}/`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${at}: expected ${show(expected)}, got ${show(actual)}`];
    return expected.flatMap((item, i) => jsonMismatches(item, actual[i], `${path}[${i}]`));
  }
  if (typeof expected === "object") {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return [`${at}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) => jsonMismatches(value, (actual as Record<string, unknown>)[key], `${path}.${key}`));
  }
  return expected === actual ? [] : [`${at}: expected ${show(expected)}, got ${show(actual)}`];
}

/** Every way `response` departs from `expected`; empty when it meets it. */
export function responseMismatches(expected: Expectation, response: ObservedResponse): string[] {
  const problems: string[] = [];
  if (expected.status !== undefined && response.status !== expected.status) problems.push(`status: expected ${expected.status}, got ${response.status}`);
  for (const [name, value] of Object.entries(expected.headers)) {
    const problem = headerMismatch(name, value, response.headers[name.toLowerCase()]);
    if (problem !== undefined) problems.push(problem);
  }
  for (const fragment of expected.body) {
    if (!response.body.includes(fragment)) problems.push(`body: ${show(fragment)} not found`);
  }
  if (expected.json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      return [...problems, `json: the body is not JSON`];
    }
    problems.push(...jsonMismatches(expected.json, parsed));
  }
  if (problems.length > 0) problems.push(`(the response: ${response.status} ${show(response.body.slice(0, 300))})`);
  return problems;
}
