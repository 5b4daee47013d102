import { startGatewayFromEnvoyYaml, type EnvoyGateway, type EnvoyGatewayOptions } from "@higress-ts/host";
import { UserError } from "../user-error.js";

/**
 * The local gateway of one envoy.yaml that can be started again on the same ports, so a rebuilt plugin runs in a new
 * VM where clients already point. `source` is the yaml text or its path, as `startGatewayFromEnvoyYaml` takes it.
 */
export class ReloadableGateway {
  private constructor(
    private readonly source: string,
    private readonly options: EnvoyGatewayOptions,
    private current: EnvoyGateway | null,
  ) {}

  /** Starts the gateway; throws a UserError with the gateway's reason when it cannot start. */
  static async start(source: string, options: EnvoyGatewayOptions, described: string): Promise<ReloadableGateway> {
    const gateway = await startOrExplain(source, options, described);
    // Pin every listener to the port it got, for the reloads.
    const ports = Object.fromEntries(gateway.listeners.map((listener) => [listener.name, Number(new URL(listener.url).port)]));
    return new ReloadableGateway(source, { ...options, ports }, gateway);
  }

  /** The running gateway, or null after a reload that failed. */
  get gateway(): EnvoyGateway | null {
    return this.current;
  }

  /**
   * Stops the running gateway and starts it again from the file, which loads the plugins' modules anew. On failure the
   * gateway stays stopped (its ports are free) and the UserError says why; the next reload tries again.
   */
  async reload(described: string): Promise<void> {
    await this.close();
    this.current = await startOrExplain(this.source, this.options, described);
  }

  /** Stops the gateway and its plugins. */
  async close(): Promise<void> {
    await this.current?.close();
    this.current = null;
  }
}

async function startOrExplain(source: string, options: EnvoyGatewayOptions, described: string): Promise<EnvoyGateway> {
  let started;
  try {
    started = await startGatewayFromEnvoyYaml(source, options);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === "EADDRINUSE") {
      throw new UserError(`the gateway of ${described} cannot listen: ${message}`, "Stop what uses the port, or pass --port 0 for any free port.");
    }
    throw error;
  }
  if (!started.ok) throw new UserError(`the gateway of ${described} did not start: ${started.error}`, fixFor(started.error));
  return started.gateway;
}

/** What to do about the gateway's reason for not starting. */
function fixFor(error: string): string {
  if (error.startsWith("invalid envoy.yaml")) return "Fix the field named above; Envoy would refuse the file too.";
  if (error.includes("Failed to configure")) return "The plugin refused its configuration (its logs above say why): fix --config or the plugin's config parsing.";
  return "The plugin's logs above say why; fix the plugin and run again.";
}
