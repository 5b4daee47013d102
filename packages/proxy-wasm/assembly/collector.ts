// Garbage collection between callbacks.
//
// Modules are built with AssemblyScript's `minimal` runtime: a mark-and-sweep collector that runs only when
// `__collect()` is called. Unlike the `incremental` runtime it needs no shadow stack (every function spilling its
// references to memory so that a collection inside an allocation can find them), which halves the code of every
// function. The price: a collection is safe only while no AssemblyScript frame holds a reference in a wasm local,
// which is the case when the host enters a callback. (The host re-enters the module inside a host call only to
// allocate, through `malloc`, which never collects; Envoy defers whatever a host call triggers, such as a local
// reply's response callbacks, until the callback has returned.)
//
// So every exported callback begins with `collectIfDue()`, which collects when the garbage made since the last
// collection may have become worth it: after a number of callbacks, after a volume of bytes copied from the host
// (bodies, header maps: what a long stream allocates), or when linear memory grew. The garbage between two
// collections is bounded, so memory stays flat however long a VM or a stream lives, and the cost of a collection
// (proportional to the live objects) is spread over many callbacks.

/** Collect at the latest after this many callbacks. */
export const COLLECT_AFTER_CALLBACKS: i32 = 64;
/** Collect at the latest after this many bytes were copied from the host into the module. */
export const COLLECT_AFTER_HOST_BYTES: usize = 1 << 20;

let callbacksSinceCollection = 0;
let hostBytesSinceCollection: usize = 0;
let pagesAtCollection = memory.size();

/** Called first by every exported callback: collects garbage when it is due. */
export function collectIfDue(): void {
  if (++callbacksSinceCollection < COLLECT_AFTER_CALLBACKS && hostBytesSinceCollection < COLLECT_AFTER_HOST_BYTES
    && memory.size() == pagesAtCollection) return;
  __collect();
  callbacksSinceCollection = 0;
  hostBytesSinceCollection = 0;
  pagesAtCollection = memory.size();
}

/** Counts `size` bytes the host returned into the module's managed memory. */
// @ts-ignore: decorator
@inline export function countHostBytes(size: usize): void {
  hostBytesSinceCollection += size;
}
