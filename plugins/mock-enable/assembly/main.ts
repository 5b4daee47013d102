// The guide's first plugin: with `mockEnable: true` every request is answered locally with 200 "hello world";
// otherwise the request gets the header `hello: world` and goes on upstream.
import {
  addHttpRequestHeader, HeaderStatus, HttpContext, JsonValue, sendHttpResponse, setCtx,
} from "@higress-ts/sdk/assembly";

class MyConfig {
  mockEnable: bool = false;
}

function parseConfig(json: JsonValue, config: MyConfig): string | null {
  config.mockEnable = json.get("mockEnable").bool();
  return null;
}

function onHttpRequestHeaders(ctx: HttpContext, config: MyConfig): HeaderStatus {
  addHttpRequestHeader("hello", "world");
  if (config.mockEnable) sendHttpResponse(200, null, String.UTF8.encode("hello world"));
  return HeaderStatus.Continue;
}

setCtx<MyConfig>("mock-enable")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders);
