// The reply a Redis callback receives, read from the host as Go's `redisCallInternal` reads it (reference §4.4).
import { BufferType, getBufferBytes, RedisStatus } from "@higress-ts/proxy-wasm/assembly";
import { ReadStatus, ReplyReader, RespValue } from "@higress-ts/resp/assembly/index";

/** The value of a failed call (status not Ok): Go's `cannot connect to redis cluster` (timeouts included). */
@lazy export const CANNOT_CONNECT = "cannot connect to redis cluster";
/** The value when the host's reply buffer cannot be read. */
@lazy export const CANNOT_GET_RESPONSE = "cannot get redis response";
/** The value when the reply is not one complete RESP value. */
@lazy export const CANNOT_READ_RESPONSE = "cannot read redis response";
/** The error Redis answers to a connection that is not authenticated. */
@lazy export const NOAUTH = "NOAUTH Authentication required";

/**
 * The reply of the call being answered, from `BufferType.RedisCallResponse` (readable only during
 * `proxy_on_redis_call_response`); the SDK's own error values when there is none.
 */
export function readRedisReply(status: RedisStatus, responseSize: u32): RespValue {
  if (status != RedisStatus.Ok) return RespValue.fromError(CANNOT_CONNECT);
  const read = getBufferBytes(BufferType.RedisCallResponse, 0, responseSize);
  const bytes = read.value;
  if (!read.ok || bytes === null) return RespValue.fromError(CANNOT_GET_RESPONSE);
  const reader = new ReplyReader();
  reader.feed(Uint8Array.wrap(bytes));
  if (reader.read() != ReadStatus.Reply) return RespValue.fromError(CANNOT_READ_RESPONSE);
  return reader.reply!;
}

/** Whether a reply says the connection must authenticate (Go retries the call once after a new init). */
export function isNoAuth(reply: RespValue): bool {
  const error = reply.error();
  return error !== null && error.includes(NOAUTH);
}
