/** The HTTP connection manager: routes, the wasm filters and the router, access logs. */
import { EnvoyConfigError, FieldReader } from "./reader.js";
import type {
  AccessLogConfig,
  HeaderMatcher,
  HttpConnectionManagerConfig,
  RouteAction,
  RouteConfig,
  RouteMatch,
  VirtualHostConfig,
  WasmFilterConfig,
} from "./model.js";
import { TYPED_STRUCTS, TypeUrl } from "./type-urls.js";

/** Envoy's defaults: `stream_idle_timeout` 5 min, route `timeout` 15 s. */
const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;
const DEFAULT_ROUTE_TIMEOUT_MS = 15_000;

/** Reads an `@type` field and checks it names `expected`. */
function expectType(node: FieldReader, expected: string): void {
  const type = node.string("@type");
  if (type !== expected) throw new EnvoyConfigError(node.at("@type"), `expected ${expected}, got ${type}`);
}

/** Reads a `typed_config`, unwrapping a TypedStruct; returns the message and its type URL. */
function typedConfig(filter: FieldReader): { readonly type: string; readonly message: FieldReader } {
  const config = filter.object("typed_config");
  const type = config.string("@type");
  if (!TYPED_STRUCTS.includes(type)) return { type, message: config };
  const inner = config.string("type_url");
  const value = config.optionalObject("value") ?? FieldReader.of(config.at("value"), {});
  config.finish();
  return { type: inner, message: value };
}

/** A `google.protobuf.StringValue` (`{"@type": ..., value}`) or a plain string. */
function stringValue(node: FieldReader, key: string): string {
  if (!node.has(key)) return "";
  const raw = node.raw(key);
  if (typeof raw === "string") return raw;
  const wrapper = FieldReader.of(node.at(key), raw);
  expectType(wrapper, TypeUrl.stringValue);
  const value = wrapper.optionalString("value") ?? "";
  wrapper.finish();
  return value;
}

/** Reads the HCM `typed_config`. */
export function parseHttpConnectionManager(hcm: FieldReader): HttpConnectionManagerConfig {
  expectType(hcm, TypeUrl.httpConnectionManager);
  const statPrefix = hcm.string("stat_prefix");
  hcm.oneOf("codec_type", ["AUTO", "HTTP1"], "AUTO");
  const scheme = hcm.optionalObject("scheme_header_transformation");
  const schemeToOverwrite = scheme?.oneOf("scheme_to_overwrite", ["http", "https"], "http");
  scheme?.finish();
  const routeConfig = hcm.object("route_config");
  const routeConfigName = routeConfig.optionalString("name") ?? "";
  const virtualHosts = routeConfig.objects("virtual_hosts").map(parseVirtualHost);
  routeConfig.finish();
  const filters = hcm.objects("http_filters");
  const { wasmFilters, suppressEnvoyHeaders } = parseHttpFilters(filters, hcm.at("http_filters"));
  const config: HttpConnectionManagerConfig = {
    statPrefix,
    schemeToOverwrite: scheme === undefined ? undefined : schemeToOverwrite,
    streamIdleTimeoutMs: hcm.optionalDurationMs("stream_idle_timeout") ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    generateRequestId: hcm.boolean("generate_request_id", true),
    serverName: hcm.optionalString("server_name") ?? "envoy",
    routeConfigName,
    virtualHosts,
    wasmFilters,
    suppressEnvoyHeaders,
    accessLogs: hcm.objects("access_log").map(parseAccessLog),
  };
  hcm.finish();
  return config;
}

function parseHttpFilters(filters: FieldReader[], path: string) {
  const wasmFilters: WasmFilterConfig[] = [];
  let suppressEnvoyHeaders = false;
  let routed = false;
  filters.forEach((filter, i) => {
    const name = filter.string("name");
    const { type, message } = typedConfig(filter);
    filter.finish();
    const last = i === filters.length - 1;
    if (type === TypeUrl.router) {
      if (!last) throw new EnvoyConfigError(filter.at("name"), "the router must be the last http filter");
      suppressEnvoyHeaders = message.boolean("suppress_envoy_headers", false);
      routed = true;
      message.finish();
    } else if (type === TypeUrl.wasm) {
      wasmFilters.push(parseWasmFilter(name, message));
    } else {
      throw new EnvoyConfigError(filter.at("typed_config"), `http filter type ${type} is not supported (wasm and router are)`);
    }
  });
  if (!routed) throw new EnvoyConfigError(path, "must end with the router");
  return { wasmFilters, suppressEnvoyHeaders };
}

function parseWasmFilter(filterName: string, wasm: FieldReader): WasmFilterConfig {
  const config = wasm.object("config");
  wasm.finish();
  const vm = config.object("vm_config");
  vm.oneOf("runtime", ["envoy.wasm.runtime.v8", "envoy.wasm.runtime.wamr", "envoy.wasm.runtime.wasmtime"], "envoy.wasm.runtime.v8");
  const code = vm.object("code");
  const local = code.object("local");
  const filename = local.string("filename");
  local.finish();
  code.finish();
  const env = vm.optionalObject("environment_variables");
  const hostKeys = env?.strings("host_env_keys") ?? [];
  const environment: Record<string, string> = { ...env?.stringMap("key_values") };
  for (const key of hostKeys) {
    const value = process.env[key];
    if (value !== undefined) environment[key] = value;
  }
  const filter: WasmFilterConfig = {
    filterName,
    name: config.optionalString("name") ?? "",
    rootId: config.optionalString("root_id") ?? "",
    vmId: vm.optionalString("vm_id") ?? "",
    filename,
    configuration: stringValue(config, "configuration"),
    vmConfiguration: stringValue(vm, "configuration"),
    environment,
    failOpen: config.boolean("fail_open", false),
    allowOnHeadersStopIteration: config.boolean("allow_on_headers_stop_iteration", false),
  };
  vm.boolean("allow_precompiled", false);
  env?.finish();
  vm.finish();
  config.finish();
  return filter;
}

function parseVirtualHost(host: FieldReader): VirtualHostConfig {
  const virtualHost = {
    name: host.string("name"),
    domains: host.strings("domains"),
    routes: host.objects("routes").map(parseRoute),
  };
  if (virtualHost.domains.length === 0) host.missing("domains");
  host.finish();
  return virtualHost;
}

function parseRoute(route: FieldReader): RouteConfig {
  const name = route.optionalString("name") ?? "";
  const match = parseMatch(route.object("match"));
  let action: RouteAction;
  if (route.has("route")) {
    const target = route.object("route");
    action = {
      kind: "route",
      cluster: target.string("cluster"),
      timeoutMs: target.optionalDurationMs("timeout") ?? DEFAULT_ROUTE_TIMEOUT_MS,
      prefixRewrite: target.optionalString("prefix_rewrite"),
      hostRewriteLiteral: target.optionalString("host_rewrite_literal"),
    };
    target.finish();
  } else if (route.has("direct_response")) {
    const direct = route.object("direct_response");
    const body = direct.optionalObject("body");
    action = { kind: "direct_response", status: direct.optionalInteger("status") ?? direct.missing("status"), body: body?.string("inline_string") };
    body?.finish();
    direct.finish();
  } else {
    throw new EnvoyConfigError(route.at("route"), "a route needs `route` or `direct_response`");
  }
  route.finish();
  return { name, match, action };
}

function parseMatch(match: FieldReader): RouteMatch {
  const prefix = match.optionalString("prefix");
  const path = match.optionalString("path");
  if ((prefix === undefined) === (path === undefined)) {
    throw new EnvoyConfigError(match.at("prefix"), "exactly one of `prefix` or `path` is required (others are not supported)");
  }
  const result: RouteMatch = {
    prefix,
    path,
    caseSensitive: match.boolean("case_sensitive", true),
    headers: match.objects("headers").map(parseHeaderMatcher),
  };
  match.finish();
  return result;
}

const LEGACY_MATCHERS = [
  ["exact_match", "exact"],
  ["prefix_match", "prefix"],
  ["suffix_match", "suffix"],
  ["contains_match", "contains"],
] as const;

function parseHeaderMatcher(header: FieldReader): HeaderMatcher {
  const name = header.string("name").toLowerCase();
  const invert = header.boolean("invert_match", false);
  let matcher: Pick<HeaderMatcher, "kind" | "value"> | undefined;
  for (const [field, kind] of LEGACY_MATCHERS) {
    const value = header.optionalString(field);
    if (value !== undefined) matcher = { kind, value };
  }
  if (header.has("present_match")) matcher = header.boolean("present_match", true) ? { kind: "present", value: "" } : undefined;
  const stringMatch = header.optionalObject("string_match");
  if (stringMatch !== undefined) {
    for (const kind of ["exact", "prefix", "suffix", "contains"] as const) {
      const value = stringMatch.optionalString(kind);
      if (value !== undefined) matcher = { kind, value };
    }
    stringMatch.finish();
  }
  if (matcher === undefined) throw new EnvoyConfigError(header.at("string_match"), "a header matcher needs string_match or present_match");
  header.finish();
  return { name, invert, ...matcher };
}

function parseAccessLog(log: FieldReader): AccessLogConfig {
  log.optionalString("name");
  const { type, message } = typedConfig(log);
  log.finish();
  let config: AccessLogConfig;
  if (type === TypeUrl.stdoutAccessLog) config = { kind: "stdout" };
  else if (type === TypeUrl.stderrAccessLog) config = { kind: "stderr" };
  else if (type === TypeUrl.fileAccessLog) config = { kind: "file", path: message.string("path") };
  else throw new EnvoyConfigError(log.at("typed_config"), `access logger ${type} is not supported (stdout, stderr, file are)`);
  message.finish();
  return config;
}
