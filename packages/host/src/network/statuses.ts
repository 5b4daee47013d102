/** The network filter's statuses and close types (reference §2.3, §2.8). */

/** Envoy's `Network::FilterStatus`: what `on_new_connection` / `on_downstream_data` / `on_upstream_data` return. */
export enum NetworkFilterStatus {
  Continue = 0,
  StopIteration = 1,
}

/** `proxy_peer_type_t` (cpp-host `CloseType`): the second argument of the connection-close callbacks. */
export enum PeerType {
  Unknown = 0,
  /** Closed by the proxy (the plugin, a failed VM, or the proxy after the upstream went away). */
  Local = 1,
  /** Closed by the peer. */
  Remote = 2,
}

/** cpp-host's conversion for network callbacks: 0 continues, any other value stops iteration. */
export function toNetworkFilterStatus(raw: number): NetworkFilterStatus {
  return raw === 0 ? NetworkFilterStatus.Continue : NetworkFilterStatus.StopIteration;
}
