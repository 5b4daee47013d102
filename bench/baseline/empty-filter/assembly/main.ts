// The empty filter: a raw proxy-wasm module whose stream context overrides no callback, so every callback
// answers Continue without a host call. Measured beside the plugins, it is the driver's own cost per request
// (entering the module once per callback), which the per-request figures are read against.
import { HttpContext, registerRootContext, RootContext } from "@higress-ts/proxy-wasm/assembly";

class EmptyFilterRoot extends RootContext {
  createHttpContext(contextId: u32): HttpContext | null {
    return new HttpContext(contextId, this);
  }
}

registerRootContext((contextId: u32): RootContext => new EmptyFilterRoot(contextId), "empty-filter");
