/** The shapes of one network (TCP) connection through the plugin: how it starts and how it ended. */

/** A peer address. */
export interface PeerAddress {
  readonly address: string;
  readonly port: number;
}

/** A downstream connection accepted by the listener. */
export interface ConnectionOptions {
  /** `source.address` / `source.port`: the client; default 127.0.0.1:50000. */
  readonly source?: PeerAddress;
  /** `destination.address` / `destination.port`: the listener; default 127.0.0.1:80. */
  readonly destination?: PeerAddress;
}

/** One side of the proxy: the client (`downstream`) or the upstream host. */
export type Peer = "downstream" | "upstream";

/** How the downstream connection was closed. */
export interface ConnectionClose {
  /**
   * Who closed it: the client, the upstream (the TCP proxy then closes the client's connection), the plugin
   * (`proxy_close_stream`), or Envoy itself because the VM failed (fail closed).
   */
  readonly by: Peer | "plugin" | "wasm_failure";
  /** Envoy's close details: `wasm_downstream_close` / `wasm_upstream_close` when the plugin closed it, else empty. */
  readonly details: string;
}
