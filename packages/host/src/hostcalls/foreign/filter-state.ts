/**
 * Envoy's filter-state foreign functions: `declare_property` (`ext/declare_property.proto`), `set_envoy_filter_state`
 * (`ext/set_envoy_filter_state.proto`) and `clear_route_cache`.
 */
import { isIP } from "node:net";
import { WasmResult } from "../../abi/enums.js";
import { RootContext } from "../../context/root-context.js";
import { LogLevel } from "../../log.js";
import { HttpStream } from "../../stream/http-stream.js";
import type { PluginVm } from "../../vm/plugin-vm.js";
import { activeContext } from "../host-function.js";
import type { ForeignOutcome } from "./outcome.js";
import { decodeMessage, stringField, varintField } from "./protobuf.js";

const ok: ForeignOutcome = { status: WasmResult.Ok };
const badArgument: ForeignOutcome = { status: WasmResult.BadArgument };

/**
 * `declare_property` `{name 1, readonly 2, type 3, schema 4, span 5}`: declared on the current context (cpp-host
 * `current_context_`); `proxy_set_property` consults the root context's declarations only. A name is declared once.
 */
export function declareProperty(vm: PluginVm, args: Uint8Array): ForeignOutcome {
  const message = decodeMessage(args);
  const name = message && stringField(message, 1);
  if (message === undefined || name === undefined) return badArgument;
  const context = vm.currentContext;
  if (!(context instanceof RootContext)) {
    vm.services.logs.violation(
      "ignored_by_envoy",
      `declare_property(${name}) on stream context ${context?.id}: Envoy answers OK but consults only the root context's declarations`,
    );
    return ok;
  }
  if (context.propertyPrototypes.has(name)) return badArgument;
  context.propertyPrototypes.set(name, { readonly: varintField(message, 2) !== 0, type: varintField(message, 3), span: varintField(message, 5) });
  return ok;
}

const hostAndPort = (value: string) => {
  const at = value.lastIndexOf(":");
  const port = Number(value.slice(at + 1));
  return at > 0 && isIP(value.slice(0, at).replace(/^\[(.*)\]$/, "$1")) !== 0 && Number.isInteger(port) && port >= 0 && port <= 65535;
};
const anyText = () => true;
const port = (value: string) => /^\d+$/.test(value) && Number(value) <= 65535;

/** The well-known filter-state object factories of Envoy (`configuration/advanced/well_known_filter_state`) and what each accepts. */
const OBJECT_FACTORIES: ReadonlyMap<string, (value: string) => boolean> = new Map([
  ["envoy.string", anyText],
  ["envoy.network.upstream_server_name", anyText],
  ["envoy.network.application_protocols", anyText],
  ["envoy.network.upstream_subject_alt_names", anyText],
  ["envoy.tcp_proxy.cluster", anyText],
  ["envoy.udp_proxy.cluster", anyText],
  ["envoy.upstream.dynamic_host", anyText],
  ["envoy.upstream.dynamic_port", port],
  ["envoy.network.transport_socket.original_dst_address", hostAndPort],
  ["envoy.filters.listener.original_dst.local_ip", hostAndPort],
  ["envoy.filters.listener.original_dst.remote_ip", hostAndPort],
]);

/**
 * `set_envoy_filter_state` `{path 1, value 2, span 3}` on the effective context: an unknown factory key is `NOT_FOUND`,
 * a value the factory refuses `BAD_ARGUMENT`, no stream `NOT_FOUND`.
 */
export function setEnvoyFilterState(vm: PluginVm, args: Uint8Array): ForeignOutcome {
  const message = decodeMessage(args);
  const key = message && stringField(message, 1);
  const value = message && stringField(message, 2);
  if (key === undefined || value === undefined) return badArgument;
  const accepts = OBJECT_FACTORIES.get(key);
  if (accepts === undefined) {
    vm.services.logs.host(LogLevel.Warn, `set_envoy_filter_state(${key}): no filter-state object factory of that name in the local host; Envoy answers NOT_FOUND unless an extension registers one`);
    return { status: WasmResult.NotFound };
  }
  if (!accepts(value)) return badArgument;
  const context = activeContext(vm);
  if (!(context instanceof HttpStream)) return { status: WasmResult.NotFound };
  context.setEnvoyFilterState(key, value);
  return ok;
}

/** `clear_route_cache`: the router picks the route again on the forwarded headers; without a stream Envoy does nothing. */
export function clearRouteCache(vm: PluginVm): ForeignOutcome {
  const context = activeContext(vm);
  if (context instanceof RootContext) {
    vm.services.logs.violation("no_stream", `clear_route_cache from root context ${context.id} without an effective stream: Envoy does nothing`);
  }
  return ok;
}
