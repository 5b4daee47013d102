/**
 * A minimal local gateway: a node:http listener whose every request runs through the plugin's stream
 * and is then forwarded to one upstream with node:http. (Routes and clusters from an envoy.yaml come later.)
 */
import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PluginHost } from "../plugin-host.js";
import type { ResponseSink, Upstream, UpstreamResponse } from "../stream/messages.js";
import { fromRawHeaders, toOutgoingHeaders } from "./hop-by-hop.js";

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

/** Envoy's router answer when the upstream cannot be reached (a reply the plugin's response callbacks see). */
function connectFailure(reason: string): UpstreamResponse {
  return {
    status: 503,
    headers: { "content-type": "text/plain" },
    body: `upstream connect error or disconnect/reset before headers. reset reason: ${reason}`,
  };
}

/**
 * Whether an HTTP/1 message has a body, as the codec decides it from the framing: a request only with
 * content-length or transfer-encoding; a response also when it is delimited by the connection closing.
 */
function hasBody(message: IncomingMessage, response: boolean): boolean {
  const length = message.headers["content-length"];
  if (length !== undefined) return length !== "0";
  return response || message.headers["transfer-encoding"] !== undefined;
}

/** Forwards the filtered request to `base` with node:http; the response body streams back as chunks. */
function httpUpstream(base: URL): Upstream {
  return (forwarded) =>
    new Promise((resolve) => {
      const path = forwarded.headers.find(([k]) => k === ":path")?.[1] ?? "/";
      const method = forwarded.headers.find(([k]) => k === ":method")?.[1] ?? "GET";
      const target = forwarded.overrideHost ?? base.host;
      const [hostname, port] = target.includes(":") ? target.split(":") : [target, base.port];
      const outgoing = httpRequest({ hostname, port, method, path, headers: toOutgoingHeaders(forwarded.headers) });
      outgoing.on("response", (res: IncomingMessage) => {
        const status = res.statusCode ?? 502;
        const bodiless = method === "HEAD" || status < 200 || status === 204 || status === 304;
        resolve({ status, headers: fromRawHeaders(res.rawHeaders), body: bodiless || !hasBody(res, true) ? undefined : res });
      });
      outgoing.on("error", (error: NodeJS.ErrnoException) => resolve(connectFailure(error.code ?? "connection failure")));
      outgoing.end(forwarded.body);
    });
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

async function serve(host: PluginHost, upstream: Upstream, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
    { upstream, sink },
  );
  if (result.reset !== undefined) res.destroy();
  else res.end();
}
