import { formatSignature, type FunctionSignature } from "./wasm-types.js";

/** What kind of problem the loader found; each error code matches one of cpp-host's load failures. */
export type LoadProblemCode =
  | "corrupted-module"
  | "unknown-abi"
  | "invalid-bytecode"
  | "missing-import"
  | "import-type-mismatch"
  | "imported-global"
  | "missing-malloc"
  | "bad-function-signature"
  | "missing-memory"
  | "start-section"
  | "several-abi-markers";

/** One reason a host would refuse a module (an error) or a risk it would load anyway (a warning). */
export interface LoadProblem {
  readonly code: LoadProblemCode;
  /** cpp-host's own message where it has one, followed by the detail where ours says more. */
  readonly message: string;
  /** What to do about it, when there is a usual fix. */
  readonly hint?: string;
}

/** A problem with an optional hint, without carrying `hint: undefined`. */
export function problem(code: LoadProblemCode, message: string, hint?: string): LoadProblem {
  return hint === undefined ? { code, message } : { code, message, hint };
}

/** cpp-host's import type mismatch message: `want` is the module's import type, then what the host registers. */
export function importTypeMismatch(module: string, name: string, want: FunctionSignature, host: FunctionSignature): string {
  return `Failed to load Wasm module due to an import type mismatch: ${module}.${name}, ` +
    `want: ${formatSignature(want)}, but host exports: ${formatSignature(host)}`;
}

/** cpp-host's bad export signature message: `want` is what the host calls it with, then the module's type. */
export function badFunctionSignature(name: string, want: FunctionSignature, exported: FunctionSignature): string {
  return `Bad function signature for: ${name}, want: ${formatSignature(want)}, but the module exports: ${formatSignature(exported)}`;
}

/** cpp-host's missing import message (also used for imported globals). */
export function missingImport(module: string, name: string): string {
  return `Failed to load Wasm module due to a missing import: ${module}.${name}`;
}
