// TypeScript declares the WebAssembly JS API (which Node provides) only in its DOM library.
/// <reference lib="dom" />
import { ABI_VERSIONS, abiMarker, getAbiVersion, hostKnowsAbi, type AbiVersion, type HostMode } from "./abi-version.js";
import { asBufferSource } from "./buffer-source.js";
import { checkExports, type Allocator } from "./check-exports.js";
import { checkImports, checkMemory } from "./check-link.js";
import { problem, type LoadProblem } from "./load-problem.js";
import { parseWasmModule } from "./wasm-parser.js";
import type { WasmExport, WasmImport, WasmModuleInfo } from "./wasm-types.js";

/**
 * The host mode used when none is given: `"higress"`, because the plugins this project builds are deployed to
 * Higress. Pass `"envoy"` to hold a module to upstream Envoy, which registers fewer host calls.
 */
export const DEFAULT_HOST_MODE: HostMode = "higress";

/** Options of inspectModule and loadModule. */
export interface InspectOptions {
  /** The host to check against; default DEFAULT_HOST_MODE. */
  readonly mode?: HostMode;
}

/** What the loader found out about a module, and whether the host would load it. */
export interface ModuleReport {
  /** True when there are no errors: the host would load the module. Warnings do not stop a load. */
  readonly ok: boolean;
  /** The ABI version the host detects, or null when it detects none (or the bytes are not a module). */
  readonly abi: AbiVersion | null;
  readonly mode: HostMode;
  /** The module's size in bytes. */
  readonly size: number;
  readonly imports: readonly WasmImport[];
  readonly exports: readonly WasmExport[];
  readonly hasStartSection: boolean;
  /** The allocator export the host would call, or null when there is none it can use. */
  readonly allocator: Allocator | null;
  /** Why the host would refuse the module, in the order the host would find out. */
  readonly errors: readonly LoadProblem[];
  /** What the host accepts but that is likely to fail later. */
  readonly warnings: readonly LoadProblem[];
}

/**
 * Decides, without running anything, what proxy-wasm-cpp-host (as built into Envoy or Higress) would do with a
 * module: detect the ABI version, validate the bytecode, link the imports, look up the allocator and callbacks.
 * Reports every problem with cpp-host's own message. Never throws.
 */
export function inspectModule(bytes: Uint8Array, options: InspectOptions = {}): ModuleReport {
  const mode = options.mode ?? DEFAULT_HOST_MODE;
  const report = (fields: Partial<ModuleReport> & Pick<ModuleReport, "errors">): ModuleReport => ({
    abi: null, mode, size: bytes.byteLength, imports: [], exports: [], hasStartSection: false, allocator: null,
    warnings: [], ...fields, ok: fields.errors.length === 0,
  });

  const parsed = parseWasmModule(bytes);
  if (!parsed.ok) {
    const message = `Failed to parse corrupted Wasm module: ${parsed.reason} (at byte offset ${parsed.offset})`;
    return report({ errors: [problem("corrupted-module", message, looksLikeWat(bytes) ? WAT_HINT : undefined)] });
  }
  const module = parsed.module;
  const known = {
    imports: module.imports,
    exports: module.exports,
    hasStartSection: module.startFunction !== null,
    warnings: [...startSectionWarnings(module), ...markerWarnings(module.exports, mode)],
  };

  const abi = getAbiVersion(module.exports, mode);
  if (!abi) return report({ ...known, errors: [unknownAbi(module.exports, mode)] });
  if (!WebAssembly.validate(asBufferSource(bytes))) {
    return report({ ...known, abi, errors: [problem("invalid-bytecode", `Failed to load Wasm bytecode: ${compileError(bytes)}`)] });
  }
  const { allocator, problems } = checkExports(module.exports, abi, mode);
  const errors = [...checkImports(module.imports, abi, mode), ...checkMemory(module), ...problems];
  return report({ ...known, abi, allocator, errors });
}

const WAT_HINT = "this looks like WebAssembly text; assemble it into a binary first (for example with wat2wasm)";

function looksLikeWat(bytes: Uint8Array): boolean {
  return /^\s*\(module\b/.test(new TextDecoder().decode(bytes.subarray(0, 64)));
}

function compileError(bytes: Uint8Array): string {
  try {
    new WebAssembly.Module(asBufferSource(bytes));
    return "the module does not validate";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function unknownAbi(exports: readonly WasmExport[], mode: HostMode): LoadProblem {
  const unsupported = ABI_VERSIONS.find((abi) => !hostKnowsAbi(abi, mode) && exports.some((e) => e.kind === "function" && e.name === abiMarker(abi)));
  const hint = unsupported
    ? `${abiMarker(unsupported)} is Higress's ABI marker; upstream Envoy knows only ${knownMarkers(mode)} (build with --abi 0.2.1 for Envoy)`
    : `export a function named ${abiMarker("0.2.1")} (the @higress-ts/proxy-wasm ABI layer does)`;
  return problem("unknown-abi", "Missing or unknown Proxy-Wasm ABI version", hint);
}

function knownMarkers(mode: HostMode): string {
  return ABI_VERSIONS.filter((abi) => hostKnowsAbi(abi, mode)).map(abiMarker).join(", ");
}

function startSectionWarnings(module: WasmModuleInfo): LoadProblem[] {
  if (module.startFunction === null) return [];
  const name = module.functionNames.get(module.startFunction) ?? `#${module.startFunction}`;
  return [problem("start-section",
    `Wasm module has a start section (function ${name}): it runs while the host instantiates the module, before any proxy context exists, so a host call from it crashes the VM`,
    "turn it into an exported _initialize, which the host calls once the VM context exists (asc --exportStart _initialize)")];
}

function markerWarnings(exports: readonly WasmExport[], mode: HostMode): LoadProblem[] {
  const markers = exports.filter((e) => e.kind === "function" && ABI_VERSIONS.some((abi) => hostKnowsAbi(abi, mode) && abiMarker(abi) === e.name));
  if (markers.length < 2) return [];
  return [problem("several-abi-markers",
    `Wasm module exports several ABI markers (${markers.map((m) => m.name).join(", ")}); the host uses the first: ${markers[0]!.name}`,
    "export exactly one proxy_abi_version_* function")];
}
