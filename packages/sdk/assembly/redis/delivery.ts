// Delivers the replies of Redis calls: the host answers on the root context, whose `onRedisCallResponse` hands
// every reply here.
import { RedisStatus } from "@higress-ts/proxy-wasm/assembly";
import { takePendingRedisCall } from "./pending";

/**
 * Hands the reply to call `token` to its callback, with the stream that made the call as the effective context
 * (dropped when that stream is gone, as in Go). A status other than Ok reaches the callback as the error value
 * `cannot connect to redis cluster`; a `NOAUTH` reply to a client's command first re-runs the client's init and
 * sends the command once more. Returns false when `token` is not a call of this SDK.
 */
export function deliverRedisCallResponse(token: u32, status: RedisStatus, responseSize: u32): bool {
  const call = takePendingRedisCall(token);
  if (call === null) return false;
  call.answer(status, responseSize);
  return true;
}
