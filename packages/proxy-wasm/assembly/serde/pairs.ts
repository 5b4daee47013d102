// Header maps ("pairs") in the proxy-wasm wire format:
//   u32 N, then N × (u32 key_len, u32 value_len), then N × (key bytes, 0x00, value bytes, 0x00); little-endian.

/** One header (or gRPC metadata / property map) entry, kept as the raw bytes that cross the ABI. */
export class Pair {
  constructor(public key: ArrayBuffer, public value: ArrayBuffer) {}

  /** A pair from UTF-8 encoded strings. */
  static of(key: string, value: string): Pair {
    return new Pair(String.UTF8.encode(key), String.UTF8.encode(value));
  }

  /** The key decoded from UTF-8. */
  keyText(): string {
    return String.UTF8.decode(this.key);
  }

  /** The value decoded from UTF-8. */
  valueText(): string {
    return String.UTF8.decode(this.value);
  }
}

/** Serializes `pairs`; an empty list gives an empty buffer, which is how an empty map is sent to the host. */
export function serializePairs(pairs: Pair[]): ArrayBuffer {
  const count = pairs.length;
  if (count == 0) return new ArrayBuffer(0);
  let size: usize = 4;
  for (let i = 0; i < count; i++) {
    const pair = unchecked(pairs[i]);
    size += 10 + <usize>pair.key.byteLength + <usize>pair.value.byteLength;
  }
  const buffer = new ArrayBuffer(<i32>size);
  const base = changetype<usize>(buffer);
  store<u32>(base, count);
  let lengths = base + 4;
  let data = lengths + 8 * <usize>count;
  for (let i = 0; i < count; i++) {
    const pair = unchecked(pairs[i]);
    const keyLength = <usize>pair.key.byteLength;
    const valueLength = <usize>pair.value.byteLength;
    store<u32>(lengths, <u32>keyLength);
    store<u32>(lengths, <u32>valueLength, 4);
    lengths += 8;
    memory.copy(data, changetype<usize>(pair.key), keyLength);
    data += keyLength + 1; // the NUL is already there: a new ArrayBuffer is zeroed
    memory.copy(data, changetype<usize>(pair.value), valueLength);
    data += valueLength + 1;
  }
  return buffer;
}

/** Parses a serialized map; `null` when the bytes are malformed (never a trap). */
export function deserializePairs(buffer: ArrayBuffer): Pair[] | null {
  return deserializePairsAt(changetype<usize>(buffer), <usize>buffer.byteLength);
}

/**
 * Parses `size` bytes at `ptr`. Empty input is an empty map. Malformed input (short header, lengths running
 * past the end, a missing NUL terminator, trailing bytes) gives `null`.
 */
export function deserializePairsAt(ptr: usize, size: usize): Pair[] | null {
  if (size == 0) return [];
  if (size < 4) return null;
  const count = <usize>load<u32>(ptr);
  const end = ptr + size;
  let lengths = ptr + 4;
  if (count > (size - 4) / 8) return null;
  let data = lengths + 8 * count;
  const pairs = new Array<Pair>(<i32>count);
  for (let i: usize = 0; i < count; i++) {
    const keyLength = <usize>load<u32>(lengths);
    const valueLength = <usize>load<u32>(lengths, 4);
    lengths += 8;
    const key = takeTerminated(data, keyLength, end);
    if (key === null) return null;
    data += keyLength + 1;
    const value = takeTerminated(data, valueLength, end);
    if (value === null) return null;
    data += valueLength + 1;
    unchecked((pairs[<i32>i] = new Pair(key, value)));
  }
  return data == end ? pairs : null;
}

/** Copies `length` bytes at `ptr` if they and their NUL terminator lie before `end`. */
function takeTerminated(ptr: usize, length: usize, end: usize): ArrayBuffer | null {
  if (length >= end - ptr || load<u8>(ptr + length) != 0) return null;
  const bytes = new ArrayBuffer(<i32>length);
  memory.copy(changetype<usize>(bytes), ptr, length);
  return bytes;
}
