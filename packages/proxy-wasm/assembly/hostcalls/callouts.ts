// Typed host calls: HTTP and gRPC callouts. Each runs on the root context; its answer arrives at that root
// context's `onHttpCallResponse` / `onGrpc*` with the token returned here.
import {
  proxy_get_status, proxy_grpc_call, proxy_grpc_cancel, proxy_grpc_close, proxy_grpc_send, proxy_grpc_stream,
  proxy_http_call,
} from "../imports/callouts";
import {
  dataOf, RETURN_DATA, RETURN_EXTRA, RETURN_SIZE, returnedU32, sizeOf, takeReturnedBytes, utf8,
} from "../memory";
import { BytesResult, Result } from "../result";
import { Pair, serializePairs } from "../serde/pairs";
import { Status } from "../types";

/**
 * Sends an HTTP request to the Envoy cluster `cluster`. `headers` must hold `:method`, `:path` and `:authority`;
 * `timeoutMilliseconds` 0 means no timeout. The value is the call's token.
 */
export function httpCall(
  cluster: string, headers: Pair[], body: ArrayBuffer | null, trailers: Pair[], timeoutMilliseconds: u32,
): Result<u32> {
  const c = utf8(cluster);
  const h = serializePairs(headers);
  const t = serializePairs(trailers);
  return returnedU32(proxy_http_call(
    dataOf(c), sizeOf(c), dataOf(h), sizeOf(h), dataOf(body), sizeOf(body), dataOf(t), sizeOf(t),
    timeoutMilliseconds, RETURN_DATA,
  ));
}

/** Starts a unary gRPC call; `service` is a cluster name or a serialized `GrpcService`. The value is the token. */
export function grpcCall(
  service: ArrayBuffer, serviceName: string, method: string, initialMetadata: Pair[], message: ArrayBuffer | null,
  timeoutMilliseconds: u32,
): Result<u32> {
  const name = utf8(serviceName);
  const m = utf8(method);
  const metadata = serializePairs(initialMetadata);
  return returnedU32(proxy_grpc_call(
    dataOf(service), sizeOf(service), dataOf(name), sizeOf(name), dataOf(m), sizeOf(m),
    dataOf(metadata), sizeOf(metadata), dataOf(message), sizeOf(message), timeoutMilliseconds, RETURN_DATA,
  ));
}

/** Opens a gRPC stream; the value is its token. */
export function grpcStream(
  service: ArrayBuffer, serviceName: string, method: string, initialMetadata: Pair[],
): Result<u32> {
  const name = utf8(serviceName);
  const m = utf8(method);
  const metadata = serializePairs(initialMetadata);
  return returnedU32(proxy_grpc_stream(
    dataOf(service), sizeOf(service), dataOf(name), sizeOf(name), dataOf(m), sizeOf(m),
    dataOf(metadata), sizeOf(metadata), RETURN_DATA,
  ));
}

/** Sends `message` on the gRPC stream `token`. */
export function grpcSend(token: u32, message: ArrayBuffer | null, endStream: bool): Status {
  return proxy_grpc_send(token, dataOf(message), sizeOf(message), endStream);
}

/** Cancels a gRPC call or stream. */
export function grpcCancel(token: u32): Status {
  return proxy_grpc_cancel(token);
}

/** Closes a gRPC call or stream. */
export function grpcClose(token: u32): Status {
  return proxy_grpc_close(token);
}

/** The root context's last callout status: `code` (e.g. 11 after a failed HTTP call) and the message in `value`. */
export class CalloutStatus extends BytesResult {
  constructor(status: Status, message: ArrayBuffer | null, public code: u32) {
    super(status, message);
  }
}

/** Reads the root context's last callout status (a failed HTTP call, a closed gRPC call). */
export function getStatus(): CalloutStatus {
  const status = proxy_get_status(RETURN_EXTRA, RETURN_DATA, RETURN_SIZE);
  const code = status == Status.Ok ? load<u32>(RETURN_EXTRA) : 0;
  return new CalloutStatus(status, status == Status.Ok ? takeReturnedBytes() : null, code);
}
