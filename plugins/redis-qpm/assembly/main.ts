// The guide's redis-demo: each request INCRs a counter keyed by the current minute (EXPIRE 60 on its first hit);
// over `qpm` requests in a minute the request is answered 429 `Too many requests`, otherwise it goes on with
// response headers `timeStamp` and `callTimeLeft`. When Redis cannot be reached the request goes on (fail open)
// and the error is logged.
import {
  addHttpResponseHeader, FQDNCluster, getCurrentTimeNanoseconds, HeaderStatus, HttpContext, JsonValue, log,
  newRedisClusterClient, Pair, RedisClusterClient, RedisOptions, RespValue, resumeHttpRequest, sendHttpResponse,
  setCtx,
} from "@higress-ts/sdk/assembly";

class RedisCallConfig {
  client: RedisClusterClient | null = null;
  qpm: i64 = 0;
}

function parseConfig(json: JsonValue, config: RedisCallConfig): string | null {
  // The full FQDN with the service type, e.g. my-redis.dns or redis.my-ns.svc.cluster.local.
  const serviceName = json.get("serviceName").string();
  let servicePort = json.get("servicePort").int();
  if (servicePort == 0) servicePort = serviceName.endsWith(".static") ? 80 : 6379; // a static service listens on 80
  let timeout = json.get("timeout").int(); // ms
  if (timeout == 0) timeout = 1000;
  config.qpm = json.get("qpm").int();
  const client = newRedisClusterClient(new FQDNCluster(serviceName, servicePort));
  const options = new RedisOptions().withDataBase(<i32>json.get("database").int());
  client.init(json.get("username").string(), json.get("password").string(), <u32>timeout, options);
  config.client = client;
  return null;
}

function onHttpRequestHeaders(ctx: HttpContext, config: RedisCallConfig): HeaderStatus {
  const minuteAligned = getCurrentTimeNanoseconds() / 60_000_000_000 * 60;
  const timeStamp = minuteAligned.toString();
  ctx.setContext("minute", timeStamp); // the key of this request's counter, for the callbacks
  const error = config.client!.incr<HttpContext>(timeStamp, onCount, ctx);
  if (error !== null) {
    // The call could not be sent (usually: the gateway does not know the Redis service): let the request through.
    log.error("Error occured while calling redis, it seems cannot find the redis cluster.");
    return HeaderStatus.Continue;
  }
  return HeaderStatus.StopAllIterationAndWatermark; // held until the reply
}

function onCount(response: RespValue, ctx: HttpContext): void {
  const error = response.error();
  if (error !== null) {
    log.error("call redis error: " + error);
    resumeHttpRequest();
    return;
  }
  const config = ctx.getMatchConfig<RedisCallConfig>()!;
  const count = response.integer();
  const timeStamp = ctx.getStringContext("minute", "");
  ctx.setContext("timeStamp", timeStamp);
  ctx.setContext("callTimeLeft", (config.qpm - count).toString());
  if (count == 1) {
    const sent = config.client!.expire<HttpContext>(timeStamp, 60, onExpire, ctx);
    if (sent !== null) {
      log.error("Error occured while calling redis, it seems cannot find the redis cluster.");
      resumeHttpRequest();
    }
  } else if (count > config.qpm) {
    const headers = [Pair.of("timeStamp", timeStamp), Pair.of("callTimeLeft", "0")];
    sendHttpResponse(429, headers, String.UTF8.encode("Too many requests\n"));
  } else {
    resumeHttpRequest();
  }
}

function onExpire(response: RespValue, ctx: HttpContext): void {
  const error = response.error();
  if (error !== null) log.error("call redis error: " + error);
  resumeHttpRequest();
}

function onHttpResponseHeaders(ctx: HttpContext, config: RedisCallConfig): HeaderStatus {
  if (ctx.hasContext("timeStamp")) addHttpResponseHeader("timeStamp", ctx.getStringContext("timeStamp", ""));
  if (ctx.hasContext("callTimeLeft")) addHttpResponseHeader("callTimeLeft", ctx.getStringContext("callTimeLeft", ""));
  return HeaderStatus.Continue;
}

setCtx<RedisCallConfig>("redis-qpm")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders)
  .processResponseHeaders(onHttpResponseHeaders);
