// Build entry for proxy-wasm ABI 0.2.1, which upstream Envoy and Higress both load. Compiled next to the plugin's
// assembly/main.ts, it turns the callbacks and the allocator into exports of the module.
export * from "@higress-ts/proxy-wasm/assembly/exports";

/** The ABI marker cpp-host looks for in the export section; never called. */
export function proxy_abi_version_0_2_1(): void {}
