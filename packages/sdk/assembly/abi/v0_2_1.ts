// Build entry of SDK plugins for proxy-wasm ABI 0.2.1 (upstream Envoy and Higress): the SDK's callbacks and the
// ABI marker. `higress-ts build` compiles it next to the plugin's assembly/main.ts.
export * from "./callbacks";
export { proxy_abi_version_0_2_1 } from "@higress-ts/proxy-wasm/assembly/abi/v0_2_1";
