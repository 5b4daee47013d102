/** Envoy's `compress` / `uncompress`: zlib's `compress()` / `uncompress()` format (RFC 1950), default level. */
import { deflateSync, inflateSync } from "node:zlib";
import { WasmResult } from "../../abi/enums.js";
import type { ForeignOutcome } from "./outcome.js";

/** `compress`: the zlib stream of the argument; never fails in practice (`SERIALIZATION_FAILURE` otherwise). */
export function compress(_vm: unknown, args: Uint8Array): ForeignOutcome {
  try {
    return { status: WasmResult.Ok, result: deflateSync(args) };
  } catch {
    return { status: WasmResult.SerializationFailure };
  }
}

/** `uncompress`: the inflated bytes; `SERIALIZATION_FAILURE` for anything that is not one whole zlib stream. */
export function uncompress(_vm: unknown, args: Uint8Array): ForeignOutcome {
  try {
    return { status: WasmResult.Ok, result: inflateSync(args) };
  } catch {
    return { status: WasmResult.SerializationFailure };
  }
}
