/**
 * A minimal local gateway: a node:http listener whose every request runs through the plugin's stream and streams
 * on to one upstream with node:http as the plugin releases it (routes and clusters: `startGatewayFromEnvoyYaml`).
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PluginHost } from "../plugin-host.js";
import type { ResponseSink, StreamingUpstream } from "../stream/messages.js";
import { fromRawHeaders, toOutgoingHeaders } from "./hop-by-hop.js";
import { hasBody, proxyRequest } from "./upstream-proxy.js";

/** Where the gateway listens and forwards. */
export interface GatewayOptions {
  readonly host: PluginHost;
  /** The upstream base URL, e.g. `http://127.0.0.1:8080`. */
  readonly upstream: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default `127.0.0.1`. */
  readonly hostname?: string;
}

/** A running gateway. */
export interface Gateway {
  /** `http://<hostname>:<port>`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Forwards to `base`, or to the host a plugin chose with `proxy_set_upstream_override_host`. */
function httpUpstream(base: URL): StreamingUpstream {
  return {
    start(forwarded) {
      const target = forwarded.overrideHost ?? base.host;
      const [host, port] = target.includes(":") ? target.split(":") : [target, base.port];
      return proxyRequest({ host: host!, port: Number(port || 80) }, forwarded);
    },
  };
}

/** Starts the gateway; ticks are driven by a real timer at the plugin's tick period. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { host } = options;
  const upstream = httpUpstream(new URL(options.upstream));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void serve(host, upstream, req, res);
  });
  let timer: NodeJS.Timeout | undefined;
  const armTicks = () => {
    clearInterval(timer);
    timer = host.tickPeriodMs > 0 ? setInterval(() => host.tick(), host.tickPeriodMs) : undefined;
  };
  host.services.events.on("tick-period", armTicks);
  armTicks();
  server.listen(options.port ?? 0, options.hostname ?? "127.0.0.1");
  await once(server, "listening");
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    async close() {
      clearInterval(timer);
      host.services.events.off("tick-period", armTicks);
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

async function serve(host: PluginHost, upstream: StreamingUpstream, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const sink: ResponseSink = {
    headers: (headers) => {
      res.writeHead(Number(headers.find(([k]) => k === ":status")?.[1] ?? 502), toOutgoingHeaders(headers));
      res.flushHeaders();
    },
    data: (chunk) => res.write(chunk),
  };
  const result = await host.request(
    {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      authority: req.headers.host ?? "localhost",
      headers: fromRawHeaders(req.rawHeaders),
      body: hasBody(req, false) ? req : undefined,
      protocol: `HTTP/${req.httpVersion}`,
      source: { address: req.socket.remoteAddress ?? "127.0.0.1", port: req.socket.remotePort ?? 0 },
      destination: { address: req.socket.localAddress ?? "127.0.0.1", port: req.socket.localPort ?? 0 },
    },
    { upstream, sink, strict: false }, // the gateway logs violations and keeps serving
  );
  if (result.reset !== undefined) res.destroy();
  else res.end();
}
