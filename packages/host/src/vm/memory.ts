/** Bounds-checked access to a module's linear memory (cpp-host `getMemory`/`setMemory`/`setWord`). */

/** Thrown for a `(ptr, size)` outside linear memory; host functions turn it into `INVALID_MEMORY_ACCESS`. */
export class MemoryAccessError extends Error {
  constructor(ptr: number, size: number) {
    super(`invalid memory access: ${size} bytes at ${ptr}`);
  }
}

const decoder = new TextDecoder();

/** Little-endian reads and writes of wasm32 linear memory; always re-reads `memory.buffer`, which growth replaces. */
export class LinearMemory {
  constructor(private readonly memory: WebAssembly.Memory) {}

  /** Current size in bytes (what `plugin_vm_memory` reports). */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  private range(ptr: number, size: number): Uint8Array {
    const p = ptr >>> 0;
    const n = size >>> 0;
    const buffer = this.memory.buffer;
    if (p + n > buffer.byteLength) throw new MemoryAccessError(p, n);
    return new Uint8Array(buffer, p, n);
  }

  /** A copy of `size` bytes at `ptr`. */
  read(ptr: number, size: number): Uint8Array {
    return this.range(ptr, size).slice();
  }

  /** The UTF-8 text of `size` bytes at `ptr`. */
  readString(ptr: number, size: number): string {
    return decoder.decode(this.range(ptr, size));
  }

  /** Copies `data` to `ptr`. */
  write(ptr: number, data: Uint8Array): void {
    this.range(ptr, data.length).set(data);
  }

  /** Reads a u32 at `ptr`. */
  readU32(ptr: number): number {
    const bytes = this.range(ptr, 4);
    return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  }

  /** Writes a u32 at `ptr`. */
  writeU32(ptr: number, value: number): void {
    const bytes = this.range(ptr, 4);
    new DataView(bytes.buffer, bytes.byteOffset, 4).setUint32(0, value >>> 0, true);
  }

  /** Writes a u64 at `ptr`. */
  writeU64(ptr: number, value: bigint): void {
    const bytes = this.range(ptr, 8);
    new DataView(bytes.buffer, bytes.byteOffset, 8).setBigUint64(0, BigInt.asUintN(64, value), true);
  }
}
