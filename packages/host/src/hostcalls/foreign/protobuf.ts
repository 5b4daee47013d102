/** Just enough of the protobuf wire format for Envoy's foreign-function arguments and results (`ext/*.proto`). */

/** A decoded field: a varint, or the bytes of a length-delimited field. */
export type ProtoValue = bigint | Uint8Array;

/** A message's fields by number; a repeated scalar keeps its last value, as proto3 parsing does. */
export type ProtoMessage = ReadonlyMap<number, ProtoValue>;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/** Decodes a message; undefined where C++ `ParseFromString` fails (truncation, bad wire type). */
export function decodeMessage(bytes: Uint8Array): ProtoMessage | undefined {
  const fields = new Map<number, ProtoValue>();
  let pos = 0;
  const varint = (): bigint | undefined => {
    let value = 0n;
    for (let shift = 0n; pos < bytes.length && shift < 70n; shift += 7n) {
      const byte = bytes[pos++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    return undefined;
  };
  while (pos < bytes.length) {
    const key = varint();
    if (key === undefined || key >> 3n === 0n) return undefined;
    const field = Number(key >> 3n);
    switch (Number(key & 7n)) {
      case 0: {
        const value = varint();
        if (value === undefined) return undefined;
        fields.set(field, value);
        break;
      }
      case 1:
      case 5: {
        const size = (key & 7n) === 1n ? 8 : 4;
        if (pos + size > bytes.length) return undefined;
        fields.set(field, bytes.slice(pos, pos + size));
        pos += size;
        break;
      }
      case 2: {
        const length = varint();
        if (length === undefined || pos + Number(length) > bytes.length) return undefined;
        fields.set(field, bytes.slice(pos, pos + Number(length)));
        pos += Number(length);
        break;
      }
      default:
        return undefined;
    }
  }
  return fields;
}

/** A `string` field (proto3 requires UTF-8; invalid text fails the parse, as in C++); "" when absent. */
export function stringField(message: ProtoMessage, field: number): string | undefined {
  const value = message.get(field);
  if (value === undefined) return "";
  if (typeof value === "bigint") return undefined;
  try {
    return strictUtf8.decode(value);
  } catch {
    return undefined;
  }
}

/** A `bytes` field; empty when absent. */
export function bytesField(message: ProtoMessage, field: number): Uint8Array {
  const value = message.get(field);
  return value instanceof Uint8Array ? value : new Uint8Array(0);
}

/** A varint field (`bool`, enum, integer); 0 when absent. */
export function varintField(message: ProtoMessage, field: number): number {
  const value = message.get(field);
  return typeof value === "bigint" ? Number(BigInt.asUintN(32, value)) : 0;
}

/** Encodes fields in order, skipping proto3 defaults (false, empty) as `SerializeToArray` does. */
export function encodeMessage(fields: ReadonlyArray<readonly [number, boolean | string | Uint8Array]>): Uint8Array {
  const out: number[] = [];
  const varint = (n: number) => {
    for (; n > 0x7f; n = Math.floor(n / 128)) out.push((n & 0x7f) | 0x80);
    out.push(n);
  };
  for (const [field, value] of fields) {
    if (typeof value === "boolean") {
      if (!value) continue;
      varint(field << 3);
      varint(1);
      continue;
    }
    const bytes = typeof value === "string" ? encoder.encode(value) : value;
    if (bytes.length === 0) continue;
    varint((field << 3) | 2);
    varint(bytes.length);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}
