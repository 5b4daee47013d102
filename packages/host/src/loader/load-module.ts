// TypeScript declares the WebAssembly JS API (which Node provides) only in its DOM library.
/// <reference lib="dom" />
import { asBufferSource } from "./buffer-source.js";
import { inspectModule, type InspectOptions, type ModuleReport } from "./inspect-module.js";
import { problem } from "./load-problem.js";

/** A module the host would load, compiled; or the report of why it would not. */
export type LoadResult =
  | { readonly ok: true; readonly module: WebAssembly.Module; readonly report: ModuleReport }
  | { readonly ok: false; readonly report: ModuleReport };

/**
 * Loads a module as a strict host: runs every check of inspectModule first and compiles with
 * WebAssembly.compile only when the host would accept the module. Never rejects.
 */
export async function loadModule(bytes: Uint8Array, options: InspectOptions = {}): Promise<LoadResult> {
  const report = inspectModule(bytes, options);
  if (!report.ok) return { ok: false, report };
  try {
    return { ok: true, module: await WebAssembly.compile(asBufferSource(bytes)), report };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const failed = problem("invalid-bytecode", `Failed to load Wasm bytecode: ${detail}`);
    return { ok: false, report: { ...report, ok: false, errors: [failed] } };
  }
}
