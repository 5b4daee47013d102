import { ABI_VERSIONS, HOST_MODES, type AbiVersion, type HostMode } from "./abi-version.js";
import { hostImports } from "./host-imports.js";
import { importTypeMismatch, missingImport, problem, type LoadProblem } from "./load-problem.js";
import { sameSignature, type WasmExport, type WasmImport, type WasmModuleInfo } from "./wasm-types.js";

const HOST_NAMES: Record<HostMode, string> = { envoy: "Envoy", higress: "Higress" };

/** Where AssemblyScript's default imports come from, and how to build without them. */
const ASSEMBLYSCRIPT_DEFAULTS: Readonly<Record<string, string>> = {
  abort: "AssemblyScript's default abort handler: build with --use abort=<file>/<function> (a function that logs through proxy_log)",
  seed: "AssemblyScript's Math.random seed: build with --use seed=<file>/<function>",
  trace: "AssemblyScript's trace(): build with --use trace=<file>/<function>",
};

/**
 * What V8's `link()` in cpp-host refuses: every function import must be registered by the host with the same
 * signature, and globals cannot be imported. One problem per offending import, in import order.
 */
export function checkImports(imports: readonly WasmImport[], abi: AbiVersion, mode: HostMode): LoadProblem[] {
  const registered = new Map(hostImports(abi, mode).map((f) => [`${f.module}.${f.name}`, f]));
  const problems: LoadProblem[] = [];
  for (const { module, name, kind, signature } of imports) {
    if (kind === "memory" || kind === "table") continue;
    if (kind === "global") {
      problems.push(problem("imported-global", missingImport(module, name), "the host provides no globals; define the global in the module"));
      continue;
    }
    const hostFunction = kind === "function" ? registered.get(`${module}.${name}`) : undefined;
    if (!hostFunction || !signature) {
      problems.push(problem("missing-import", missingImport(module, name), missingImportHint(module, name)));
    } else if (!sameSignature(signature, hostFunction.signature)) {
      problems.push(problem("import-type-mismatch", importTypeMismatch(module, name, signature, hostFunction.signature)));
    }
  }
  return problems;
}

/**
 * V8's `link()` keeps the module's exported memory, or creates the one it imports; without either the host has
 * no memory to exchange data through (cpp-host would crash on `assert(memory_ != nullptr)`).
 */
export function checkMemory(module: WasmModuleInfo): LoadProblem[] {
  const has = (list: readonly (WasmImport | WasmExport)[]) => list.some((entry) => entry.kind === "memory");
  if (has(module.imports) || has(module.exports)) return [];
  return [problem("missing-memory", "Wasm module has no memory the host can use: it neither exports nor imports one",
    module.definesMemory ? "export the module's memory (AssemblyScript does unless built with --noExportMemory)" : "give the module a memory and export it")];
}

/** Says which hosts register a missing import and for which ABI versions, or how to drop AssemblyScript's defaults. */
function missingImportHint(module: string, name: string): string | undefined {
  if (module === "env" && ASSEMBLYSCRIPT_DEFAULTS[name]) return ASSEMBLYSCRIPT_DEFAULTS[name];
  const registeredFor = (mode: HostMode) =>
    ABI_VERSIONS.filter((abi) => hostImports(abi, mode).some((f) => f.module === module && f.name === name));
  const byMode = HOST_MODES.map((mode) => ({ host: HOST_NAMES[mode], abis: registeredFor(mode) }));
  if (byMode.every(({ abis }) => abis.length === 0)) return undefined;
  return byMode
    .map(({ host, abis }) => (abis.length === 0 ? `${host} does not register it` : `${host} registers it for ABI ${abis.join(", ")}`))
    .join("; ");
}
