// Build entry of SDK plugins for Higress's ABI 0.2.100 (Higress only): the SDK's callbacks and the ABI marker.
// `higress-ts build --abi 0.2.100` compiles it next to the plugin's assembly/main.ts.
export * from "./callbacks";
export { proxy_abi_version_0_2_100 } from "@higress-ts/proxy-wasm/assembly/abi/v0_2_100";
