import { UserError } from "../user-error.js";
import type { UpstreamCluster } from "./envoy-yaml.js";

/**
 * The upstream of the generated envoy.yaml when none is given: the guide's docker compose service `httpbin:80`, which
 * `run` starts locally (a real httpbin on a loopback port) and remaps the endpoint to.
 */
export const HTTPBIN: UpstreamCluster = { name: "httpbin", host: "httpbin", port: 80 };

/** The cluster for `--upstream <url>`: an `http://host[:port]` URL (the router speaks HTTP/1.1 without TLS). */
export function upstreamCluster(option: string): UpstreamCluster {
  let url: URL;
  try {
    url = new URL(option);
  } catch {
    throw new UserError(`--upstream ${option} is not a URL`, "Write it as http://<host>:<port>, e.g. http://127.0.0.1:8080.");
  }
  if (url.protocol !== "http:" || (url.pathname !== "/" && url.pathname !== "")) {
    throw new UserError(`--upstream ${option} is not an http://<host>:<port> URL`,
      "The local gateway forwards plain HTTP/1.1 to a host and port; drop the path, and use http:// (no TLS to upstreams).");
  }
  return { name: "upstream", host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: Number(url.port || 80) };
}

/** `--address name:port=host:port` options as the gateway's address map. */
export function addressMap(options: readonly string[]): Record<string, string> {
  const hostPort = /^[^\s:=]+:\d+$/;
  return Object.fromEntries(options.map((option) => {
    const [from, to, ...rest] = option.split("=");
    if (rest.length > 0 || !from || !to || !hostPort.test(from) || !hostPort.test(to)) {
      throw new UserError(`--address ${option} is not <name>:<port>=<host>:<port>`,
        "Write the endpoint as the envoy.yaml has it, then where it runs here, e.g. --address httpbin:80=127.0.0.1:8080.");
    }
    return [from, to];
  }));
}
