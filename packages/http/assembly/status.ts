/** The status code of an http call's response, decided as Higress's Go SDK decides it. */
import { Pair } from "@higress-ts/proxy-wasm/assembly";
import { isHeaderName } from "./header-name";

/** The status code given when the response has no `:status` header, or the call failed (502 Bad Gateway). */
export const STATUS_BAD_GATEWAY: i32 = 502;

/** The status code given when `:status` is not a number (500 Internal Server Error). */
export const STATUS_INTERNAL_SERVER_ERROR: i32 = 500;

/**
 * The status code of a response with these headers: the first `:status` read as a decimal integer with an
 * optional sign (Go's `strconv.Atoi`), 502 when there is no `:status`, 500 when it does not parse or does
 * not fit an i32.
 */
export function responseStatusCode(headers: Pair[]): i32 {
  for (let i = 0; i < headers.length; i++) {
    const header = unchecked(headers[i]);
    if (isHeaderName(header.key, ":status")) return parseStatusCode(header.value);
  }
  return STATUS_BAD_GATEWAY;
}

/** `value` (ASCII bytes) as an `[+-]digits` integer, or 500 when it is anything else. */
function parseStatusCode(value: ArrayBuffer): i32 {
  const bytes = changetype<usize>(value);
  const length = value.byteLength;
  let i = 0;
  let negative = false;
  if (length > 0) {
    const sign = load<u8>(bytes);
    if (sign == 0x2b /* + */ || sign == 0x2d /* - */) {
      negative = sign == 0x2d;
      i = 1;
    }
  }
  if (i == length) return STATUS_INTERNAL_SERVER_ERROR;
  let code: i64 = 0;
  for (; i < length; i++) {
    const c = <i32>load<u8>(bytes + <usize>i) - 0x30;
    if (c < 0 || c > 9) return STATUS_INTERNAL_SERVER_ERROR;
    code = code * 10 + c;
    if (code > <i64>i32.MAX_VALUE + 1) return STATUS_INTERNAL_SERVER_ERROR;
  }
  if (negative) code = -code;
  return code < i32.MIN_VALUE || code > i32.MAX_VALUE ? STATUS_INTERNAL_SERVER_ERROR : <i32>code;
}
