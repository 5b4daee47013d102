/**
 * A plugin's case file (`<plugin>/cases.yaml`): requests to send through the gateway and what the client must get
 * back, each case optionally under its own plugin configuration. Read strictly: an unknown or mistyped field is an
 * error naming its path, so a typo cannot silently weaken a case.
 */
import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";

/** A request as the client sends it. */
export interface CaseRequest {
  /** Default `GET`. */
  readonly method: string;
  /** Path and query; default `/`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** A regular expression a value must match, written `{ matches: "..." }`. */
export interface Pattern {
  readonly matches: string;
}

/** What a response header must be: this exact value, a value matching a pattern, or absent (`null`). */
export type HeaderExpectation = string | Pattern | null;

/** What the client must get back. Every field given is checked; the rest is not. */
export interface Expectation {
  readonly status: number | undefined;
  /** By header name, compared case-insensitively. */
  readonly headers: Readonly<Record<string, HeaderExpectation>>;
  /** Fragments the body must contain, in any order. */
  readonly body: readonly string[];
  /**
   * A subset the body parsed as JSON must contain: objects by key, arrays element by element, `null` for an absent
   * key, `{ matches }` for a string matching a pattern. Independent of how the upstream formats its JSON.
   */
  readonly json: unknown;
}

/** One request and its expectation. */
export interface Step {
  readonly request: CaseRequest;
  readonly expect: Expectation;
}

/** A case: one or more steps, sent in order on one gateway configuration. */
export interface Case {
  readonly name: string;
  /** The plugin configuration (JSON text) this case runs under; undefined: the envoy.yaml's own. */
  readonly configuration: string | undefined;
  /** The steps must all fall in one clock minute (per-minute counters): start it in a fresh minute if needed. */
  readonly withinOneMinute: boolean;
  readonly steps: readonly Step[];
}

type Node = Record<string, unknown>;

/** Thrown for an invalid case file; the message names the file and the field. */
export class CaseFileError extends Error {
  override readonly name = "CaseFileError";
}

function fail(path: string, message: string): never {
  throw new CaseFileError(`${path}: ${message}`);
}

function object(value: unknown, path: string, allowed: readonly string[]): Node {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(path, "must be a mapping");
  for (const key of Object.keys(value)) if (!allowed.includes(key)) fail(`${path}.${key}`, "unknown field");
  return value as Node;
}

function string(value: unknown, path: string): string {
  if (typeof value !== "string") fail(path, "must be a string");
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, "must be a list");
  return value;
}

function readPattern(value: unknown, path: string): Pattern {
  const node = object(value, path, ["matches"]);
  const matches = string(node.matches, `${path}.matches`);
  try {
    new RegExp(matches);
  } catch (error) {
    fail(`${path}.matches`, (error as Error).message);
  }
  return { matches };
}

function readRequest(value: unknown, path: string): CaseRequest {
  const node = object(value ?? {}, path, ["method", "path", "headers", "body"]);
  const headers = object(node.headers ?? {}, `${path}.headers`, Object.keys(node.headers ?? {}));
  return {
    method: node.method === undefined ? "GET" : string(node.method, `${path}.method`).toUpperCase(),
    path: node.path === undefined ? "/" : string(node.path, `${path}.path`),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, string(v, `${path}.headers.${k}`)])),
    body: node.body === undefined ? undefined : string(node.body, `${path}.body`),
  };
}

function readHeaderExpectation(value: unknown, path: string): HeaderExpectation {
  if (value === null || typeof value === "string") return value;
  return readPattern(value, path);
}

function readExpectation(value: unknown, path: string): Expectation {
  const node = object(value, path, ["status", "headers", "body", "json"]);
  if (node.status !== undefined && !Number.isInteger(node.status)) fail(`${path}.status`, "must be an integer");
  const headers = object(node.headers ?? {}, `${path}.headers`, Object.keys(node.headers ?? {}));
  return {
    status: node.status as number | undefined,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, readHeaderExpectation(v, `${path}.headers.${k}`)])),
    body: list(node.body ?? [], `${path}.body`).map((fragment, i) => string(fragment, `${path}.body[${i}]`)),
    json: node.json,
  };
}

function readStep(value: unknown, path: string): Step {
  const node = object(value, path, ["request", "expect"]);
  return { request: readRequest(node.request, `${path}.request`), expect: readExpectation(node.expect, `${path}.expect`) };
}

function readConfiguration(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : `${JSON.stringify(value, null, 2)}\n`;
}

function readCase(value: unknown, path: string): Case {
  const node = object(value, path, ["name", "configuration", "withinOneMinute", "request", "expect", "steps"]);
  if ((node.steps === undefined) === (node.expect === undefined)) fail(path, "needs either `request` and `expect`, or `steps`");
  if (node.steps !== undefined && node.request !== undefined) fail(`${path}.request`, "goes inside `steps` when they are given");
  if (node.withinOneMinute !== undefined && typeof node.withinOneMinute !== "boolean") fail(`${path}.withinOneMinute`, "must be true or false");
  const steps =
    node.steps === undefined
      ? [readStep({ request: node.request, expect: node.expect }, path)]
      : list(node.steps, `${path}.steps`).map((step, i) => readStep(step, `${path}.steps[${i}]`));
  if (steps.length === 0) fail(`${path}.steps`, "needs at least one step");
  return {
    name: string(node.name, `${path}.name`),
    configuration: readConfiguration(node.configuration),
    withinOneMinute: node.withinOneMinute === true,
    steps,
  };
}

/** Parses a case file's text; throws `CaseFileError` naming the field at fault. */
export function parseCases(text: string, file: string): Case[] {
  const document = parseDocument(text);
  if (document.errors.length > 0) fail(file, document.errors[0]!.message);
  const root = object(document.toJS(), file, ["cases"]);
  const cases = list(root.cases, `${file}: cases`).map((c, i) => readCase(c, `${file}: cases[${i}]`));
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) fail(file, `two cases are named "${c.name}"`);
    names.add(c.name);
  }
  return cases;
}

/** Reads and parses a case file. */
export async function readCases(file: string): Promise<Case[]> {
  return parseCases(await readFile(file, "utf8"), file);
}
