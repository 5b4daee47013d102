/** What the case runner needs from a gateway, whichever runs it. */

/** The backends: the Higress gateway under docker compose, or the local gateway of @higress-ts/host. */
export type BackendName = "docker" | "local";

/** A running gateway with its upstream services. */
export interface Backend {
  readonly name: BackendName;
  /** The gateway's listener, e.g. `http://127.0.0.1:10000`. */
  readonly url: string;
  /** Runs the gateway on new envoy.yaml text; the upstream services keep running. */
  configure(envoyYaml: string): Promise<void>;
  /** The gateway's latest log lines, to explain a failed case. */
  logs(): Promise<string>;
  /** Stops the gateway and the upstream services. */
  stop(): Promise<void>;
}
