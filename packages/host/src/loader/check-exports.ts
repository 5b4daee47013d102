import type { AbiVersion, HostMode } from "./abi-version.js";
import { badFunctionSignature, problem, type LoadProblem } from "./load-problem.js";
import { ALLOCATORS, ALLOCATOR_SIGNATURE, ENTRY_POINTS, moduleCallbacks } from "./module-functions.js";
import { sameSignature, type FunctionSignature, type WasmExport } from "./wasm-types.js";

/** The allocator export the host would call to hand data to the module. */
export type Allocator = (typeof ALLOCATORS)[number];

/** What cpp-host's `getFunctions()` makes of a module's exports. */
export interface ExportCheck {
  /** The allocator the host would use, or null when there is no usable one. */
  readonly allocator: Allocator | null;
  readonly problems: LoadProblem[];
}

/**
 * Looks the exports up as cpp-host's `getFunctions()` does, in its order: the WASI entry points, the allocator
 * (`malloc` preferred), then every known callback. A function export the host looks up must have exactly the
 * signature the host calls it with; a missing callback is fine, a missing allocator is not.
 */
export function checkExports(exports: readonly WasmExport[], abi: AbiVersion, mode: HostMode): ExportCheck {
  const functions = new Map(exports.flatMap((e) => (e.kind === "function" && e.signature ? [[e.name, e.signature] as const] : [])));
  const problems: LoadProblem[] = [];
  /** Whether `name` is exported with the signature the host wants; a wrong one is a problem. */
  const lookUp = (name: string, want: FunctionSignature): boolean => {
    const exported = functions.get(name);
    if (!exported) return false;
    if (sameSignature(exported, want)) return true;
    problems.push(problem("bad-function-signature", badFunctionSignature(name, want, exported)));
    return false;
  };

  if (lookUp("_initialize", ENTRY_POINTS._initialize)) {
    lookUp("main", ENTRY_POINTS.main);
    if (mode === "envoy") lookUp("__main_void", ENTRY_POINTS.__main_void);
  } else {
    lookUp("_start", ENTRY_POINTS._start);
  }

  const allocator = ALLOCATORS.find((name) => lookUp(name, ALLOCATOR_SIGNATURE)) ?? null;
  if (!allocator) {
    problems.push(problem("missing-malloc", "Wasm module is missing malloc function.",
      "export malloc or proxy_on_memory_allocate with the signature i32 -> i32"));
  }

  for (const [name, want] of moduleCallbacks(abi, mode)) lookUp(name, want);
  return { allocator, problems };
}
