// Copies a field of the JSON request body into a request header, before the request goes upstream.
// The header callback returns StopIteration so the headers wait for the body (ABI 0.2.100, Higress only).
import {
  DataStatus, HeaderStatus, HttpContext, JsonValue, getValueFromBody, replaceHttpRequestHeader, setCtx,
} from "@higress-ts/sdk/assembly";

class ModelHeaderConfig {
  bodyPath: string = "model";
  headerName: string = "x-model";
}

function parseConfig(json: JsonValue, config: ModelHeaderConfig): string | null {
  config.bodyPath = json.get("bodyPath").stringOr(config.bodyPath);
  config.headerName = json.get("headerName").stringOr(config.headerName);
  if (config.headerName.length == 0) return "headerName must not be empty";
  return null;
}

function onHttpRequestHeaders(ctx: HttpContext, config: ModelHeaderConfig): HeaderStatus {
  // Without a body there is nothing to wait for: StopIteration would hold the request for ever.
  if (!ctx.hasRequestBody()) return HeaderStatus.Continue;
  return HeaderStatus.StopIteration;
}

function onHttpRequestBody(ctx: HttpContext, config: ModelHeaderConfig, body: ArrayBuffer): DataStatus {
  const value = getValueFromBody(body, [config.bodyPath]);
  if (value !== null) replaceHttpRequestHeader(config.headerName, value.string());
  return DataStatus.Continue;
}

setCtx<ModelHeaderConfig>("model-header")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders)
  .processRequestBody(onHttpRequestBody);
