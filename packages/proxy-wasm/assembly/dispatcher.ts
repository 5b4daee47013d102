// From context ids to context objects: creates contexts when the host announces them and finds them for each
// callback. A callback for an id without a context (its plugin created none) gets the neutral answer.
import { collectIfDue } from "./collector";
import { Context } from "./contexts/context";
import { HttpContext } from "./contexts/http";
import { RootContext } from "./contexts/root";
import { StreamContext } from "./contexts/stream";
import { logBytes } from "./hostcalls/logging";
import { getPropertyAt } from "./hostcalls/properties";
import { RootContextFactory, RootContextRegistry } from "./registry";
import { LogLevel } from "./types";

const registry = new RootContextRegistry();
// @ts-ignore: decorator
@lazy const PLUGIN_ROOT_ID = String.UTF8.encode("plugin_root_id");
const contexts = new Map<u32, Context>();

/**
 * Registers the root context factory of a plugin, under the root id Envoy configures for it (`root_id`). With a
 * single plugin the id may stay empty: a single registered factory serves every root id.
 */
export function registerRootContext(factory: RootContextFactory, rootId: string = ""): void {
  registry.register(rootId, factory);
}

/**
 * Creates the context the host announced. Parent 0 means a root context, built by the factory registered for
 * property `plugin_root_id` (or the only factory). Otherwise the parent root context creates an HTTP context,
 * or, if it returns null, a TCP stream context.
 */
export function createContext(contextId: u32, parentId: u32): void {
  if (parentId == 0) {
    const found = getPropertyAt(PLUGIN_ROOT_ID).value;
    const rootId = found === null ? new ArrayBuffer(0) : found;
    const factory = registry.select(rootId);
    if (factory === null) {
      logBytes(LogLevel.Critical, concat(String.UTF8.encode("no root context registered for plugin_root_id "), rootId));
    } else {
      contexts.set(contextId, factory(contextId));
    }
    return;
  }
  const root = rootContext(parentId);
  if (root === null) return;
  const http = root.createHttpContext(contextId);
  if (http !== null) {
    contexts.set(contextId, http);
    return;
  }
  const stream = root.createStreamContext(contextId);
  if (stream !== null) contexts.set(contextId, stream);
}

function concat(head: ArrayBuffer, tail: ArrayBuffer): ArrayBuffer {
  const bytes = new ArrayBuffer(head.byteLength + tail.byteLength);
  memory.copy(changetype<usize>(bytes), changetype<usize>(head), head.byteLength);
  memory.copy(changetype<usize>(bytes) + head.byteLength, changetype<usize>(tail), tail.byteLength);
  return bytes;
}

/** The id of the context host calls act on now (Envoy's effective context). */
let effectiveContextId: u32 = 0;

/**
 * Begins a callback of context `contextId`: it becomes the effective context, and the collector may reclaim the
 * garbage of earlier callbacks (see collector.ts).
 */
export function enterCallback(contextId: u32): void {
  collectIfDue();
  effectiveContextId = contextId;
}

/** Records that host calls act on `contextId` from now on (`proxy_set_effective_context` succeeded). */
export function noteEffectiveContext(contextId: u32): void {
  effectiveContextId = contextId;
}

/** The context host calls act on now: the current callback's, or the one a root context made effective. */
export function effectiveContext(): Context | null {
  return anyContext(effectiveContextId);
}

/** The context found last: a stream's callbacks follow one another, so most lookups need no hashing. */
let lastContext: Context | null = null;

/** The context with this id, whatever its kind, or null. */
export function anyContext(contextId: u32): Context | null {
  const last = lastContext;
  if (last !== null && last.id == contextId) return last;
  if (!contexts.has(contextId)) return null;
  return (lastContext = contexts.get(contextId));
}

/** The root context with this id, or null. */
export function rootContext(contextId: u32): RootContext | null {
  const context = anyContext(contextId);
  return context instanceof RootContext ? changetype<RootContext>(context) : null;
}

/** The HTTP context with this id, or null. */
export function httpContext(contextId: u32): HttpContext | null {
  const context = anyContext(contextId);
  return context instanceof HttpContext ? changetype<HttpContext>(context) : null;
}

/** The TCP stream context with this id, or null. */
export function streamContext(contextId: u32): StreamContext | null {
  const context = anyContext(contextId);
  return context instanceof StreamContext ? changetype<StreamContext>(context) : null;
}

/** Forgets the context with this id (after its `onDelete`). */
export function forgetContext(contextId: u32): void {
  contexts.delete(contextId);
  const last = lastContext;
  if (last !== null && last.id == contextId) lastContext = null;
}
