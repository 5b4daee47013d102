// Typed host calls: contexts and foreign functions.
import { noteEffectiveContext } from "../dispatcher";
import { proxy_call_foreign_function, proxy_done, proxy_set_effective_context } from "../imports/context";
import { dataOf, RETURN_DATA, RETURN_SIZE, returnedBytes, sizeOf, utf8 } from "../memory";
import { BytesResult } from "../result";
import { Status } from "../types";

/**
 * Makes the following host calls act on `contextId` until the current callback returns; a root context uses it
 * to answer or resume the HTTP stream that started a callout.
 */
export function setEffectiveContext(contextId: u32): Status {
  const status = proxy_set_effective_context(contextId);
  if (status == Status.Ok) noteEffectiveContext(contextId);
  return status;
}

/** Completes the shutdown of a root context whose `onDone` returned false. */
export function done(): Status {
  return proxy_done();
}

/** Calls a foreign function the host registered (Envoy: `clear_route_cache`, `compress`, ...). */
export function callForeignFunction(name: string, argumentBytes: ArrayBuffer | null): BytesResult {
  const n = utf8(name);
  return returnedBytes(proxy_call_foreign_function(
    dataOf(n), sizeOf(n), dataOf(argumentBytes), sizeOf(argumentBytes), RETURN_DATA, RETURN_SIZE,
  ));
}
