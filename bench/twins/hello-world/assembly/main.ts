// hello-world's raw twin, written directly on the proxy-wasm layer to price the SDK: the same behaviour as
// plugins/hello-world (request header `hello: world`, then a local reply 200 "hello world" with details
// `hello-world`) with nothing else: no configuration parsing, no rule matching, no per-request bookkeeping.
import {
  addHeaderMapValue, HeaderStatus, HttpContext, MapType, registerRootContext, RootContext, sendLocalResponse,
} from "@higress-ts/proxy-wasm/assembly";

class HelloWorld extends HttpContext {
  onRequestHeaders(numHeaders: u32, endOfStream: bool): HeaderStatus {
    addHeaderMapValue(MapType.HttpRequestHeaders, "hello", "world");
    sendLocalResponse(200, "hello-world", String.UTF8.encode("hello world"), null);
    return HeaderStatus.Continue;
  }
}

class HelloWorldRoot extends RootContext {
  createHttpContext(contextId: u32): HttpContext | null {
    return new HelloWorld(contextId, this);
  }
}

registerRootContext((contextId: u32): RootContext => new HelloWorldRoot(contextId), "hello-world");
