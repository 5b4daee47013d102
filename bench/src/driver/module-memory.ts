/**
 * A plugin's linear memory as the lean driver's host functions use it: reads, little-endian writes, and values
 * returned the way cpp-host returns them (the module's `malloc`, then the block's address and size written to the
 * out-slots it passed; an empty value is 0/0 with no allocation).
 */
import { encodeTextInto, utf8Length } from "./text.js";

const PAGE_BYTES = 65536;

/** Linear memory plus the module's allocator, attached once the module is instantiated. */
export class ModuleMemory {
  private memory!: WebAssembly.Memory;
  private malloc!: (size: number) => number;
  private buffer: ArrayBuffer | SharedArrayBuffer | undefined;
  private view!: DataView;
  /** The current bytes; re-read after anything that may grow memory. */
  bytes!: Uint8Array;

  /** Binds to the instance's exported `memory` and `malloc`. */
  attach(instance: WebAssembly.Instance): void {
    this.memory = instance.exports["memory"] as WebAssembly.Memory;
    this.malloc = instance.exports["malloc"] as (size: number) => number;
    this.refresh();
  }

  /** Re-reads `memory.buffer`, which growth replaces. */
  refresh(): void {
    const buffer = this.memory.buffer;
    if (buffer === this.buffer) return;
    this.buffer = buffer;
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(buffer);
  }

  /** Linear memory size in 64 KiB pages. */
  get pages(): number {
    return this.memory.buffer.byteLength / PAGE_BYTES;
  }

  /** A copy of `size` bytes at `ptr`. */
  read(ptr: number, size: number): Uint8Array {
    this.refresh();
    return this.bytes.slice(ptr, ptr + size);
  }

  /** Writes a u32 at `ptr`. */
  writeU32(ptr: number, value: number): void {
    this.refresh();
    this.view.setUint32(ptr, value >>> 0, true);
  }

  /** Writes a u64 at `ptr`. */
  writeU64(ptr: number, value: bigint): void {
    this.refresh();
    this.view.setBigUint64(ptr, value, true);
  }

  /** Allocates `size` bytes in the module and writes the block's address and size to the out-slots. */
  private allocateOut(size: number, ptrPtr: number, sizePtr: number): number {
    const ptr = size === 0 ? 0 : this.malloc(size) >>> 0;
    this.refresh();
    this.view.setUint32(ptrPtr, ptr, true);
    this.view.setUint32(sizePtr, size, true);
    return ptr;
  }

  /** Returns bytes to the module. */
  returnBytes(data: Uint8Array, ptrPtr: number, sizePtr: number): void {
    const ptr = this.allocateOut(data.length, ptrPtr, sizePtr);
    if (data.length > 0) this.bytes.set(data, ptr);
  }

  /** Returns text to the module as UTF-8. */
  returnText(text: string, ptrPtr: number, sizePtr: number): void {
    const ptr = this.allocateOut(utf8Length(text), ptrPtr, sizePtr);
    if (text.length > 0) encodeTextInto(text, this.bytes, ptr);
  }

  /** Returns header pairs in the proxy-wasm wire format (count, lengths, then NUL-terminated keys and values). */
  returnPairs(pairs: ReadonlyArray<readonly [string, string]>, ptrPtr: number, sizePtr: number): void {
    if (pairs.length === 0) {
      this.allocateOut(0, ptrPtr, sizePtr);
      return;
    }
    const lengths = pairs.map(([key, value]) => [utf8Length(key), utf8Length(value)] as const);
    const size = lengths.reduce((sum, [k, v]) => sum + 8 + k + 1 + v + 1, 4);
    const ptr = this.allocateOut(size, ptrPtr, sizePtr);
    const bytes = this.bytes;
    this.view.setUint32(ptr, pairs.length, true);
    let at = ptr + 4;
    for (const [k, v] of lengths) {
      this.view.setUint32(at, k, true);
      this.view.setUint32(at + 4, v, true);
      at += 8;
    }
    for (const [key, value] of pairs) {
      at += encodeTextInto(key, bytes, at);
      bytes[at++] = 0;
      at += encodeTextInto(value, bytes, at);
      bytes[at++] = 0;
    }
  }
}
