// Memory that crosses the ABI.
//
// Host -> module: the host allocates every returned value by calling our `malloc` re-entrantly, inside the host
// call, then writes the block's address and size to out-slots we passed. `malloc` hands out raw `heap.alloc`
// blocks: the garbage collector neither sees, moves nor frees them, so a block stays valid until the wrapper
// has copied it into a managed `ArrayBuffer` (or parsed it) and released it with `heap.free`. No block outlives
// the wrapper call, so memory stays flat however many calls are made.
//
// Module -> host: wrappers pass pointers into managed buffers they keep alive in locals for the duration of the
// call; the host copies what it needs before returning.
import { countHostBytes } from "./collector";
import { BytesResult, Result } from "./result";
import { deserializePairsAt, Pair } from "./serde/pairs";
import { Status } from "./types";

const slots: usize = memory.data(16, 8);

/** Out-slot for a returned block's address (u32), or for a returned u32/u64 value. */
export const RETURN_DATA: usize = slots;
/** Out-slot for a returned block's size (u32). */
export const RETURN_SIZE: usize = slots + 4;
/** Out-slot for a third returned u32 (shared-data CAS, callout status code). */
export const RETURN_EXTRA: usize = slots + 8;

/**
 * The allocator the host calls to return data (exported as `malloc` and `proxy_on_memory_allocate`).
 * Returns an unmanaged block the caller must `heap.free`.
 */
export function malloc(size: usize): usize {
  return heap.alloc(size);
}

/** The bytes a host call returned through RETURN_DATA/RETURN_SIZE, taken only when `status` is Ok. */
export function returnedBytes(status: Status): BytesResult {
  return new BytesResult(status, status == Status.Ok ? takeReturnedBytes() : null);
}

/** The pairs a host call returned; a malformed block turns an Ok into `Status.ParseFailure`. */
export function returnedPairs(status: Status): Result<Pair[] | null> {
  if (status != Status.Ok) return new Result<Pair[] | null>(status, null);
  const pairs = takeReturnedPairs();
  return new Result<Pair[] | null>(pairs === null ? Status.ParseFailure : status, pairs);
}

/** The u32 a host call wrote to RETURN_DATA (0 unless `status` is Ok). */
export function returnedU32(status: Status): Result<u32> {
  return new Result<u32>(status, status == Status.Ok ? load<u32>(RETURN_DATA) : 0);
}

/** Copies the block described by RETURN_DATA/RETURN_SIZE into a managed buffer and frees it. */
export function takeReturnedBytes(): ArrayBuffer {
  const ptr = <usize>load<u32>(RETURN_DATA);
  const size = <usize>load<u32>(RETURN_SIZE);
  const bytes = new ArrayBuffer(<i32>size);
  countHostBytes(size);
  if (ptr != 0) {
    memory.copy(changetype<usize>(bytes), ptr, size);
    heap.free(ptr);
  }
  return bytes;
}

/** Parses the block described by RETURN_DATA/RETURN_SIZE as pairs and frees it; `null` if malformed. */
function takeReturnedPairs(): Pair[] | null {
  const ptr = <usize>load<u32>(RETURN_DATA);
  if (ptr == 0) return [];
  const size = <usize>load<u32>(RETURN_SIZE);
  countHostBytes(size);
  const pairs = deserializePairsAt(ptr, size);
  heap.free(ptr);
  return pairs;
}

/** Address of a buffer's bytes, or 0 for `null`. */
// @ts-ignore: decorator
@inline export function dataOf(buffer: ArrayBuffer | null): usize {
  return buffer === null ? 0 : changetype<usize>(buffer);
}

/** Byte length of a buffer, or 0 for `null`. */
// @ts-ignore: decorator
@inline export function sizeOf(buffer: ArrayBuffer | null): usize {
  return buffer === null ? 0 : <usize>buffer.byteLength;
}

/** UTF-8 bytes of `text`. */
// @ts-ignore: decorator
@inline export function utf8(text: string): ArrayBuffer {
  return String.UTF8.encode(text);
}
