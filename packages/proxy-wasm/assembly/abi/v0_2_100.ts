// Build entry for Higress's ABI 0.2.100: the same callbacks, but Higress honours every `HeaderStatus` as written
// (a 0.2.1 header "pause" becomes StopAllIterationAndWatermark). Upstream Envoy refuses this marker.
export * from "@higress-ts/proxy-wasm/assembly/exports";

/** The ABI marker cpp-host looks for in the export section; never called. */
export function proxy_abi_version_0_2_100(): void {}
