// The public API of @higress-ts/proxy-wasm: import it as "@higress-ts/proxy-wasm/assembly".
// The exported callbacks live in ./exports and reach a module through the ABI entry files (./abi/*).

export * from "./types";
export { BytesResult, Result } from "./result";
export { deserializePairs, Pair, serializePairs } from "./serde/pairs";
export { serializePropertyPath } from "./serde/path";

export { calloutOrigin, takeCallout } from "./callouts";
export { Context } from "./contexts/context";
export { RootContext } from "./contexts/root";
export { HttpContext } from "./contexts/http";
export { StreamContext } from "./contexts/stream";
export { RootContextFactory, RootContextRegistry } from "./registry";
export { effectiveContext, registerRootContext } from "./dispatcher";

export * from "./hostcalls/logging";
export * from "./hostcalls/time";
export * from "./hostcalls/properties";
export * from "./hostcalls/headers";
export * from "./hostcalls/buffers";
export * from "./hostcalls/stream";
export * from "./hostcalls/callouts";
export * from "./hostcalls/shared";
export * from "./hostcalls/metrics";
export * from "./hostcalls/context";
export * from "./hostcalls/higress";
