import type { WasmExport } from "./wasm-types.js";

/** The proxy-wasm ABI versions a host can recognise; 0.2.100 is Higress's extension. */
export type AbiVersion = "0.1.0" | "0.2.0" | "0.2.1" | "0.2.100";

/**
 * Which host the module is checked against: `"envoy"` is upstream Envoy with upstream proxy-wasm-cpp-host;
 * `"higress"` is Higress's Envoy with its cpp-host fork (adds ABI 0.2.100, Redis and upstream host calls).
 */
export type HostMode = "envoy" | "higress";

/** Every ABI version, oldest first. */
export const ABI_VERSIONS: readonly AbiVersion[] = ["0.1.0", "0.2.0", "0.2.1", "0.2.100"];

/** Both host modes. */
export const HOST_MODES: readonly HostMode[] = ["envoy", "higress"];

/** The export that declares an ABI version, e.g. `proxy_abi_version_0_2_1`. */
export function abiMarker(abi: AbiVersion): string {
  return `proxy_abi_version_${abi.replaceAll(".", "_")}`;
}

/** Whether a host in this mode knows this ABI version (0.2.100 is Higress-only). */
export function hostKnowsAbi(abi: AbiVersion, mode: HostMode): boolean {
  return abi !== "0.2.100" || mode === "higress";
}

/**
 * The module's ABI version as cpp-host's `BytecodeUtil::getAbiVersion` decides it: the first *function* export, in
 * export order, whose name is the marker of an ABI the host knows; null when there is none.
 */
export function getAbiVersion(exports: readonly WasmExport[], mode: HostMode): AbiVersion | null {
  for (const { name, kind } of exports) {
    if (kind !== "function") continue;
    const abi = ABI_VERSIONS.find((v) => hostKnowsAbi(v, mode) && abiMarker(v) === name);
    if (abi) return abi;
  }
  return null;
}
