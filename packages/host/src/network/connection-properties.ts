/** The property tree of a network stream (reference §7.2): what Envoy's connection stream info answers. */
import { rootProperties, type PropertyBranch } from "../properties/tree.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import type { PeerAddress } from "./messages.js";

/** What a connection exposes to the tree. */
export interface ConnectionAttributes {
  readonly connectionId: bigint;
  readonly source: PeerAddress;
  readonly destination: PeerAddress;
}

/**
 * The tree of a network stream: the Wasm tokens, `connection_id`, `connection.id`, `connection.mtls` (false: the
 * local host accepts plaintext only) and the peer addresses. No `request.*` / `response.*`: a TCP stream has none.
 */
export function connectionProperties(vm: PluginVm, c: ConnectionAttributes): PropertyBranch {
  return {
    ...rootProperties(vm),
    connection_id: c.connectionId,
    connection: { id: c.connectionId, mtls: false },
    source: { address: `${c.source.address}:${c.source.port}`, port: BigInt(c.source.port) },
    destination: { address: `${c.destination.address}:${c.destination.port}`, port: BigInt(c.destination.port) },
  };
}
