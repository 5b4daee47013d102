// The context of one TCP connection (Envoy network filter).
import { Action, PeerType } from "../types";
import { Context } from "./context";
import { RootContext } from "./root";

/**
 * One TCP connection, created by its plugin's `RootContext.createStreamContext`. Data is read and changed with
 * `getBufferBytes(BufferType.DownstreamData | BufferType.UpstreamData, ...)` while the callback runs.
 */
export class StreamContext extends Context {
  constructor(id: u32, public readonly root: RootContext) {
    super(id);
  }

  /** A downstream connection was accepted. */
  onNewConnection(): Action {
    return Action.Continue;
  }

  /** Bytes arrived from the client. */
  onDownstreamData(dataSize: u32, endOfStream: bool): Action {
    return Action.Continue;
  }

  /** The client side of the connection closed. */
  onDownstreamConnectionClose(peer: PeerType): void {}

  /** Bytes arrived from the upstream. */
  onUpstreamData(dataSize: u32, endOfStream: bool): Action {
    return Action.Continue;
  }

  /** The upstream side of the connection closed. */
  onUpstreamConnectionClose(peer: PeerType): void {}
}
