// The guide's hello-world, written directly on the proxy-wasm layer: every request gets the header
// `hello: world` and is answered locally with 200 "hello world".
import {
  addHeaderMapValue, HeaderStatus, HttpContext, MapType, registerRootContext, RootContext, sendLocalResponse,
} from "@higress-ts/proxy-wasm/assembly";

class HelloWorld extends HttpContext {
  onRequestHeaders(numHeaders: u32, endOfStream: bool): HeaderStatus {
    addHeaderMapValue(MapType.HttpRequestHeaders, "hello", "world");
    sendLocalResponse(200, "hello_world", String.UTF8.encode("hello world"), []);
    return HeaderStatus.Continue;
  }
}

class HelloWorldRoot extends RootContext {
  createHttpContext(contextId: u32): HttpContext | null {
    return new HelloWorld(contextId, this);
  }
}

registerRootContext((contextId: u32): RootContext => new HelloWorldRoot(contextId), "hello-world");
