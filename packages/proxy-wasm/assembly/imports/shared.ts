// Host imports: shared data and shared queues (shared by every VM with the same vm_id).
import { Status } from "../types";

/** Reads a value (host-allocated block) and its CAS (u32). */
@external("env", "proxy_get_shared_data")
export declare function proxy_get_shared_data(
  key_data: usize, key_size: usize, return_value_data: usize, return_value_size: usize, return_cas: usize,
): Status;

/** Writes a value; `cas` 0 writes unconditionally, otherwise it must match the stored CAS. */
@external("env", "proxy_set_shared_data")
export declare function proxy_set_shared_data(
  key_data: usize, key_size: usize, value_data: usize, value_size: usize, cas: u32,
): Status;

/** Registers (or reuses) a queue owned by this root context; writes its id (u32). */
@external("env", "proxy_register_shared_queue")
export declare function proxy_register_shared_queue(name_data: usize, name_size: usize, return_queue_id: usize): Status;

/** Finds a queue registered by `vm_id` (empty: this VM); writes its id (u32). */
@external("env", "proxy_resolve_shared_queue")
export declare function proxy_resolve_shared_queue(
  vm_id_data: usize, vm_id_size: usize, name_data: usize, name_size: usize, return_queue_id: usize,
): Status;

/** Takes the oldest item (host-allocated block); `Empty` when there is none. */
@external("env", "proxy_dequeue_shared_queue")
export declare function proxy_dequeue_shared_queue(
  queue_id: u32, return_value_data: usize, return_value_size: usize,
): Status;

/** Appends an item; the owner then gets `proxy_on_queue_ready`. */
@external("env", "proxy_enqueue_shared_queue")
export declare function proxy_enqueue_shared_queue(queue_id: u32, value_data: usize, value_size: usize): Status;
