// The guide's http-call plugin: before each request goes upstream, GET a token from a service, copy the header
// named by `tokenHeader` from its answer into the request, and let the request go on. A service that does not
// answer 200 gets the client a 500 "http call failed"; a service that cannot be called lets the request through.
import {
  addHttpRequestHeader, FQDNCluster, HeaderStatus, HttpClient, HttpContext, HttpResponse, JsonValue, log,
  resumeHttpRequest, sendHttpResponse, setCtx,
} from "@higress-ts/sdk/assembly";

class HttpCallConfig {
  /** Calls the service; built once, when the config is parsed. */
  client: HttpClient | null = null;
  /** The URL of the call (a path, with its query). */
  requestPath: string = "";
  /** The header copied from the service's answer into the request. */
  tokenHeader: string = "";
}

function parseConfig(json: JsonValue, config: HttpCallConfig): string | null {
  config.tokenHeader = json.get("tokenHeader").string();
  if (config.tokenHeader.length == 0) return "missing tokenHeader in config";
  config.requestPath = json.get("requestPath").string();
  if (config.requestPath.length == 0) return "missing requestPath in config";
  // The service's full name with its type suffix: my-svc.dns, my-svc.static,
  // service-provider.DEFAULT-GROUP.public.nacos, httpbin.my-ns.svc.cluster.local.
  const serviceName = json.get("serviceName").string();
  let servicePort = json.get("servicePort").int();
  // A static-IP service listens on the logical port 80.
  if (servicePort == 0 && serviceName.endsWith(".static")) servicePort = 80;
  config.client = new HttpClient(new FQDNCluster(serviceName, servicePort));
  return null;
}

function onHttpRequestHeaders(ctx: HttpContext, config: HttpCallConfig): HeaderStatus {
  // No timeout given: 500 ms. The answer comes to onTokenResponse, with this request as its context.
  const error = config.client!.get<HttpContext>(config.requestPath, null, onTokenResponse, ctx);
  if (error !== null) {
    // The service cannot be called (no such cluster in the gateway?): let the request through, and say why.
    log.error(error.message);
    return HeaderStatus.Continue;
  }
  // Hold the request (headers and body) until the callback resumes or answers it.
  return HeaderStatus.StopAllIterationAndWatermark;
}

/** Runs with the request's stream as the effective context: it may change, resume or answer that request. */
function onTokenResponse(response: HttpResponse, ctx: HttpContext): void {
  if (response.statusCode != 200) {
    log.error(`http call failed, status: ${response.statusCode}`);
    sendHttpResponse(500, null, String.UTF8.encode("http call failed"));
    return;
  }
  log.info(`get status: ${response.statusCode}, response body: ${response.bodyText()}`);
  const tokenHeader = ctx.getMatchConfig<HttpCallConfig>()!.tokenHeader;
  const token = response.header(tokenHeader);
  if (token !== null && token.length > 0) addHttpRequestHeader(tokenHeader, token);
  resumeHttpRequest();
}

setCtx<HttpCallConfig>("http-call")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders);
