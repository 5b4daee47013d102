// Host imports: contexts and foreign functions.
import { Status } from "../types";

/** Makes later host calls of this VM call act on `context_id` (until the current callback returns). */
@external("env", "proxy_set_effective_context")
export declare function proxy_set_effective_context(context_id: u32): Status;

/** Tells the host a root context whose `proxy_on_done` returned false is now done. */
@external("env", "proxy_done")
export declare function proxy_done(): Status;

/** Calls a host-registered foreign function; results go to a host-allocated block. */
@external("env", "proxy_call_foreign_function")
export declare function proxy_call_foreign_function(
  name_data: usize, name_size: usize, arguments_data: usize, arguments_size: usize,
  return_results_data: usize, return_results_size: usize,
): Status;
