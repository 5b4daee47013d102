// The guide's hello-world on the SDK: every request gets the header `hello: world` and is answered locally with
// 200 "hello world". It has no configuration, so its config class is empty and no parse function is registered.
import {
  addHttpRequestHeader, HeaderStatus, HttpContext, sendHttpResponseWithDetail, setCtx,
} from "@higress-ts/sdk/assembly";

class HelloWorldConfig {}

function onHttpRequestHeaders(ctx: HttpContext, config: HelloWorldConfig): HeaderStatus {
  addHttpRequestHeader("hello", "world");
  sendHttpResponseWithDetail(200, "hello-world", null, String.UTF8.encode("hello world"));
  return HeaderStatus.Continue;
}

setCtx<HelloWorldConfig>("hello-world").processRequestHeaders(onHttpRequestHeaders);
