/** A WebAssembly value type, named as in the text format. */
export type ValueType = "i32" | "i64" | "f32" | "f64" | "v128" | "funcref" | "externref";

/** The type of a function: what it takes and what it returns. */
export interface FunctionSignature {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
}

/** The kinds of things a module can import or export. */
export type ExternalKind = "function" | "table" | "memory" | "global" | "tag";

/** One import of a module; `signature` is set for function imports. */
export interface WasmImport {
  readonly module: string;
  readonly name: string;
  readonly kind: ExternalKind;
  readonly signature?: FunctionSignature;
}

/** One export of a module; `signature` is set for function exports. */
export interface WasmExport {
  readonly name: string;
  readonly kind: ExternalKind;
  readonly signature?: FunctionSignature;
}

/** What the loader needs to know about a module, read from its binary. */
export interface WasmModuleInfo {
  readonly imports: readonly WasmImport[];
  readonly exports: readonly WasmExport[];
  /** The function index the start section names, or null without a start section. */
  readonly startFunction: number | null;
  /** Whether the module defines at least one memory of its own (memory section). */
  readonly definesMemory: boolean;
  /** Function names from the custom "name" section, by function index. */
  readonly functionNames: ReadonlyMap<number, string>;
}

/** Builds a signature from parameter and result types. */
export function signature(params: readonly ValueType[], results: readonly ValueType[] = []): FunctionSignature {
  return { params, results };
}

/** Whether two signatures are the same type. */
export function sameSignature(a: FunctionSignature, b: FunctionSignature): boolean {
  const same = (x: readonly ValueType[], y: readonly ValueType[]) => x.length === y.length && x.every((t, i) => t === y[i]);
  return same(a.params, b.params) && same(a.results, b.results);
}

/**
 * Prints a signature the way proxy-wasm-cpp-host does in its messages (`printValTypes`):
 * types separated by spaces, `void` for none, externref as `anyref`, v128 as `unknown`.
 */
export function formatSignature(sig: FunctionSignature): string {
  const list = (types: readonly ValueType[]) =>
    types.length === 0 ? "void" : types.map((t) => (t === "externref" ? "anyref" : t === "v128" ? "unknown" : t)).join(" ");
  return `${list(sig.params)} -> ${list(sig.results)}`;
}
