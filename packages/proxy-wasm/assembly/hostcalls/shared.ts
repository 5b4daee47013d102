// Typed host calls: shared data (key/value with compare-and-swap) and shared queues, shared by the VMs of a vm_id.
import {
  proxy_dequeue_shared_queue, proxy_enqueue_shared_queue, proxy_get_shared_data, proxy_register_shared_queue,
  proxy_resolve_shared_queue, proxy_set_shared_data,
} from "../imports/shared";
import {
  dataOf, RETURN_DATA, RETURN_EXTRA, RETURN_SIZE, returnedBytes, returnedU32, sizeOf, takeReturnedBytes, utf8,
} from "../memory";
import { BytesResult, Result } from "../result";
import { Status } from "../types";

/** A shared-data value with the `cas` to pass to `setSharedData` for a conditional update. */
export class SharedData extends BytesResult {
  constructor(status: Status, value: ArrayBuffer | null, public cas: u32) {
    super(status, value);
  }
}

/** Reads `key`; `Status.NotFound` when absent. */
export function getSharedData(key: string): SharedData {
  const k = utf8(key);
  const status = proxy_get_shared_data(dataOf(k), sizeOf(k), RETURN_DATA, RETURN_SIZE, RETURN_EXTRA);
  const cas = status == Status.Ok ? load<u32>(RETURN_EXTRA) : 0;
  return new SharedData(status, status == Status.Ok ? takeReturnedBytes() : null, cas);
}

/** Writes `key`; with `cas` 0 unconditionally, otherwise only if it still matches (else `Status.CasMismatch`). */
export function setSharedData(key: string, value: ArrayBuffer | null, cas: u32 = 0): Status {
  const k = utf8(key);
  return proxy_set_shared_data(dataOf(k), sizeOf(k), dataOf(value), sizeOf(value), cas);
}

/** Registers (or reuses) the queue `name`, owned by the calling root context; the value is its id. */
export function registerSharedQueue(name: string): Result<u32> {
  const n = utf8(name);
  return returnedU32(proxy_register_shared_queue(dataOf(n), sizeOf(n), RETURN_DATA));
}

/** Finds the queue `name` of `vmId` ("" for this VM's); the value is its id. */
export function resolveSharedQueue(vmId: string, name: string): Result<u32> {
  const v = utf8(vmId);
  const n = utf8(name);
  return returnedU32(proxy_resolve_shared_queue(dataOf(v), sizeOf(v), dataOf(n), sizeOf(n), RETURN_DATA));
}

/** Takes the oldest item of a queue; `Status.Empty` when there is none. */
export function dequeueSharedQueue(queueId: u32): BytesResult {
  return returnedBytes(proxy_dequeue_shared_queue(queueId, RETURN_DATA, RETURN_SIZE));
}

/** Appends an item to a queue; its owner then gets `onQueueReady`. */
export function enqueueSharedQueue(queueId: u32, value: ArrayBuffer | null): Status {
  return proxy_enqueue_shared_queue(queueId, dataOf(value), sizeOf(value));
}
